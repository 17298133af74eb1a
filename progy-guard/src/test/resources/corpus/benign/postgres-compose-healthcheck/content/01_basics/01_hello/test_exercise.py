from exercise import titles_before


def test_before_1970():
    assert titles_before(1970) == ["Dune"]
