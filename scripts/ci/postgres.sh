#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints its URL on stdout (nothing else).
# Installs Debian's postgresql package when no server is found; runs the cluster as a non-root
# user (postgres refuses to run as root) in a temp folder, on a loopback port, with trust auth
# limited to 127.0.0.1. With PG_TEST_STATE=<file> it records the cluster there, and
# `postgres.sh stop <file>` stops that cluster and removes its folder (what .ci/run does on exit).
set -euo pipefail
log() { echo "postgres.sh: $*" >&2; }

if [ "${1:-}" = "stop" ]; then
  state="${2:?usage: postgres.sh stop STATE_FILE}"
  [ -s "$state" ] || exit 0
  read -r bin dir run_as <"$state"
  if [ -n "${run_as:-}" ]; then runuser -u "$run_as" -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
  rm -rf "$dir" "$state"
  exit 0
fi

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  log "no PostgreSQL server found; installing Debian's postgresql package"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

run_as=""
if [ "$(id -u)" -eq 0 ]; then
  id cutsbot >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin cutsbot
  run_as=cutsbot
fi
as_user() { if [ -n "$run_as" ]; then runuser -u "$run_as" -- "$@"; else "$@"; fi; }

dir="$(mktemp -d "${TMPDIR:-/tmp}/cutsbot-pg.XXXXXX")"
[ -n "$run_as" ] && chown "$run_as" "$dir"
chmod 700 "$dir"
port="${PGPORT_FOR_TESTS:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)}"

as_user "$bin/initdb" -D "$dir/data" -U cutsbot -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }
[ -n "${PG_TEST_STATE:-}" ] && echo "$bin $dir $run_as" >"$PG_TEST_STATE"
as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U cutsbot cutsbot_test
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $dir/data on 127.0.0.1:$port (stop: $bin/pg_ctl -D $dir/data stop)"
echo "postgres://cutsbot@127.0.0.1:$port/cutsbot_test"
