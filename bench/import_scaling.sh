#!/usr/bin/env bash
# Import validation time against file size (prints figures; not a test). Builds the release CLI,
# makes the demo county, and times `junheng import facilities FILE --dry-run` on CSV files of
# 12,500 / 25,000 / 50,000 / 100,000 facility rows (the demo's facilities repeated with new ids,
# so every row is valid and every check runs). A linear import doubles its time with the rows;
# the ratio column shows it (before the fix: 1.25 / 4.7 / 15 / 69 s, a scan per row).
# Usage: bench/import_scaling.sh       JUNHENG_BIN=path uses that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/release-bin.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" demo --db "$work/d.db" >/dev/null
printf '%8s %9s %9s %8s\n' rows bytes seconds ratio
prev=""
for n in 12500 25000 50000 100000; do
  python3 - "$n" "$work/f$n.csv" <<'PY'
import csv, sys
n, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.reader(open("data/demo/facilities.csv", encoding="utf-8")))
header, body = rows[0], rows[1:]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(n):
        r = list(body[i % len(body)])
        r[0] = f"B{i:06d}"
        w.writerow(r)
PY
  start=$(date +%s.%N)
  "$bin" import facilities "$work/f$n.csv" --db "$work/d.db" --dry-run >/dev/null
  end=$(date +%s.%N)
  s=$(python3 -c "print(f'{$end - $start:.3f}')")
  ratio=$([ -n "$prev" ] && python3 -c "print(f'{$s / $prev:.2f}')" || echo "-")
  printf '%8d %9d %9.2f %8s\n' "$n" "$(stat -c %s "$work/f$n.csv")" "$s" "$ratio"
  prev=$s
done
