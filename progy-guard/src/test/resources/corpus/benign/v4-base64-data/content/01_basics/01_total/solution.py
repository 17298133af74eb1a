import base64


def decode_message(encoded):
    return base64.b64decode(encoded).decode("utf-8")
