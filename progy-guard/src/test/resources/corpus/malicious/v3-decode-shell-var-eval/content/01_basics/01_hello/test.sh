#!/usr/bin/env bash
set -eu
got="$(bash "$1" Ada)"
[ "$got" = "Hello, Ada!" ] || { echo "expected 'Hello, Ada!', got '$got'"; exit 1; }
