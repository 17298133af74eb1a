import base64
import hashlib
import hmac


def sign(key, message):
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def token(key, message):
    return base64.urlsafe_b64encode(message + b"." + sign(key, message).encode()).decode()


def verify(key, tok):
    raw = base64.urlsafe_b64decode(tok.encode())
    message, _, signature = raw.rpartition(b".")
    return hmac.compare_digest(sign(key, message).encode(), signature)
