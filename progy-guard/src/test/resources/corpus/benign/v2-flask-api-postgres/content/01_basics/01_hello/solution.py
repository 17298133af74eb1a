import os

import psycopg
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/products")
def products():
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        rows = conn.execute("SELECT id, name FROM products ORDER BY id").fetchall()
    return jsonify([{"id": r[0], "name": r[1]} for r in rows])
