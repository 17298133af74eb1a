"""Base64: see README.md."""
import base64


def encode(text):
    # TODO: return text encoded as base64 (a str)
    return ""


def decode(data):
    # TODO: decode base64 data back to text
    return ""
