def minutes(expr):
    field = expr.split()[0]
    if field.startswith("*/"):
        return list(range(0, 60, int(field[2:])))
    return [int(field)]
