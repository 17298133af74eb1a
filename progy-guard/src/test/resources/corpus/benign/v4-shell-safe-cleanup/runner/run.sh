#!/usr/bin/env bash
set -euo pipefail
# Every run gets its own scratch folder, removed however the run ends.
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
BUILD_DIR="${BUILD_DIR:-build}"
rm -rf "${BUILD_DIR:?}/"
mkdir -p "$BUILD_DIR"
dir="content/$(dirname "$1")"
cd "$dir"
TMPDIR="$work" bash test.sh && echo PASS || { echo FAIL; exit 1; }
