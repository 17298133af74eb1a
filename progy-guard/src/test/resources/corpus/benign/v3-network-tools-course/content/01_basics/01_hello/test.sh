#!/usr/bin/env bash
set -eu
python3 -m http.server 8765 --bind 127.0.0.1 >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 0.5
ping -c 1 127.0.0.1 >/dev/null
curl -sI http://127.0.0.1:8765/ | head -n 1
[ "$(bash "$1" 127.0.0.1 8765)" = open ]
