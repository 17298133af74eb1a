#!/usr/bin/env bash
# Print whether the service on $1:$2 accepts connections.
true
