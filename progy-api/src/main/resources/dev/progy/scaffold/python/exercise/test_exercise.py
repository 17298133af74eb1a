"""The tests of @@TITLE@@: runner/run.py calls every test_ function, in order. Not for students to edit."""
from exercise import add


def test_adds_two_numbers():
    got = add(2, 3)
    assert got == 5, f"add(2, 3) should be 5 but was {got!r}"


def test_adds_a_negative_number():
    got = add(2, -3)
    assert got == -1, f"add(2, -3) should be -1 but was {got!r}"
