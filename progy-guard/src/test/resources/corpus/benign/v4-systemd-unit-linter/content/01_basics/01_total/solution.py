import configparser

REQUIRED = {"Service": ["ExecStart"], "Install": ["WantedBy"]}


def missing_keys(text):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    return [f"{s}.{k}" for s, keys in REQUIRED.items() for k in keys
            if not parser.has_option(s, k)]
