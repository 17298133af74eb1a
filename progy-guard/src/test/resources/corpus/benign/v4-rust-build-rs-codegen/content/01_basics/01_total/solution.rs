pub fn total(numbers: &[i32]) -> i32 {
    numbers.iter().sum()
}
