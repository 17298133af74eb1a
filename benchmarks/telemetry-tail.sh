#!/usr/bin/env bash
# Issue 16: what telemetry adds to a one-shot `progy run`, on the command's own path. Each run is a fresh JVM with
# -Xlog:class+load timestamps (ns since the JVM started); the span measured is from the result known (the class
# BackgroundBackup, loaded right after the run) to the end of the command (picocli's exit-code classes), where the
# telemetry hook waits for its recording. Telemetry on and off, in turns; prints each span's median and quartiles.
#   benchmarks/telemetry-tail.sh <workspace-on> <workspace-off> <exercise> [runs]     (default 20 runs each)
# Needs progy-cli/target/progy (mvn -B -q -DskipTests package). The two workspaces: `progy init` of one course twice,
# then `progy telemetry on` in one and `off` in the other.
set -euo pipefail
on=$1; off=$2; ex=$3; runs=${4:-20}
progy=${PROGY:-$(cd "$(dirname "$0")/.." && pwd)/progy-cli/target/progy}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
span() { # first class named $1 to first class named $2, in µs
  local a b
  a=$(grep -m1 " $1 " "$log" | sed 's/^\[\([0-9]*\)ns.*/\1/')
  b=$(grep -m1 " $2 " "$log" | sed 's/^\[\([0-9]*\)ns.*/\1/')
  echo $(( (b - a) / 1000 ))
}
declare -A spans
for r in $(seq 1 "$runs"); do
  for v in on off; do
    ws=$on; [ $v = off ] && ws=$off
    PROGY_JAVA_OPTS="-Xlog:class+load:file=$log:uptimenanos" "$progy" -C "$ws" run "$ex" >/dev/null 2>&1 || true
    spans[$v]="${spans[$v]:-} $(span dev.progy.cli.BackgroundBackup 'picocli.CommandLine$IExitCodeGenerator')"
  done
done
for v in on off; do
  echo "telemetry $v: result known -> command ends, µs:$(tr ' ' '\n' <<<"${spans[$v]}" | grep . | sort -n | awk '{a[NR]=$1} END {printf " q1 %d  median %d  q3 %d  (%d runs)", a[int(NR/4)+1], a[int(NR/2)+1], a[int(3*NR/4)+1], NR}')"
done
