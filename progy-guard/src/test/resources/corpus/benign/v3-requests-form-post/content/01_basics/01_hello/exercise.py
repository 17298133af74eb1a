"""Forms: see README.md."""
import os

import requests

BASE = os.environ.get("HTTPBIN_URL", "http://httpbin:8080")


def post_name():
    # TODO: POST the form field user (from $USER, default student) and return what httpbin echoes
    return None
