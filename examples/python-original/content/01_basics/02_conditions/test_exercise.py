"""Tests for this exercise: runner/run.py calls every test_ function, in order. Not for students to edit."""
from exercise import grade, is_leap_year


def check_grades(expected):
    for score, letter in expected.items():
        got = grade(score)
        assert got == letter, f"grade({score}) should be {letter!r} but was {got!r}"


def test_low_scores_fail():
    check_grades({0: "F", 59: "F"})


def test_each_band_gets_its_letter():
    check_grades({95: "A", 85: "B", 75: "C", 65: "D"})


def test_a_band_starts_at_its_lowest_score():
    check_grades({90: "A", 80: "B", 70: "C", 60: "D", 100: "A"})


def test_most_years_divisible_by_4_are_leap_years():
    for year in (1996, 2024):
        assert is_leap_year(year) is True, f"is_leap_year({year}) should be True"


def test_other_years_are_not_leap_years():
    for year in (2023, 2025):
        assert is_leap_year(year) is False, f"is_leap_year({year}) should be False"


def test_centuries_are_leap_years_only_every_400_years():
    assert is_leap_year(1900) is False, "is_leap_year(1900) should be False: 1900 is a century"
    assert is_leap_year(2000) is True, "is_leap_year(2000) should be True: 2000 divides by 400"
