#!/usr/bin/env bash
# Issue 16's check at scale, for a person to run: a real progy-server (SQLite, loopback) and a cohort of students,
# each a workspace installed from its registry with the real `progy` launcher, telemetry turned on (a random id per
# workspace), working through a small generated shell course: exercise 03_hard is planted hard (80 % of students
# write a wrong answer first, then the solution; those ask for a hint), 30 % stop after it, and only 3 students try
# 06_bonus (under the small-group threshold of 5). Each student sends its events with `progy telemetry send`. Then
# the server's daily roll-up runs on its database as its job does, on the day the figures become final
# (CohortRollUp), and the course's owner, signed in over HTTP, downloads the CSV export and the heatmap page; the
# script checks that 03_hard has the highest first-try failure rate, that the funnel falls after 03_hard where the
# students stopped, and that 06_bonus shows no figure. It prints the times and the events.
#   benchmarks/telemetry-cohort.sh [students] [parallel]    # default 300 students, one per core at a time
# Needs progy-cli/target/progy, progy-server/target/progy-server.jar and benchmarks/target/benchmarks.jar
# (mvn -B -DskipTests package builds them), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-300}
parallel=${2:-$(nproc)}
[ "$students" -ge 100 ] || { echo "at least 100 students, so that every planted share is a group of 5 or more" >&2; exit 2; }
[ -f progy-cli/target/progy.jar ] && [ -f progy-server/target/progy-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] \
  || mvn -B -q -DskipTests package -pl progy-cli,progy-server,benchmarks -am
export PROGY=$PWD/progy-cli/target/progy
root=$PWD
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ms() { date +%s%3N; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
db="sqlite:$work/server.db"
# every student comes from 127.0.0.1: the per-address rate limits are put out of reach
settings=(--db "$db" --host 127.0.0.1 --port "$port" --registry-links off --registry-solution-runs off
  --rate-read 100000000/1m --rate-write 100000000/1m --rate-sign-in 1000/1m)
java -jar progy-server/target/progy-server.jar serve "${settings[@]}" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do curl -sf "$url/sign-in" -o /dev/null && break; sleep 0.2; done
curl -sf "$url/sign-in" -o /dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }

# the instructor: an account made on the web page, and a token that may publish to @ada
form() { # page -> "cookie csrf"
  curl -s -c "$work/jar" -b "$work/jar" "$url/$1" | python3 -c 'import re, sys; print(re.search(r"name=\"csrf\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))'
}
password='correct horse battery staple'
csrf=$(form sign-up)
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode name=ada \
  --data-urlencode email=ada@example.org --data-urlencode "password=$password" "$url/sign-up"
token=$(java -jar progy-server/target/progy-server.jar admin create-token ada publish:ada,read "${settings[@]}" | tail -1)
mkdir -p "$work/author/config/progy"
printf '{"version":1,"servers":{"%s":{"token":"%s","savedAt":"2026-01-01T00:00:00Z"}}}\n' "$url" "$token" \
  > "$work/author/config/progy/credentials.json"
chmod 600 "$work/author/config/progy/credentials.json"

# the course: six exercises in one module, checked by a shell script (passes when exercise.py says "solved")
course=$work/author/course
exercises=(01_first 02_second 03_hard 04_fourth 05_fifth 06_bonus)
mkdir -p "$course/runner" "$course/content/01_basics"
cat > "$course/course.json" <<'JSON'
{
  "id": "@ada/cohort",
  "name": "A cohort's course",
  "version": "1.0.0",
  "runners": [{"id": "sh", "type": "process", "command": "sh", "args": ["runner/check.sh", "{{exercise}}", "{{dir}}"],
               "timeout_seconds": 10}],
  "content": {"root": ".", "exercises": "content"},
  "progression": {"mode": "open"}
}
JSON
cat > "$course/runner/check.sh" <<'SH'
if grep -q solved "$2/exercise.py"; then echo ok; exit 0; fi
echo "expected the word solved" >&2
exit 1
SH
printf '[module]\ntitle = "Basics"\n\n[exercises]\n' > "$course/content/01_basics/info.toml"
for ex in "${exercises[@]}"; do
  mkdir -p "$course/content/01_basics/$ex"
  printf '# %s\n\nWrite the word solved.\n' "$ex" > "$course/content/01_basics/$ex/README.md"
  printf '# TODO\n' > "$course/content/01_basics/$ex/exercise.py"
  printf '"%s" = { title = "Exercise %s", hints = ["Write the word solved."] }\n' "$ex" "$ex" \
    >> "$course/content/01_basics/info.toml"
done
(cd "$work/author" && XDG_CONFIG_HOME=$work/author/config PROGY_REGISTRY_SERVER=$url "$PROGY" publish course --no-color) \
  > "$work/publish.log" 2>&1 || { echo "publish failed:" >&2; cat "$work/publish.log" >&2; exit 1; }

# one student: the same plan as progy-cli's TelemetryCohortTest
cat > "$work/student.sh" <<'SH'
set -eu
i=$1
ws=$STUDENTS/ws-$i
export XDG_CONFIG_HOME=$STUDENTS/config-$i
fails_first() {
  case $1 in
    01_first) [ $((i % 10)) -eq 0 ] ;;
    02_second) [ $((i % 5)) -eq 0 ] ;;
    03_hard) [ $((i % 5)) -ne 0 ] ;;
    04_fourth) [ $((i % 10)) -eq 5 ] ;;
    *) false ;;
  esac
}
"$PROGY" init @ada/cohort "$ws" --no-color > /dev/null
"$PROGY" telemetry on --dir "$ws" > /dev/null
for ex in 01_first 02_second 03_hard 04_fourth 05_fifth 06_bonus; do
  if [ "$ex" = 06_bonus ] && ! { [ $((i % 10)) -eq 3 ] && [ "$i" -lt 30 ]; }; then break; fi
  file=$ws/content/01_basics/$ex/exercise.py
  if fails_first "$ex"; then
    echo "print('not yet')" > "$file"
    if "$PROGY" run "01_basics/$ex" --dir "$ws" > /dev/null 2>&1; then echo "student $i: a wrong answer passed" >&2; exit 1; fi
    if [ "$ex" = 03_hard ]; then "$PROGY" hint "01_basics/$ex" --dir "$ws" > /dev/null 2>&1; fi
  fi
  echo "print('solved')" > "$file"
  "$PROGY" run "01_basics/$ex" --dir "$ws" > /dev/null 2>&1 || { echo "student $i: the solution of $ex failed" >&2; exit 1; }
  if [ "$ex" = 03_hard ] && [ $((i % 10)) -lt 3 ]; then break; fi
done
"$PROGY" telemetry send --dir "$ws" > /dev/null
SH
export STUDENTS=$work/students PROGY_REGISTRY_SERVER=$url PROGY_TELEMETRY_BACKGROUND=0
mkdir -p "$STUDENTS"
t0=$(ms)
seq 0 $((students - 1)) | xargs -P "$parallel" -I{} sh "$work/student.sh" {}
t1=$(ms)
echo "cohort: $students students ($parallel at a time) in $(( (t1 - t0) / 1000 )) s"

rolled=$(java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.CohortRollUp "$db")
echo "roll-up: $rolled"

csrf=$(form sign-in)
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode email=ada@example.org --data-urlencode "password=$password" "$url/sign-in"
t2=$(ms)
curl -sf -b "$work/jar" "$url/courses/@ada/cohort/analytics.csv?version=1.0.0&days=30" > "$work/analytics.csv"
t3=$(ms)
curl -sf -b "$work/jar" "$url/courses/@ada/cohort/analytics?version=1.0.0&days=30" > "$work/analytics.html"
echo "the instructor's CSV in $((t3 - t2)) ms:"
tr -d '\r' < "$work/analytics.csv" | sed 's/^/  /'
python3 - "$work/analytics.csv" "$work/analytics.html" "$students" <<'PY'
import csv, re, sys
rows = {r["exercise"].split("/")[1]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
html = open(sys.argv[2]).read()
n = int(sys.argv[3])
problems = []
rates = {ex: int(r["first_try_failure_percent"]) for ex, r in rows.items() if r["first_try_failure_percent"]}
if max(rates, key=rates.get) != "03_hard":
    problems.append("the highest first-try failure is not 03_hard: %s" % rates)
started = [int(rows[ex]["started"]) for ex in ("01_first", "02_second", "03_hard", "04_fourth", "05_fifth")]
stayed = n - sum(1 for i in range(n) if i % 10 < 3)
if started != [n, n, n, stayed, stayed]:
    problems.append("the funnel is %s, not a fall from %d to %d after 03_hard" % (started, n, stayed))
if rows["03_hard"]["left_here"] != str(n - stayed):
    problems.append("left at 03_hard: %s, the script stopped %d there" % (rows["03_hard"]["left_here"], n - stayed))
if any(v for k, v in rows["06_bonus"].items() if k not in ("course", "version", "from", "to", "exercise")):
    problems.append("06_bonus (3 students) shows figures: %s" % rows["06_bonus"])
row = re.search(r'(?s)<tr id="row-2">(.*?)</tr>', html)
if not row or ('heat-5">%d<' % rates["03_hard"]) not in row.group(1):
    problems.append("the heatmap's 03_hard row is not the hottest on first tries")
if "fewer than 5" not in html:
    problems.append("the heatmap does not hide the small group")
print("\n".join("FAILED: " + p for p in problems) if problems else
      "checked: 03_hard fails most on the first try (%d %%), the funnel falls from %d to %d after it, 06_bonus is hidden"
      % (rates["03_hard"], n, stayed))
sys.exit(1 if problems else 0)
PY
