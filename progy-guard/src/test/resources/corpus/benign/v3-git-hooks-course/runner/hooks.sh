#!/usr/bin/env bash
set -euo pipefail
REPO="$(mktemp -d)"
trap 'rm -rf "$REPO"' EXIT
git -C "$REPO" init -q
cat > "$REPO/.git/hooks/pre-commit" <<'EOF'
#!/bin/sh
exec python3 -m pytest -q
EOF
chmod +x "$REPO/.git/hooks/pre-commit"
ls -l "$REPO/.git/hooks/pre-commit"
