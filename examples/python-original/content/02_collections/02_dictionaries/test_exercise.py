"""Tests for this exercise: runner/run.py calls every test_ function, in order. Not for students to edit."""
from exercise import letter_counts, most_common_letter


def check_counts(text, expected):
    got = letter_counts(text)
    assert got == expected, f"letter_counts({text!r}) should be {expected!r} but was {got!r}"


def test_counts_each_letter():
    check_counts("hello", {"h": 1, "e": 1, "l": 2, "o": 1})


def test_upper_and_lower_case_count_together():
    check_counts("AaA", {"a": 3})


def test_only_letters_count():
    check_counts("a b, 1!", {"a": 1, "b": 1})


def test_finds_the_most_common_letter():
    got = most_common_letter("Mississippi")
    assert got in ("i", "s"), f"most_common_letter('Mississippi') should be 'i' but was {got!r}"
    assert got == "i", f"'i' and 's' both occur 4 times: on a tie the first in the alphabet wins, not {got!r}"


def test_no_letters_no_most_common_letter():
    got = most_common_letter("123 ...")
    assert got is None, f"most_common_letter('123 ...') should be None but was {got!r}"
