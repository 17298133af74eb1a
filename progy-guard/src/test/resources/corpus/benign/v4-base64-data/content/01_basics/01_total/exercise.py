"""Base64: see README.md."""
import base64


def decode_message(encoded):
    """The text hidden in a base64 string (UTF-8)."""
    # TODO: base64.b64decode, then .decode()
    return ""
