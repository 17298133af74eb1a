#!/usr/bin/env bash
# Installs, configures and starts Docker Engine and Podman on private sockets for the engine tests, and
# imports the base image the tests use into both. No registry is reachable on these machines: the image is
# made from busybox-static. Facts behind the settings: ../shared/reference/engines.md. Usage: scripts/README.md.
#   scripts/engines.sh up|down|status
# Logs go to stderr; `up` prints the environment (export lines) on stdout and into $DIR/env.
set -euo pipefail

DIR=${PROGY_ENGINES_DIR:-/tmp/progy-engines}
IMAGE=${PROGY_TEST_IMAGE:-progy/busybox:test}
WAIT=${PROGY_ENGINES_WAIT:-60}             # seconds to wait for each engine to answer
DOCKER_SOCK=$DIR/docker.sock
PODMAN_SOCK=$DIR/podman.sock
export CONTAINERS_CONF=$DIR/containers.conf

log() { printf '[engines] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s%N; }
timed() { # timed LABEL CMD...: runs CMD and logs how long it took
  local label=$1 t0; shift; t0=$(now)
  "$@"
  log "$label: $(( ($(now) - t0) / 1000000 )) ms"
}
# /usr/local/bin may hold another docker CLI than the engine's; prefer the one that came with docker.io.
dk() { local cli=/usr/bin/docker; [ -x $cli ] || cli=docker; "$cli" -H "unix://$DOCKER_SOCK" "$@"; }
pm() { podman --url "unix://$PODMAN_SOCK" "$@"; }
ping_sock() { [ -S "$1" ] && curl -fsS --max-time 2 --unix-socket "$1" http://engine/_ping >/dev/null 2>&1; }

# --- install -----------------------------------------------------------------------------------------------
# No recommends: they would pull needrestart (restarts services during apt runs), criu, apparmor and rootless
# helpers that a rootful test engine does not use. Three recommends of podman are needed and named explicitly:
# netavark + aardvark-dns (its networks) and catatonit (pods: Podman builds its pause image from it locally).
PACKAGES=(docker.io podman runc busybox-static netavark aardvark-dns catatonit curl)
install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { log "packages present"; return; }
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when one of the missing packages has no install candidate.
  for p in "${missing[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null; then quiet apt-get update; break; fi
  done
  log "installing ${missing[*]}"
  quiet apt-get install -y --no-install-recommends "${missing[@]}"
}
quiet() { # runs a noisy command with its output in $DIR/apt.log, shown only when it fails
  mkdir -p "$DIR"
  "$@" >"$DIR/apt.log" 2>&1 || { tail -n 30 "$DIR/apt.log" >&2; die "$* failed (log: $DIR/apt.log)"; }
}

# --- configure ---------------------------------------------------------------------------------------------
write_podman_conf() {
  mkdir -p "$DIR"
  cat >"$CONTAINERS_CONF" <<'EOF'
# Written by scripts/engines.sh; used through CONTAINERS_CONF, /etc/containers is left alone.
[containers]
# Podman raises nofile/nproc by default, which fails with EPERM on VMs without CAP_SYS_RESOURCE.
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
# crun fails with "cgroups in hybrid mode not supported" on these VMs; runc works.
runtime = "runc"
EOF
}

# --- start -------------------------------------------------------------------------------------------------
alive() { # alive PIDFILE NAME: the pid in PIDFILE runs a process called NAME (a zombie does not count)
  local pid stat; pid=$(cat "$1" 2>/dev/null) || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1   # "pid (comm) state ..."
  [[ $stat == *"($2) "[!Z]* ]]
}
wait_for() { # wait_for NAME SOCKET PID LOG: until the socket answers, the process exits or WAIT runs out
  local deadline=$(( $(date +%s) + WAIT ))
  until ping_sock "$2"; do
    kill -0 "$3" 2>/dev/null || { tail -n 20 "$4" >&2; die "$1 exited while starting (log: $4)"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -n 20 "$4" >&2; die "$1 did not answer within ${WAIT}s (log: $4)"; }
    sleep 0.1
  done
}
start_dockerd() {
  ping_sock "$DOCKER_SOCK" && { log "dockerd already answers"; return; }
  alive "$DIR/dockerd.pid" dockerd && die "dockerd runs (pid $(cat "$DIR/dockerd.pid")) but does not answer"
  rm -f "$DIR/dockerd.pid"; mkdir -p "$DIR/docker" "$DIR/docker-exec"
  # Everything under $DIR so it never meets a system dockerd: own socket, data, exec root (its own containerd
  # lives there too), pidfile. overlay2 is what users have and is fast (vfs copies every layer). Networking
  # stays Docker's default (docker0 + iptables) so a course with network_access and internal networks behave as
  # on a user's machine; `--iptables=false --bridge=none` also works here but then containers get no network.
  setsid dockerd --host "unix://$DOCKER_SOCK" --data-root "$DIR/docker" --exec-root "$DIR/docker-exec" \
    --pidfile "$DIR/dockerd.pid" --storage-driver overlay2 \
    </dev/null >"$DIR/dockerd.log" 2>&1 &
  # dockerd writes its pidfile itself (and refuses to start if that file names a live process).
  wait_for dockerd "$DOCKER_SOCK" $! "$DIR/dockerd.log"
}
start_podman() {
  ping_sock "$PODMAN_SOCK" && { log "podman service already answers"; return; }
  alive "$DIR/podman.pid" podman && die "podman service runs (pid $(cat "$DIR/podman.pid")) but does not answer"
  rm -f "$PODMAN_SOCK"
  # --time=0: never exit when idle (the default is 5 s). Rootful, default storage (/var/lib/containers).
  setsid podman system service --time=0 "unix://$PODMAN_SOCK" </dev/null >"$DIR/podman.log" 2>&1 &
  echo $! >"$DIR/podman.pid"
  wait_for "podman service" "$PODMAN_SOCK" $! "$DIR/podman.log"
}

# --- base image --------------------------------------------------------------------------------------------
build_rootfs() { # busybox with all its applets, root, a student (1000) and nobody (65534), a sticky /tmp
  local r=$DIR/rootfs a
  rm -rf "$r"; mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,tmp,home/student}
  cp /bin/busybox "$r/bin/busybox"
  for a in $(/bin/busybox --list-full); do [ -e "$r/$a" ] || ln -s /bin/busybox "$r/$a"; done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'student:x:1000:1000:student:/home/student:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$r/etc/passwd"
  printf '%s\n' 'root:x:0:' 'student:x:1000:' 'nogroup:x:65534:' >"$r/etc/group"
  chmod 1777 "$r/tmp"; chown 1000:1000 "$r/home/student"; chmod 700 "$r/root"
  # Fixed order and times: the same files give the same tar, so its hash tells whether to re-import.
  tar --sort=name --mtime=@0 --numeric-owner -C "$r" -cf "$DIR/base.tar" .
}
import_image() { # import_image NAME CLI-FUNCTION LABELS: imports unless the engine has this exact tar already
  local sha have; sha=$(sha256sum "$DIR/base.tar" | cut -c1-64)
  have=$("$2" image inspect --format "{{index $3 \"dev.progy.base-sha256\"}}" "$IMAGE" 2>/dev/null || true)
  [ "$have" = "$sha" ] && { log "$1: $IMAGE is current"; return; }
  "$2" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' --change "LABEL dev.progy.base-sha256=$sha" "$DIR/base.tar" "$IMAGE" >/dev/null
  log "$1: imported $IMAGE"
}

# --- stop / status -----------------------------------------------------------------------------------------
stop_pidfile() { # stop_pidfile NAME PIDFILE PROCESS
  local pid
  if ! alive "$2" "$3"; then log "$1 not running"; rm -f "$2"; return; fi
  pid=$(cat "$2"); kill -TERM "$pid"
  # dockerd gives running containers 15 s to stop before it exits.
  for _ in $(seq 1 250); do alive "$2" "$3" || break; sleep 0.1; done
  alive "$2" "$3" && { log "$1 (pid $pid) ignored TERM, killing"; kill -KILL "$pid"; }
  rm -f "$2"; log "$1 stopped (pid $pid)"
}
status_of() { # status_of NAME SOCKET PIDFILE LOG VERSION-CMD...
  local name=$1 sock=$2 pidf=$3 logf=$4; shift 4
  if ping_sock "$sock"; then
    echo "$name: answering at unix://$sock, server $("$@" 2>/dev/null || echo '?'), pid $(cat "$pidf" 2>/dev/null || echo '?'), log $logf"
  else
    echo "$name: NOT answering at unix://$sock (looked for socket $sock, pidfile $pidf, log $logf); run: $0 up"
    return 1
  fi
}

env_lines() {
  echo "export DOCKER_HOST=unix://$DOCKER_SOCK"
  echo "export CONTAINER_HOST=unix://$PODMAN_SOCK"
  echo "export CONTAINERS_CONF=$CONTAINERS_CONF"
  echo "export PROGY_TEST_IMAGE=$IMAGE"
}

case "${1:-}" in
  up)
    [ "$(id -u)" = 0 ] || die "run as root (installs packages, runs rootful engines)"
    timed "install packages" install_packages
    write_podman_conf
    timed "start dockerd" start_dockerd
    timed "start podman service" start_podman
    timed "build base rootfs" build_rootfs
    timed "import into docker" import_image docker dk .Config.Labels
    timed "import into podman" import_image podman pm .Labels
    env_lines | tee "$DIR/env"
    log "ready; source $DIR/env" ;;
  down)
    stop_pidfile dockerd "$DIR/dockerd.pid" dockerd
    # dockerd stops the containerd it started; this only catches one left over from a crash.
    c=$DIR/docker-exec/containerd/containerd.pid; if alive "$c" containerd; then stop_pidfile containerd "$c" containerd; fi
    # Podman's containers outlive its service (each has its own conmon): say so rather than hide leftovers.
    if ping_sock "$PODMAN_SOCK" && [ -n "$(pm ps -q)" ]; then log "podman containers still running: $(pm ps -q | xargs)"; fi
    stop_pidfile "podman service" "$DIR/podman.pid" podman
    rm -f "$DOCKER_SOCK" "$PODMAN_SOCK" ;;
  status)
    rc=0
    status_of docker "$DOCKER_SOCK" "$DIR/dockerd.pid" "$DIR/dockerd.log" dk version --format '{{.Server.Version}}' || rc=1
    status_of podman "$PODMAN_SOCK" "$DIR/podman.pid" "$DIR/podman.log" pm version --format '{{.Server.Version}}' || rc=1
    exit $rc ;;
  *) echo "usage: $0 up|down|status   (state in \$PROGY_ENGINES_DIR, default /tmp/progy-engines)" >&2; exit 2 ;;
esac
