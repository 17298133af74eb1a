#!/usr/bin/env bash
set -euo pipefail
# Runs the exercise's test.sh in the exercise folder.
dir="content/$(dirname "$1")"
cd "$dir"
TMPDIR=$(mktemp -d)
export TMPDIR
bash test.sh && echo PASS || { echo FAIL; exit 1; }
