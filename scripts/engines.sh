#!/usr/bin/env bash
# Installs, configures and starts Docker Engine and Podman on private sockets for the engine tests, and
# imports the base image the tests use into both. No registry is reachable on these machines: the image is
# made from busybox-static. Usage and the facts behind the settings: scripts/README.md.
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
PACKAGES=(docker.io podman runc busybox-static netavark aardvark-dns catatonit curl python3)
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
  pack_rootfs "$r" "$DIR/base.tar"
}
import_image() { # import_image NAME CLI-FUNCTION LABELS TAR IMAGE [ENV...]: imports unless the engine has this exact tar
  local name=$1 cli=$2 labels=$3 tar=$4 image=$5 sha have e changes=(); shift 5
  sha=$(sha256sum "$tar" | cut -c1-64)
  have=$("$cli" image inspect --format "{{index $labels \"dev.progy.base-sha256\"}}" "$image" 2>/dev/null || true)
  [ "$have" = "$sha" ] && { log "$name: $image is current"; return; }
  for e in "$@"; do changes+=(--change "ENV $e"); done
  "$cli" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "${changes[@]}" \
    --change 'CMD ["/bin/sh"]' --change "LABEL dev.progy.base-sha256=$sha" "$tar" "$image" >/dev/null
  log "$name: imported $image"
}

# --- stand-ins for public runtime images -------------------------------------------------------------------
# The sample courses' container variants build FROM eclipse-temurin:17-jdk and python:3.11-slim, as a course
# author would write. No registry is reachable here, so these stand-ins carry those names on the local engines:
# the busybox root filesystem plus the host's own JDK (cut down with jlink) or python3, and the shared libraries
# they load. A machine with a registry pulls the real images instead.
JDK_IMAGE=eclipse-temurin:17-jdk
PYTHON_IMAGE=python:3.11-slim
copy_libs() { # copy_libs ROOT FILE...: copies the shared libraries the FILEs load (and the loader) into ROOT
  local root=$1 lib; shift
  { ldd "$@" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/lib64\// {print $1}' | sort -u |
    while read -r lib; do mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; done
}
pack_rootfs() { tar --sort=name --mtime=@0 --numeric-owner -C "$1" -cf "$2" .; }
build_jdk_rootfs() {
  local r=$DIR/jdk-rootfs jh
  command -v javac >/dev/null || die "javac not found: install a JDK 17 (openjdk-17-jdk-headless)"
  jh=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  # rebuilt only when the host's JDK changed (jlink takes a while)
  [ -f "$DIR/jdk.tar" ] && [ "$(cat "$DIR/jdk.from" 2>/dev/null)" = "$jh $(stat -c %Y "$jh/release")" ] && return
  rm -rf "$r"; cp -a "$DIR/rootfs" "$r"; mkdir -p "$r/opt/java"
  "$jh/bin/jlink" --add-modules java.base,java.compiler,jdk.compiler,jdk.zipfs,java.logging \
    --strip-debug --no-man-pages --no-header-files --output "$r/opt/java/openjdk"
  copy_libs "$r" $(find "$r/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \))
  pack_rootfs "$r" "$DIR/jdk.tar"; rm -rf "$r"
  echo "$jh $(stat -c %Y "$jh/release")" >"$DIR/jdk.from"
}
build_python_rootfs() {
  local r=$DIR/python-rootfs py
  py=$(readlink -f /usr/bin/python3)   # Debian's, not a pyenv shim or a venv
  rm -rf "$r"; cp -a "$DIR/rootfs" "$r"; mkdir -p "$r/usr/lib"
  cp "$py" "$r/usr/bin/"; ln -sf "$(basename "$py")" "$r/usr/bin/python3"; ln -sf python3 "$r/usr/bin/python"
  tar -C /usr/lib --exclude=test --exclude=tests --exclude=__pycache__ --exclude=idlelib --exclude=tkinter \
    --exclude=ensurepip --exclude=site-packages --exclude=dist-packages -cf - "$(basename "$py")" | tar -C "$r/usr/lib" -xf -
  copy_libs "$r" "$py" "$r/usr/lib/$(basename "$py")"/lib-dynload/*.so
  pack_rootfs "$r" "$DIR/python.tar"; rm -rf "$r"
}
import_all() { # import_all NAME CLI-FUNCTION LABELS
  import_image "$1" "$2" "$3" "$DIR/base.tar" "$IMAGE"
  import_image "$1" "$2" "$3" "$DIR/jdk.tar" "$JDK_IMAGE" JAVA_HOME=/opt/java/openjdk \
    'PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  import_image "$1" "$2" "$3" "$DIR/python.tar" "$PYTHON_IMAGE" LANG=C.UTF-8
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
    timed "build JDK stand-in rootfs" build_jdk_rootfs
    timed "build python stand-in rootfs" build_python_rootfs
    timed "import into docker" import_all docker dk .Config.Labels
    timed "import into podman" import_all podman pm .Labels
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
