from pathlib import Path
from exercise import parse_config

FIXTURE = Path(__file__).parent / "fixtures" / "config"


def test_reads_hosts():
    hosts = parse_config(FIXTURE.read_text())
    assert hosts["github"]["HostName"] == "github.com"
    assert hosts["github"]["IdentityFile"] == "~/.ssh/id_ed25519"
