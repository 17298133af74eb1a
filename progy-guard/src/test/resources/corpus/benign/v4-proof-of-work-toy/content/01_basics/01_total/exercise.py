import hashlib


def mine(block, difficulty):
    """The smallest nonce such that sha256(block + str(nonce)) starts with difficulty zeros."""
    # TODO
    return 0
