"""Detection: see README.md."""
import re

PATTERNS = [re.compile(r"/dev/(tcp|udp)/"), re.compile(r"\bnc(at)?\b.*\s-e\s")]


def looks_like_reverse_shell(line):
    return any(p.search(line) for p in PATTERNS)
