"""Environment: see README.md."""
import json
import os


def snapshot(path):
    # TODO: write the environment as JSON to path, sorted by name
    pass
