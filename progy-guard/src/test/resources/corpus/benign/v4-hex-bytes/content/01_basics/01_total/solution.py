def to_text(hex_string):
    return bytes.fromhex(hex_string).decode("ascii")
