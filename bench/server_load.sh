#!/usr/bin/env bash
# Server load benchmark (prints figures; not a test). On a throw-away PostgreSQL cluster
# (scripts/pg-test-cluster.sh), with a release build:
#   1. loads every county of the census with `junheng county add` (2 at a time) and the demo
#      county, and prints the time;
#   2. signs in 50 viewers and 5 planners and runs a bounded loopback load: viewers call
#      get_dashboard on random counties, planners edit their own facility (read, then write);
#      prints throughput, p50/p95/p99, errors, conflicts, lost writes and the server's RSS;
#      viewers also read the 区域总览 of 330000 and 331100 (--overview-share, default 0.1), and
#      one overview of 331100, 330000 and the country is timed first (cold, then again);
#   3. with --cache both (the default), runs the load once without the read cache
#      (JUNHENG_READ_CACHE=off) and once with it, on a freshly started server each time;
#      with --warm, each load is preceded by one read of every county's dashboard (timed), so
#      that it measures a server that has been serving for a while rather than one just started.
# Usage: bench/server_load.sh [--duration SECONDS] [--viewers N] [--planners N] [--counties all|N]
#                             [--cache both|on|off] [--overview-share F] [--warm]
# JUNHENG_BIN=path uses that binary instead of building target/release/junheng.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=30 viewers=50 planners=5 counties=all cache=both share=0.1 warm=
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --viewers) viewers="$2"; shift 2 ;;
    --planners) planners="$2"; shift 2 ;;
    --counties) counties="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --overview-share) share="$2"; shift 2 ;;
    --warm) warm=--warm; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
. bench/release-bin.sh
work="$(mktemp -d)"
# The cluster's folder must be reachable by the postgres user: not inside the private $work.
pgdir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
admin="$(scripts/pg-test-cluster.sh start "$pgdir" "$port")"
psql -q "$admin" -c "CREATE DATABASE junheng_bench" >/dev/null
db="${admin%/postgres}/junheng_bench"
echo "PostgreSQL: $("$(scripts/pg-test-cluster.sh bindir)/postgres" --version), cluster in $pgdir"

codes="$work/codes.txt"
tail -n +2 data/census/china_census2020_county_yearbook.csv | cut -d, -f1 | tr -d '\r' | sort -u > "$codes"
if [ "$counties" != all ]; then shuf -n "$counties" --random-source=<(yes) "$codes" > "$codes.n"; mv "$codes.n" "$codes"; fi
"$bin" demo --db "$db" >/dev/null
start=$(date +%s.%N)
xargs -P 2 -I{} sh -c '"$0" county add {} --db "$1" >/dev/null 2>&1 && echo "ok {}" || echo "refused {}"' "$bin" "$db" < "$codes" > "$work/added.txt"
end=$(date +%s.%N)
ok=$(grep -c '^ok' "$work/added.txt" || true)
refused=$(grep -c '^refused' "$work/added.txt" || true)
python3 - "$start" "$end" "$ok" "$refused" "$(wc -l < "$codes")" <<'PY'
import sys
s, e, ok, refused, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"county add: {n} census codes -> {ok} counties stored, {refused} refused (not county-level or abolished since 2020), "
      f"{e - s:.1f} s ({(e - s) / max(n, 1) * 1000:.0f} ms per county, 2 at a time)")
PY
printf 'viewer-pass-1\n' | "$bin" user add viewer --role viewer --scope 000000 --db "$db" --password-stdin >/dev/null
for i in $(seq 1 "$planners"); do
  printf 'planner-pass-1\n' | "$bin" user add "planner$i" --role planner --scope 331125 --db "$db" --password-stdin >/dev/null
done
mkdir -p "$work/ui" && echo '<!doctype html><title>均衡</title>' > "$work/ui/index.html"
run_load() {
  local mode="$1" http_port server
  http_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  if [ "$mode" = off ]; then export JUNHENG_READ_CACHE=off; else unset JUNHENG_READ_CACHE; fi
  "$bin" serve --db "$db" --listen "127.0.0.1:$http_port" --ui-dir "$work/ui" 2>"$work/serve-$mode.log" &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; cleanup' EXIT
  for _ in $(seq 1 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $http_port), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
  python3 bench/server_load.py --port "$http_port" --pid "$server" --duration "$duration" \
    --viewers "$viewers" --planners "$planners" --added "$work/added.txt" \
    --overview-share "$share" --label "read cache $mode${warm:+, warmed}" $warm
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
  trap cleanup EXIT
}
case "$cache" in
  both) run_load off; run_load on ;;
  on|off) run_load "$cache" ;;
  *) echo "--cache must be both, on or off" >&2; exit 2 ;;
esac
