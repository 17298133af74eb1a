import os
from exercise import greeting


def test_uses_name(monkeypatch):
    monkeypatch.setenv("NAME", "Ada")
    assert greeting() == "Hello, Ada"


def test_without_name(monkeypatch):
    monkeypatch.delenv("NAME", raising=False)
    assert greeting() == "Hello, stranger"
