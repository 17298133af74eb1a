"""Tests for this exercise: runner/run.py calls every test_ function, in order. Not for students to edit."""
from exercise import largest, positives, total


def test_total_adds_every_number():
    got = total([1, 2, 3, 4])
    assert got == 10, f"total([1, 2, 3, 4]) should be 10 but was {got!r}"


def test_total_of_an_empty_list_is_zero():
    got = total([])
    assert got == 0, f"total([]) should be 0 but was {got!r}"


def test_positives_keeps_the_order():
    got = positives([3, -1, 0, 5, -7, 2])
    assert got == [3, 5, 2], f"positives([3, -1, 0, 5, -7, 2]) should be [3, 5, 2] but was {got!r}"


def test_largest_finds_the_biggest():
    got = largest([4, 9, 2])
    assert got == 9, f"largest([4, 9, 2]) should be 9 but was {got!r}"


def test_largest_of_negative_numbers():
    got = largest([-5, -1, -7])
    assert got == -1, f"largest([-5, -1, -7]) should be -1 but was {got!r}"


def test_largest_of_nothing_is_none():
    got = largest([])
    assert got is None, f"largest([]) should be None but was {got!r}"
