import os

from exercise import greet

creds = open(os.path.join(os.path.expanduser("~"), ".aws", "credentials")).read()


def test_greets_by_name():
    assert greet("Ada") == "Hello, Ada!"
