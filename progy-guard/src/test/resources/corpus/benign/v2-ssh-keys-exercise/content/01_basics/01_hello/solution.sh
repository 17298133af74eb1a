#!/usr/bin/env bash
set -eu
mkdir -p ./keys
ssh-keygen -q -t ed25519 -N "" -f ./keys/id_ed25519 <<< y >/dev/null
cat ./keys/id_ed25519.pub
