"""Mean petal length: see README.md."""
import csv


def mean_petal_length(path):
    # TODO
    return 0.0
