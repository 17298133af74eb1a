from exercise import total


def test_adds():
    assert total([1, 2, 3]) == 6
