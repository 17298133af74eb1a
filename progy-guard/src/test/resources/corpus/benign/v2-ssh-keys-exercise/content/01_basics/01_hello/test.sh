#!/usr/bin/env bash
set -eu
cd "$(mktemp -d)"
out="$(bash "$1")"
case "$out" in ssh-ed25519*) ;; *) echo "expected a public key"; exit 1;; esac
