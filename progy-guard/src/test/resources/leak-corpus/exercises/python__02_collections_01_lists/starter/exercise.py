"""Lists: see README.md for the task."""


def total(numbers):
    """The sum of the numbers; 0 for an empty list."""
    # TODO
    return 0


def positives(numbers):
    """A new list of the numbers greater than zero, in the same order."""
    # TODO
    return []


def largest(numbers):
    """The largest number, or None when the list is empty."""
    # TODO
    return None


if __name__ == "__main__":
    print(total([1, 2, 3]), positives([-1, 2]), largest([4, 9, 2]))
