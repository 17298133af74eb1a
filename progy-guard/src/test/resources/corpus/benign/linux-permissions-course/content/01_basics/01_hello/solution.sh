#!/usr/bin/env bash
chmod 755 "$1"
chmod u+x,go-w "$1"
stat -c '%a' "$1"
