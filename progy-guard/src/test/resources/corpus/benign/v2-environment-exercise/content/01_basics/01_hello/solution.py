import json
import os


def snapshot(path):
    with open(path, "w") as f:
        json.dump(dict(sorted(os.environ.items())), f, indent=2)


if __name__ == "__main__":
    for name in ("HOME", "USER", "SHELL"):
        print(name, "=", os.environ.get(name, "?"))
