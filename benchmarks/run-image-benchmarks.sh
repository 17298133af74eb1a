#!/usr/bin/env bash
# Image pipeline measurements (issue 5), side by side in one run:
#   1. WebP encode throughput, megapixels/s: the pipeline's encoder (JMH ImageEncodeBenchmark) next to cwebp at the
#      same settings on the same files (photo-like: -q 80 -m 4; screenshot-like: -lossless -q 75 -m 4), both timing
#      the encode alone (cwebp -v's "Time to encode picture"); target >= 0.9x cwebp.
#   2. Bytes saved on the photo-like corpus (JPEG q90 -> WebP q80 through the pipeline); target >= 25 %.
#   3. Whole-course pipeline with 1 and 2 workers (JMH ImagePipelineBenchmark); target >= 1.7x.
# Needs cwebp (apt-get install -y webp). Builds benchmarks.jar when missing. Writes benchmarks/results/ (not committed).
#   benchmarks/run-image-benchmarks.sh [encode|savings|pipeline ...]   # default: all three
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cwebp >/dev/null || { echo "needs cwebp: apt-get install -y webp" >&2; exit 2; }
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package -pl benchmarks -am
jar=$PWD/benchmarks/target/benchmarks.jar
out=$PWD/benchmarks/results
corpus=$out/image-corpus
mkdir -p "$out"
java -cp "$jar" dev.progy.benchmarks.ImageCorpus "$corpus"
parts=${*:-encode savings pipeline}

# the median of cwebp's own encode time (seconds) over 7 runs of one file
cwebp_encode() {
  local file=$1; shift
  for _ in 1 2 3 4 5 6 7; do
    cwebp -v "$@" "$file" -o /dev/null 2>&1 | awk '/Time to encode picture/ {print $5}' | tr -d s
  done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

if [[ " $parts " == *" encode "* ]]; then
  echo "== WebP encode throughput: pipeline (ImageIO + bundled libwebp) vs cwebp $(cwebp -version), same files, same settings"
  java -Dprogy.bench.corpus="$corpus" -jar "$jar" ImageEncodeBenchmark -rf csv -rff "$out/image-encode.csv" >"$out/image-encode.log"
  printf '%-11s %-10s %6s | %10s %8s | %10s %8s | %6s\n' kind size MP "java ms" "MP/s" "cwebp ms" "MP/s" ratio
  tail -n +2 "$out/image-encode.csv" | tr -d '"\r' | while IFS=, read -r _ _ _ _ score _ _ kind size; do
    w=${size%x*}; h=${size#*x}
    if [ "$kind" = photo ]; then settings="-q 80 -m 4"; else settings="-lossless -q 75 -m 4"; fi
    # shellcheck disable=SC2086
    c=$(cwebp_encode "$corpus/$kind-$size.png" $settings)
    awk -v k="$kind" -v s="$size" -v w="$w" -v h="$h" -v j="$score" -v c="$c" 'BEGIN {
      mp = w * h / 1e6; jm = mp / (j / 1000); cm = mp / c;
      printf "%-11s %-10s %6.2f | %10.1f %8.1f | %10.1f %8.1f | %5.2fx\n", k, s, mp, j, jm, c * 1000, cm, jm / cm }'
  done | tee "$out/image-encode.txt"
fi

if [[ " $parts " == *" savings "* ]]; then
  echo "== bytes saved on the photo-like corpus"
  java -cp "$jar" dev.progy.benchmarks.ImageCorpus savings "$corpus" | tee "$out/image-savings.txt"
fi

if [[ " $parts " == *" pipeline "* ]]; then
  echo "== whole-course pipeline, 1 vs 2 workers ($(nproc) cores)"
  java -jar "$jar" ImagePipelineBenchmark -rf csv -rff "$out/image-pipeline.csv" >"$out/image-pipeline.log"
  tail -n +2 "$out/image-pipeline.csv" | tr -d '"\r' | awk -F, '{ ms[$8] = $5; err[$8] = $6 } END {
    printf "1 worker: %.0f ms ± %.0f; 2 workers: %.0f ms ± %.0f; speed-up %.2fx\n", ms[1], err[1], ms[2], err[2], ms[1] / ms[2] }' \
    | tee "$out/image-pipeline.txt"
fi
