import os
import subprocess
import sys

from exercise import settings


def test_defaults(monkeypatch=None):
    os.environ.pop("APP_PORT", None)
    assert settings()["port"] == 8000


def test_child_sees_port():
    env = dict(os.environ)
    env["APP_PORT"] = "9000"
    out = subprocess.run([sys.executable, "-c", "import exercise; print(exercise.settings())"], env=env, capture_output=True, text=True, check=False)
    assert out.returncode == 0
