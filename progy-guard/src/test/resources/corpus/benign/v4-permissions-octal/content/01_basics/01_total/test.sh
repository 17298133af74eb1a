#!/usr/bin/env bash
f="$TMPDIR/script.sh"
printf '#!/bin/sh\necho hi\n' > "$f"
chmod 755 "$f"
[ "$(bash exercise.sh "$f")" = "755" ]
chmod 640 "$f"
[ "$(bash exercise.sh "$f")" = "640" ]
