"""Configuration from the environment: see README.md."""
import os


def port():
    return 0
