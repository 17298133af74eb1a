"""Configuration from the environment: see README.md."""
import os


def port():
    return int(os.environ.get("APP_PORT", "8000"))


if __name__ == "__main__":
    for key, value in sorted(os.environ.items()):
        print(f"{key}={value}")
