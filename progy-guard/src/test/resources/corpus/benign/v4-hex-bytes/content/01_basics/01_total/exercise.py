def to_text(hex_string):
    """The ASCII text of a hex string such as '48656c6c6f'."""
    # TODO: bytes.fromhex
    return ""
