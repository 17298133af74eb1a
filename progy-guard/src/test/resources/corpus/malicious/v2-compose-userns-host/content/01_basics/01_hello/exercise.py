"""Hello: see README.md."""


def greet(name):
    # TODO: return "Hello, <name>!"
    return ""
