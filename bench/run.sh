#!/usr/bin/env bash
# Location–allocation benchmark: builds the release CLI, checks every known optimum
# (pmed1–40 p-median and p-center, SJC1–4 + pmedcap1 1–20 capacitated p-median, the 148 MCLP
# rows and 20 LSCP radii of mclp/optimal.tsv, with HiGHS alone as the in-process baseline), then — if
# `python3 -c "import spopt, pulp"` works — compares with spopt's PMedian (PuLP + CBC) on pmed1–5.
#
# Then accessibility: PySAL `access` vs `junheng access` on the Chicago tracts (1.69 M cost pairs;
# pip-installs `access` if missing), and the app's accessibility computation on a synthetic
# county of 1 M residents (250 m grid, 500 facilities).
#
#   bench/run.sh [DATA_DIR]        (default: ../shared/data/benchmarks relative to the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ccache-env.sh
DATA="${1:-${JUNHENG_BENCH_DATA:-$(cd .. && pwd)/shared/data/benchmarks}}"
cargo build --release -p junheng-cli
BIN="${CARGO_TARGET_DIR:-target}/release/junheng"
echo "# junheng locate-bench --data $DATA   ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
"$BIN" locate-bench --data "$DATA"
echo "== MCLP / LSCP: engine (heuristic + Lagrangian bound) + HiGHS for the gaps, vs HiGHS alone =="
"$BIN" locate mclp --bench "$DATA/mclp" --milp-baseline 2>/dev/null
if python3 -c "import spopt, pulp" 2>/dev/null; then
  echo "== spopt PMedian (PuLP + CBC) vs junheng, pmed1–5 =="
  python3 bench/spopt_side_by_side.py --junheng "$BIN" --data "$DATA" --timeout "${SPOPT_TIMEOUT:-120}"
  echo "== spopt MCLP (PuLP + CBC) vs junheng, nine SJC rows from easy to hardest =="
  python3 bench/spopt_mclp_side_by_side.py --junheng "$BIN" --data "$DATA" --timeout "${SPOPT_TIMEOUT:-120}"
else
  echo "spopt side-by-side skipped (pip install spopt pulp)"
fi
echo "== Accessibility: PySAL access (pandas) vs junheng access, Chicago tracts, 1.69 M pairs =="
python3 bench/access_side_by_side.py --junheng "$BIN" --data "$DATA/../us_chicago_access"
echo "== Accessibility as the app computes it: synthetic county, 1 M residents, 250 m grid, 500 facilities =="
cargo run --release -q -p junheng-core --example access_grid_bench -- --reference
