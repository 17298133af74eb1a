import hashlib

from exercise import mine


def test_mined_hash_has_zeros():
    nonce = mine("block-1", 3)
    digest = hashlib.sha256(f"block-1{nonce}".encode()).hexdigest()
    assert digest.startswith("000"), digest
    # 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 is sha256("test")
