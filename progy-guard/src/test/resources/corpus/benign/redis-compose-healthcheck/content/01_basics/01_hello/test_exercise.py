from exercise import ping


def test_pong():
    assert ping() == "+PONG"
