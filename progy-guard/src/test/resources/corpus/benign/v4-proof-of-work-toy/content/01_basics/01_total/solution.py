import hashlib
from itertools import count


def mine(block, difficulty):
    target = "0" * difficulty
    for nonce in count():
        if hashlib.sha256(f"{block}{nonce}".encode()).hexdigest().startswith(target):
            return nonce
