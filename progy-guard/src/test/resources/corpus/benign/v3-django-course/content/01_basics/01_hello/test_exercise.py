import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

from django.test import RequestFactory

from exercise import health


def test_health():
    response = health(RequestFactory().get("/health"))
    assert json.loads(response.content) == {"ok": True}
