import shlex


def alias_line(name, command):
    return f"alias {name}={shlex.quote(command)}"
