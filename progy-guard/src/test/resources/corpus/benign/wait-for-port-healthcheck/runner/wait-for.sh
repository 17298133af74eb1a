#!/bin/sh
# waits until host:port accepts connections
until nc -z "$1" "$2"; do sleep 0.2; done
