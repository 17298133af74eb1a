"""A products endpoint: see README.md."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/products")
def products():
    # TODO: return the rows of the products table as JSON
    return jsonify([])
