"""Query the books table: see README.md."""
import os

import psycopg


def titles_before(year):
    # TODO: return the titles of books published before year, oldest first
    return []
