def alias_line(name, command):
    # TODO
    return ""
