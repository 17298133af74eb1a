import os


def greeting():
    # TODO: os.environ.get
    return ""
