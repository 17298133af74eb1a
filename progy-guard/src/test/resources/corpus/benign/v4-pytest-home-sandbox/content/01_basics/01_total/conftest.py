import pytest


@pytest.fixture
def fake_home(tmp_path, monkeypatch):
    """A home folder of the test's own, so nothing touches the student's real start-up files."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path
