import csv


def mean_petal_length(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return sum(float(r["petal_length"]) for r in rows) / len(rows)
