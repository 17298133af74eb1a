#!/usr/bin/env bash
# Takes xterm.js (the live help page's terminal) from the npm registry, checks the package's SHA-256, and puts its
# browser build, stylesheet and licence where the server's jar serves them from (/static/live/). The server never
# points a browser at a CDN. Run it again to move to another version (then update VERSION and SHA256).
set -euo pipefail
VERSION=5.5.0
SHA256=bd954fa721872170188cc5d7e83e88db3c83c9a18a4e8d24c2783d26491f59d2
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/progy-server/src/main/resources/dev/progy/server/live/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@xterm/xterm@$VERSION" >/dev/null)
echo "$SHA256  $work/xterm-xterm-$VERSION.tgz" | sha256sum -c --quiet
tar -xzf "$work/xterm-xterm-$VERSION.tgz" -C "$work"
mkdir -p "$out"
cp "$work/package/lib/xterm.js" "$out/xterm.js"
cp "$work/package/css/xterm.css" "$out/xterm.css"
cp "$work/package/LICENSE" "$out/xterm.LICENSE"
echo "xterm.js $VERSION is in $out"
