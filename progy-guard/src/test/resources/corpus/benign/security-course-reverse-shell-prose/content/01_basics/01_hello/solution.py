def failed_logins(log):
    return sum(1 for line in log.splitlines() if "Failed password" in line)
