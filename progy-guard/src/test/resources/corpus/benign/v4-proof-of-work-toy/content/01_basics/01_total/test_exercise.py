import hashlib
from exercise import mine


def test_finds_a_valid_nonce():
    nonce = mine("hello", 4)
    assert hashlib.sha256(f"hello{nonce}".encode()).hexdigest().startswith("0000")
