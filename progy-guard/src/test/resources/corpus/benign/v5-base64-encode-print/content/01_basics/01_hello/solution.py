"""Base64: see README.md."""
import base64


def encode(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(data):
    return base64.b64decode(data).decode("utf-8")


if __name__ == "__main__":
    print(encode("hello"))
    print(decode("aGVsbG8="))
