#!/usr/bin/env bash
# Print the octal mode of $1, e.g. 755.
# TODO
echo 000
