"""Flag suspicious commands: see README.md."""
import re

# patterns a blue team looks for in shell history
SUSPICIOUS = [
    re.compile(r"curl\s+\S+\s*\|\s*(ba)?sh"),
    re.compile(r"/dev/tcp/"),
    re.compile(r"base64\s+(-d|--decode)"),
]


def suspicious(history):
    # TODO: return the lines of history that match one of SUSPICIOUS
    return []
