#!/usr/bin/env bash
# Installs (from Debian's packages, if missing) and runs a private PostgreSQL cluster for the sync tests: owned by
# the postgres user, under $DIR, listening on a unix socket in $DIR and on 127.0.0.1:$PORT only, with a database and
# a user (allowed to create databases: each test makes its own and drops it). Idempotent.
#   scripts/postgres.sh up|down|status
# `up` prints the environment (export lines) on stdout and into $DIR/env:
#   PROGY_TEST_POSTGRES_URL=postgresql://progy:progy@127.0.0.1:$PORT/progy
set -euo pipefail

DIR=${PROGY_POSTGRES_DIR:-/tmp/progy-postgres}
PORT=${PROGY_POSTGRES_PORT:-55432}
DATA=$DIR/data
USER_NAME=progy
PASSWORD=progy
DB=progy
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

bindir() { # the newest installed server's bin folder
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install() {
  if [ -n "$(bindir)" ]; then log "postgresql present ($(bindir))"; return; fi
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$DIR"
  log "installing postgresql"
  if ! apt-cache policy postgresql 2>/dev/null | grep -q 'Candidate: [0-9]'; then apt-get update >"$DIR/apt.log" 2>&1; fi
  # the package's own cluster (port 5432) is not used; ours runs beside it on $PORT
  apt-get install -y --no-install-recommends postgresql >>"$DIR/apt.log" 2>&1 \
    || { tail -n 30 "$DIR/apt.log" >&2; die "apt-get install postgresql failed (log: $DIR/apt.log)"; }
  [ -n "$(bindir)" ] || die "postgresql installed but pg_ctl not found under /usr/lib/postgresql"
}

running() { local b; b=$(bindir) || return 1; [ -f "$DATA/PG_VERSION" ] && as_pg "$b/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

ready() { local b; b=$(bindir); as_pg "$b/pg_isready" -q -h "$DIR" -p "$PORT"; }

write_env() {
  printf 'export PROGY_TEST_POSTGRES_URL=%q\n' "$URL" | tee "$DIR/env"
}

up() {
  install
  local b; b=$(bindir)
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  chmod 0755 "$DIR"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initdb in $DATA"
    as_pg "$b/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
      >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    cat >>"$DATA/postgresql.conf" <<CONF
# written by scripts/postgres.sh: a private test cluster
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 100
fsync = on
CONF
  fi
  if ! running; then
    log "starting on 127.0.0.1:$PORT and $DIR/.s.PGSQL.$PORT"
    as_pg "$b/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$DIR/server.log" >&2; die "pg_ctl start failed (log: $DIR/server.log)"; }
  fi
  for _ in $(seq 1 60); do ready && break; sleep 1; done
  ready || die "PostgreSQL does not answer on $DIR:$PORT"
  psql() { as_pg "$b/psql" -h "$DIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  if [ "$(psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
    psql -d postgres -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'"
  fi
  # the tests drop their databases WITH (FORCE): let the role end any session still on one (a pool's, a worker's)
  psql -d postgres -c "GRANT pg_signal_backend TO $USER_NAME"
  if [ "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql -d postgres -c "CREATE DATABASE $DB OWNER $USER_NAME"
  fi
  log "ready: $URL"
  write_env
}

down() {
  local b; b=$(bindir) || { log "not installed"; return; }
  if running; then as_pg "$b/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

status() {
  if running && ready; then log "up: $URL"; [ -f "$DIR/env" ] && cat "$DIR/env"; else log "down"; return 1; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
