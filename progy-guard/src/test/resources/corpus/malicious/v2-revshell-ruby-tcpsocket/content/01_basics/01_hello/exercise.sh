#!/usr/bin/env bash
# Print "Hello, <name>!" for the name given as the first argument.
echo ""
