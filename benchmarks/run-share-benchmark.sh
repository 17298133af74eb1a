#!/usr/bin/env bash
# Issue 17: is the student's terminal slowed by progy share? Times a command that prints 50 MB in a real terminal
# (tmux), run directly and inside `progy share` (the output mirrored to the terminal and streamed to a loopback room
# that counts what it gets, LiveRoomSink), in turns, and prints each time and the ratio of the medians.
#   benchmarks/run-share-benchmark.sh [rounds]      # default 5 rounds
#   benchmarks/run-share-benchmark.sh 5 a=/path/to/progy b=/other/progy   # builds side by side, in turns with outside
#   benchmarks/run-share-benchmark.sh 16 progy=progy-cli/target/progy script=script   # and util-linux script, a relay in C
# Needs tmux, progy-cli/target/progy and benchmarks/target/benchmarks.jar (mvn -B -DskipTests package builds them).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("progy=$PWD/progy-cli/target/progy")
command -v tmux >/dev/null || { echo "needs tmux: apt-get install -y tmux" >&2; exit 2; }
[ -f progy-cli/target/progy.jar ] && [ -f benchmarks/target/benchmarks.jar ] \
  || mvn -B -q -DskipTests package -pl progy-cli,benchmarks -am
progy=$PWD/progy-cli/target/progy
work=$(mktemp -d)
sock=progy-share-bench-$$
sink_pid=
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# the room's limit a second, as the server's live-max-bytes (default 1 MiB); SINK_MAX_BYTES=0: a room that says none
java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.LiveRoomSink "${SINK_MAX_BYTES:-1048576}" > "$work/sink.out" 2>/dev/null &
sink_pid=$!
for _ in $(seq 1 100); do [ -s "$work/sink.out" ] && break; sleep 0.2; done
url=$(head -1 "$work/sink.out")
mkdir -p "$work/config/progy"
printf '{"version":1,"servers":{"%s":{"token":"bench","savedAt":"2026-01-01T00:00:00Z"}}}\n' "$url" \
  > "$work/config/progy/credentials.json"
chmod 600 "$work/config/progy/credentials.json"

# the command measured: 50 MB of 72-character lines to the terminal; its wall time in ms to a file
cat > "$work/print50.sh" <<'SH'
#!/bin/sh
t0=$(date +%s%N)
yes 'progy share benchmark: a line of seventy-two characters, printed again.' | head -c 52428800
t1=$(date +%s%N)
echo $(( (t1 - t0) / 1000000 )) > "$1"
SH
chmod +x "$work/print50.sh"

# the variant "script": util-linux script relays a shell through a pseudo-terminal of its own (in C), for scale
printf '#!/bin/sh\necho "Keys: Ctrl (script)"; script -q -c /bin/sh /dev/null; echo "Sharing ended"\n' > "$work/script-relay"
chmod +x "$work/script-relay"

tmux -L "$sock" -f /dev/null new-session -d -s bench -x 160 -y 50 \
  "env -i PATH=$PATH HOME=$work TERM=xterm-256color XDG_CONFIG_HOME=$work/config SHELL=/bin/sh PS1='$ ' /bin/sh"
wait_file() { for _ in $(seq 1 600); do [ -s "$1" ] && return 0; sleep 0.2; done; echo "timed out waiting for $1" >&2; exit 1; }

outside=(); declare -A inside ratios
for r in $(seq 1 "$rounds"); do
  tmux -L "$sock" send-keys -t bench "$work/print50.sh $work/out-$r" Enter
  wait_file "$work/out-$r"; o=$(cat "$work/out-$r"); outside+=("$o")
  line="round $r: outside $o ms"
  for v in "${variants[@]}"; do
    name=${v%%=*}; launcher=${v#*=}
    [ "$launcher" = script ] && launcher=$work/script-relay
    tmux -L "$sock" send-keys -t bench "$launcher share --server $url" Enter
    for _ in $(seq 1 300); do tmux -L "$sock" capture-pane -p -t bench | grep -q 'Keys: Ctrl' && break; sleep 0.2; done
    sleep 1
    tmux -L "$sock" send-keys -t bench "$work/print50.sh $work/in-$name-$r" Enter
    wait_file "$work/in-$name-$r"; i=$(cat "$work/in-$name-$r")
    inside[$name]="${inside[$name]:-} $i"
    ratios[$name]="${ratios[$name]:-} $(awk -v a="$i" -v b="$o" 'BEGIN {printf "%.3f", a/b}')"
    tmux -L "$sock" send-keys -t bench "exit" Enter
    for _ in $(seq 1 300); do tmux -L "$sock" capture-pane -p -t bench | grep -q 'Sharing ended' && break; sleep 0.2; done
    tmux -L "$sock" send-keys -t bench "clear" Enter
    # the next variant must not mistake this one's key line, still on the screen, for its own start
    for _ in $(seq 1 100); do tmux -L "$sock" capture-pane -p -t bench | grep -q 'Keys: Ctrl' || break; sleep 0.1; done
    sleep 0.5
    line="$line; $name $i ms ($(awk -v a="$i" -v b="$o" 'BEGIN {printf "%.2f", a/b}'))"
  done
  echo "$line"
done
received=$(curl -s "$url/count" 2>/dev/null || echo "?")
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${outside[@]}")
echo "median outside: $mo ms"
for v in "${variants[@]}"; do
  name=${v%%=*}
  # shellcheck disable=SC2086
  mi=$(median ${inside[$name]}); mr=$(median ${ratios[$name]})
  echo "$name: median inside progy share $mi ms; ratio of medians $(awk -v a="$mi" -v b="$mo" 'BEGIN {printf "%.2f", a/b}'); median of the rounds' ratios $mr (target <= 1.10)"
done
echo "characters the room received in all rounds: $received"
