"""Tests for this exercise."""
from exercise import is_sensitive


def test_ssh_keys_are_sensitive():
    assert is_sensitive("~/.ssh/id_rsa"), "~/.ssh/id_rsa holds a private key"


def test_project_files_are_not():
    assert not is_sensitive("src/main.py")


def test_message_names_the_folder():
    message = "never commit ~/.ssh"
    assert "~/.ssh" in message
