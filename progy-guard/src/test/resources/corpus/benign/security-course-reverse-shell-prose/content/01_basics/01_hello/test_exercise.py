from exercise import failed_logins

LOG = """Jan 1 sshd[1]: Failed password for root from 203.0.113.9
Jan 1 sshd[2]: Accepted password for ada
"""


def test_counts_failures():
    assert failed_logins(LOG) == 1
