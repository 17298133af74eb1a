from exercise import decode, encode


def test_round_trip():
    assert decode(encode("progy")) == "progy"


def test_known_value():
    assert encode("Hello, world! This is base64 text.") == "SGVsbG8sIHdvcmxkISBUaGlzIGlzIGJhc2U2NCB0ZXh0Lg=="
