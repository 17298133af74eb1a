#!/usr/bin/env bash
set -euo pipefail
WORKDIR="$(mktemp -d -t course.XXXXXX)"
cleanup() {
  rm -rf -- "${WORKDIR:?}"
}
trap cleanup EXIT INT TERM
dir="content/$(dirname "$1")"
install -m 0755 "$dir/exercise.sh" "$WORKDIR/exercise.sh"
find "$WORKDIR" -name '*.tmp' -delete
chmod 0755 "$WORKDIR/exercise.sh"
bash "$dir/test.sh" "$WORKDIR/exercise.sh"
