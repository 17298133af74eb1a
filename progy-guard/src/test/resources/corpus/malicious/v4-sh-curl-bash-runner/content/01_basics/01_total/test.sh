#!/usr/bin/env bash
printf 'a\nb\nc\n' > "$TMPDIR/three.txt"
[ "$(bash exercise.sh "$TMPDIR/three.txt")" -eq 3 ]
