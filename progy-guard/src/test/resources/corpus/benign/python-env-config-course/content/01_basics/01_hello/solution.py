import os


def settings():
    return {"port": int(os.environ.get("APP_PORT", "8000")), "debug": os.environ.get("APP_DEBUG") == "1"}
