import os
import urllib.request

from exercise import echo_name


def test_service_is_up():
    with urllib.request.urlopen(os.environ["HTTPBIN_URL"] + "/get", timeout=5) as res:
        assert res.status == 200


def test_echo():
    assert echo_name("Ada") == "Ada"
