"""Conditions: see README.md for the task."""


def grade(score):
    """The letter grade for a score from 0 to 100: A, B, C, D or F."""
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    else:
        return "F"


def is_leap_year(year):
    """True when year has a 29th of February."""
    return year % 400 == 0 or (year % 4 == 0 and year % 100 != 0)


if __name__ == "__main__":
    print(grade(85), is_leap_year(2024))
