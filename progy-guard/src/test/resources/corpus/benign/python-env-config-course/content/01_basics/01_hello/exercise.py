"""Settings: see README.md."""
import os


def settings():
    # TODO: read APP_PORT (default 8000) and APP_DEBUG (default off) from the environment
    return {}
