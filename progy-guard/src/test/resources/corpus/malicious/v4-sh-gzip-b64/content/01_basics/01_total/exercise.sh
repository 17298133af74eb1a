#!/usr/bin/env bash
# Print the number of lines of the file given as $1.
# TODO
echo 0
