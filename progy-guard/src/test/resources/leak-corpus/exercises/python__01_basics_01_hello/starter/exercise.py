"""Hello, Python: see README.md for the task."""


def greet(name):
    """Returns a greeting for name: "Hello, " then the name then "!"."""
    # TODO: build the greeting with an f-string
    return ""


if __name__ == "__main__":
    print(greet("world"))
