#!/bin/sh
# Copies the exercise into a scratch folder so the tests never touch the student's files.
set -eu
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
cp -R "content/$(dirname "$1")/." "$workdir/"
cd "$workdir"
python3 -m pytest -q
