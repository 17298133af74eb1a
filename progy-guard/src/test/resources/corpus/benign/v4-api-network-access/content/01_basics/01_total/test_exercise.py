import requests
from exercise import total


def test_adds():
    assert total([1, 2, 3]) == 6


def test_api_is_reachable():
    r = requests.get("https://api.github.com/zen", timeout=5)
    assert r.status_code in (200, 403)
