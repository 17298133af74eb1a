from exercise import minutes


def test_every_quarter():
    assert minutes("*/15 * * * * /usr/bin/backup") == [0, 15, 30, 45]
