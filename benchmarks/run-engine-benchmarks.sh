#!/usr/bin/env bash
# Container runs side by side in one run, per engine (compare ratios, not absolute times: the machine is shared):
#  1. JMH ContainerRunBenchmark: the adapter's cold run and warm re-run next to the engine's own `run --rm`
#     with the same sandbox flags and mounts (no JVM start in any of them);
#  2. hyperfine: a whole `progy run` of a container course whose check is `exit 0`, next to the engine CLI's
#     `run --rm` of the same image and command: served by the resident helper the warm-up runs start, and with
#     PROGY_HELPER=off in a JVM of its own (whose start is then part of progy's figure).
# Needs the engines: scripts/engines.sh up && source /tmp/progy-engines/env. Needs hyperfine.
#   benchmarks/run-engine-benchmarks.sh [docker|podman]...     (default: both; SKIP_JMH=1: whole commands only)
# Writes its tables to benchmarks/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
[ -n "${DOCKER_HOST:-}${CONTAINER_HOST:-}" ] || { echo "start the engines first: scripts/engines.sh up && source /tmp/progy-engines/env" >&2; exit 2; }
engines=("$@"); [ ${#engines[@]} -gt 0 ] || engines=(docker podman)
image=${PROGY_TEST_IMAGE:-progy/busybox:test}

[ -f progy-cli/target/progy.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package
progy=$PWD/progy-cli/target/progy
out=$PWD/benchmarks/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

params=$(IFS=,; echo "${engines[*]}")
if [ -z "${SKIP_JMH:-}" ]; then
echo "== JMH: engine CLI run --rm vs the adapter's cold run vs its warm re-run"
java -jar benchmarks/target/benchmarks.jar ContainerRunBenchmark -p engine="$params" -rf text -rff "$out/container-jmh.txt" \
  | grep -A20 '^Benchmark'
fi

course=$work/box-course
mkdir -p "$course/content/01_m/01_e" "$course/runner"
printf '{"id":"box","name":"box","runners":[{"id":"t","type":"docker-file","command":"sh","args":["runner/check.sh"]}]}\n' > "$course/course.json"
printf 'FROM %s\n' "$image" > "$course/Dockerfile"
printf 'exit 0\n' > "$course/runner/check.sh"
printf '[exercises]\n01_e = "E"\n' > "$course/content/01_m/info.toml"
printf '# E\n' > "$course/content/01_m/01_e/README.md"
printf 'x\n' > "$course/content/01_m/01_e/exercise.sh"
"$progy" init "$course" "$work/ws" >/dev/null
flags="--network none --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges --pids-limit 128 --memory 512m --memory-swap 512m --cpus 1 --user 65534:65534 -v $work/ws:/workspace:ro -w /workspace"
for engine in "${engines[@]}"; do
  case $engine in
    docker) cli="$( [ -x /usr/bin/docker ] && echo /usr/bin/docker || echo docker) -H $DOCKER_HOST" ;;
    podman) cli="podman --url $CONTAINER_HOST" ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
  "$progy" -C "$work/ws" run 01_m/01_e --engine "$engine" >/dev/null 2>&1 || true   # builds the course's image once
  echo "== whole command on $engine: progy run vs the engine CLI's run --rm"
  hyperfine -N -w 2 -r 15 --export-markdown "$out/container-run-$engine.md" \
    --command-name "$engine run --rm" "$cli run --rm $flags $image sh runner/check.sh" \
    --command-name "progy run --engine $engine" "$progy -C $work/ws run 01_m/01_e --engine $engine" \
    --command-name "progy run --engine $engine, a JVM of its own" "env PROGY_HELPER=off $progy -C $work/ws run 01_m/01_e --engine $engine"
done
