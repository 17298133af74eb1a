#!/usr/bin/env bash
if nc -z -w 2 "$1" "$2"; then echo open; else echo closed; fi
