import os


def greeting():
    return "Hello, " + os.environ.get("NAME", "stranger")
