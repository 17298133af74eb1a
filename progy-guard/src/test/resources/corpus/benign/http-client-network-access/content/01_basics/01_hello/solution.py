import json
import os
import urllib.request

BASE = os.environ.get("HTTPBIN_URL", "http://httpbin:8080")


def echo_name(name):
    body = json.dumps({"name": name}).encode()
    req = urllib.request.Request(BASE + "/post", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as res:
        return json.loads(res.read())["json"]["name"]
