"""Tests for this exercise: runner/run.py calls every test_ function, in order. Not for students to edit."""
from exercise import greet


def test_greets_the_world():
    got = greet("world")
    assert got == "Hello, world!", f"greet('world') should be 'Hello, world!' but was {got!r}"


def test_greets_a_person_by_name():
    got = greet("Ada")
    assert got == "Hello, Ada!", f"greet('Ada') should be 'Hello, Ada!' but was {got!r}"


def test_keeps_the_name_exactly_as_given():
    got = greet("grace hopper")
    assert got == "Hello, grace hopper!", f"greet('grace hopper') should be 'Hello, grace hopper!' but was {got!r}"
