#!/usr/bin/env bash
# Make an ed25519 key pair in ./keys (never in ~/.ssh) and print its public key.
true
