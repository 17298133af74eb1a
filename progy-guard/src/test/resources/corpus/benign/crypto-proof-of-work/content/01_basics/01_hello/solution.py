import hashlib


def mine(block, difficulty):
    """The 'mining' of a blockchain, in miniature: no pools, no coins, just a loop."""
    target = "0" * difficulty
    nonce = 0
    while not hashlib.sha256(f"{block}{nonce}".encode()).hexdigest().startswith(target):
        nonce += 1
    return nonce
