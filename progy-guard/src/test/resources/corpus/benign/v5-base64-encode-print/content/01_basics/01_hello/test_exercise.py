"""Tests."""
import base64
from exercise import encode


def test_encodes_hello():
    assert encode("hello") == "aGVsbG8="


def test_round_trips():
    assert base64.b64decode(encode("Grüße")).decode() == "Grüße"
