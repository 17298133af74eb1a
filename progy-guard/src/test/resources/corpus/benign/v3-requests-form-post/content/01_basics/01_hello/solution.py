import os

import requests

BASE = os.environ.get("HTTPBIN_URL", "http://httpbin:8080")


def post_name():
    response = requests.post(BASE + "/post", data={"user": os.environ.get("USER", "student")}, timeout=5)
    return response.json()["form"]["user"]
