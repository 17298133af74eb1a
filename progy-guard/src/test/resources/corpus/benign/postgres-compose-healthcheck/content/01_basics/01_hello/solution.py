import os

import psycopg


def titles_before(year):
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        rows = conn.execute("SELECT title FROM books WHERE year < %s ORDER BY year", (year,)).fetchall()
    return [r[0] for r in rows]
