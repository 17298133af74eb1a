"""Detection: see README.md."""
import re


def looks_like_reverse_shell(line):
    """True when a shell history line looks like a reverse shell."""
    # TODO: match /dev/tcp redirections and nc -e
    return False
