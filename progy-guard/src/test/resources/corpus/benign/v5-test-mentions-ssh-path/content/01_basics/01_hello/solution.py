"""Sensitive paths: see README.md."""

SENSITIVE = ("~/.ssh/", "~/.aws/", "~/.gnupg/")


def is_sensitive(path):
    """True when path points into a folder that holds keys, e.g. ~/.ssh or ~/.aws."""
    return any(path.startswith(p) for p in SENSITIVE)
