#!/usr/bin/env bash
# Whole-command measurements of the progy CLI, side by side in one run (compare ratios, not absolute times:
# the machine is shared and noisy). Builds what it needs; needs hyperfine (apt-get install hyperfine).
#   benchmarks/run-cli-benchmarks.sh            # all
# Writes its tables to benchmarks/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }

[ -f progy-cli/target/progy.jar ] || mvn -B -q -DskipTests package -pl progy-cli -am
progy=$PWD/progy-cli/target/progy
out=$PWD/benchmarks/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$progy" init examples/java-basics "$work/ws" >/dev/null
mkdir -p "$work/hello" && printf 'public class H { public static void main(String[] a) { System.out.println("hi"); } }\n' > "$work/hello/H.java"
javac -d "$work/hello" "$work/hello/H.java"
# the launcher's flags (progy-cli/src/main/launcher/progy) without its archive of progy's classes
jvm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"

echo "== start-up: progy --version and progy list, next to an empty JVM"
# hyperfine gives each command /dev/null for input and output, so the warm-up's second list starts a resident helper
# and the timed lists are served by it; PROGY_HELPER=off times a JVM of its own (what a pipe or a first command gets)
hyperfine -N -w 3 -r 20 --export-markdown "$out/startup.md" \
  "$jvm -cp $work/hello H" \
  "$progy --version" \
  "$progy -C $work/ws list" \
  "env PROGY_HELPER=off $progy -C $work/ws list"

course=$work/noop-course
mkdir -p "$course/content/01_m/01_e"
printf '{"id":"noop","name":"noop","runners":[{"id":"t","command":"true"}]}\n' > "$course/course.json"
printf '[exercises]\n01_e = "E"\n' > "$course/content/01_m/info.toml"
printf '# E\n' > "$course/content/01_m/01_e/README.md"
printf 'x\n' > "$course/content/01_m/01_e/exercise.sh"
"$progy" init "$course" "$work/noop" >/dev/null
echo "== one-shot progy run, next to invoking the course's runner directly"
mkdir -p "$work/out"
exercise=01_basics/01_hello/Main.java
direct="$jvm runner/Check.java $exercise"
hyperfine -N -w 2 -r 10 -i --export-markdown "$out/run.md" \
  --command-name "runner directly" "sh -c 'cd $work/ws && PROGY_OUTPUT_DIR=$work/out $direct'" \
  --command-name "progy run" "$progy -C $work/ws run 01_basics/01_hello"

echo "== one-shot progy run of a course whose runner is 'true' (all of it is progy's own work), next to list"
hyperfine -N -w 3 -r 20 --export-markdown "$out/run-noop.md" \
  --command-name "progy list" "$progy -C $work/noop list" \
  --command-name "progy run (runner: true)" "$progy -C $work/noop run 01_e" \
  --command-name "true" "true"

echo "== peak memory of progy watch over 100 re-runs of an exercise (a course whose runner is 'true')"
for _ in $(seq 200); do echo r; done > "$work/keys"
/usr/bin/time -f "%M" -o "$work/rss" "$progy" -C "$work/noop" watch 01_e --max-runs 100 < "$work/keys" > "$work/watch.log" || true
runs=$(grep -c "passed" "$work/watch.log" || true)
echo "watch: $runs runs, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB" | tee "$out/watch-memory.txt"
