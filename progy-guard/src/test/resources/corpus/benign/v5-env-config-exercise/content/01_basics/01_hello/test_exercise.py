"""Tests."""
import os

from exercise import port


def test_default_port():
    os.environ.pop("APP_PORT", None)
    assert port() == 8000


def test_port_from_environment():
    os.environ["APP_PORT"] = "9090"
    try:
        assert port() == 9090
    finally:
        del os.environ["APP_PORT"]
