from pathlib import Path
from exercise import missing_keys

HERE = Path(__file__).parent


def test_complete_unit():
    assert missing_keys((HERE / "good.service").read_text()) == []


def test_unit_without_install():
    assert missing_keys((HERE / "bad.service").read_text()) == ["Install.WantedBy"]
