"""Lists: see README.md for the task."""


def total(numbers):
    """The sum of the numbers; 0 for an empty list."""
    result = 0
    for number in numbers:
        result += number
    return result


def positives(numbers):
    """A new list of the numbers greater than zero, in the same order."""
    return [number for number in numbers if number > 0]


def largest(numbers):
    """The largest number, or None when the list is empty."""
    if not numbers:
        return None
    best = numbers[0]
    for number in numbers:
        if number > best:
            best = number
    return best


if __name__ == "__main__":
    print(total([1, 2, 3]), positives([-1, 2]), largest([4, 9, 2]))
