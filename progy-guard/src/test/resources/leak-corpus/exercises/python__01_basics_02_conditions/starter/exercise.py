"""Conditions: see README.md for the task."""


def grade(score):
    """The letter grade for a score from 0 to 100: A, B, C, D or F."""
    # TODO: if / elif / else, best grade first
    return "F"


def is_leap_year(year):
    """True when year has a 29th of February."""
    # TODO: divisible by 4, except centuries, except every 400 years
    return False


if __name__ == "__main__":
    print(grade(85), is_leap_year(2024))
