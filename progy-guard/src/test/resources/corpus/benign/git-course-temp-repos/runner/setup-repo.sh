#!/usr/bin/env bash
# Makes a throwaway repository for the exercise and removes it afterwards.
set -euo pipefail
REPO="$(mktemp -d)"
cleanup() { rm -rf "$REPO"; }
trap cleanup EXIT
git -C "$REPO" init -q
git -C "$REPO" config user.name "Student"
git -C "$REPO" config user.email "student@example.com"
echo "hello" > "$REPO/README"
git -C "$REPO" add README && git -C "$REPO" commit -qm "first"
git -C "$REPO" log --oneline
