#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a folder, a loopback
# port, trust authentication on localhost only, no durability settings (fsync off) since it
# is deleted afterwards. initdb and pg_ctl refuse to run as root, so as root they run as the
# `postgres` user that Debian's package creates.
#
#   scripts/pg-test-cluster.sh start DIR PORT   # prints the URL of the `postgres` database
#   scripts/pg-test-cluster.sh stop DIR         # stops the server and deletes DIR
#   scripts/pg-test-cluster.sh bindir           # where initdb is, or exit 3 when it is not
#
# The binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian's `postgresql`).
set -euo pipefail

bindir() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 3
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-}"
case "$cmd" in
  bindir)
    bindir || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 3; }
    ;;
  start)
    dir="${2:?folder}"; port="${3:?port}"
    bin="$(bindir)" || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 3; }
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?folder}"
    bin="$(bindir)" || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR | bindir" >&2; exit 2
    ;;
esac
