REQUIRED = {"Service": ["ExecStart"], "Install": ["WantedBy"]}


def missing_keys(text):
    # TODO
    return []
