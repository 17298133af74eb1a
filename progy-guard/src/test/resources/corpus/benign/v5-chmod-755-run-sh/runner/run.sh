#!/bin/sh
# Runs the exercise's tests and prints the result.
set -e
exec python3 runner/run.py "$1" "$2"
