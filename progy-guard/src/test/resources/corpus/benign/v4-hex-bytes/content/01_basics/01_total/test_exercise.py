from exercise import to_text


def test_hello():
    assert to_text("48656c6c6f") == "Hello"


def test_command_looking_text_is_just_text():
    # The decoded text is compared, never run.
    assert to_text("6c73202d6c61") == "ls -la"
