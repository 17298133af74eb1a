#!/usr/bin/env bash
# Runs an exercise's tests: bash runner/run.sh <exercise file relative to content/>
set -euo pipefail
dir="content/$(dirname "$1")"
if bash "$dir/test.sh" "$dir/exercise.sh"; then
  echo "all tests passed"
else
  echo "a test failed"
  exit 1
fi
