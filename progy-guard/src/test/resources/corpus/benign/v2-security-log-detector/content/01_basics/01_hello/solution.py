import re

SUSPICIOUS = [
    re.compile(r"curl\s+\S+\s*\|\s*(ba)?sh"),
    re.compile(r"/dev/tcp/"),
    re.compile(r"base64\s+(-d|--decode)"),
]


def suspicious(history):
    return [line for line in history.splitlines() if any(p.search(line) for p in SUSPICIOUS)]
