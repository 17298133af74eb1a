import subprocess
from exercise import alias_line


def test_alias_works_in_bash(fake_home):
    rc = fake_home / ".bashrc"
    rc.write_text(alias_line("ll", "ls -l") + "\n")
    out = subprocess.run(["bash", "-ic", "alias ll"], capture_output=True, text=True,
                         env={"HOME": str(fake_home), "PATH": "/usr/bin:/bin"})
    assert "ls -l" in out.stdout
