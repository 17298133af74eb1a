"""Sum of a list: see README.md."""


def total(numbers):
    # TODO
    return 0
