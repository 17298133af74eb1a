#!/usr/bin/env bash
set -eu
f="$(mktemp)"
chmod 600 "$f"
bash "$1" "$f" >/dev/null
[ "$(stat -c '%a' "$f")" = 755 ] || { echo 'expected 755'; exit 1; }
rm -f "$f"
