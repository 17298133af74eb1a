#!/usr/bin/env bash
stat -c '%a' "$1"
