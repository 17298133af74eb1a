#!/usr/bin/env bash
set -euo pipefail
# a scratch folder per run, removed however the run ends
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "${TMPDIR:?}/build"
rm -rf ./build
mkdir -p ./build
dir="content/$(dirname "$1")"
chmod +x "$dir/exercise.sh"
cp "$dir/exercise.sh" "$WORK/"
if [ -f "$HOME/.config/app/settings.ini" ]; then
  echo "using settings from ~/.config/app"
fi
bash "$dir/test.sh" "$WORK/exercise.sh"
