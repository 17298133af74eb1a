def total(numbers)
  numbers.sum
end
