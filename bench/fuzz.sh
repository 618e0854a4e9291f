#!/usr/bin/env bash
# Long mutation runs of every junheng-io reader (the property tests of crates/io/tests/fuzz.rs,
# release build): each reader family runs for MINUTES minutes in batches of CASES mutated
# inputs, each batch with a fresh random seed. An input that panics a reader (even a panic the
# XLSX reader catches) is saved to crates/io/tests/regressions/, where the normal test
# (crates/io/tests/regressions.rs) replays it from then on. Prints runs, inputs and crashes per
# reader and exits non-zero if anything crashed.
#
#   bench/fuzz.sh [MINUTES_PER_READER] [CASES_PER_BATCH]     (default 2 minutes, 2000 cases)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-2}"
CASES="${2:-2000}"
SAVE="$PWD/crates/io/tests/regressions"
TESTS=(
  facilities_csv_and_preview facilities_xlsx zones_csv_and_xlsx schools hukou_bands census
  births_and_migration boundaries_geojson orlib_pmedian capacitated_lorena_and_beasley
  covering_sjc_swain_and_points
)
cargo test --release -p junheng-io --test fuzz --no-run 2>&1 | tail -1
before=$(ls "$SAVE" | wc -l)
crashed=0
printf '%-34s %6s %10s %8s\n' reader batches inputs crashes
for t in "${TESTS[@]}"; do
  end=$(( $(date +%s) + MINUTES * 60 ))
  batches=0
  fails=0
  while [ "$(date +%s)" -lt "$end" ]; do
    seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
    if ! FUZZ_SAVE_DIR="$SAVE" PROPTEST_CASES="$CASES" PROPTEST_RNG_SEED="$seed" \
      cargo test -q --release -p junheng-io --test fuzz "$t" -- --exact >/tmp/junheng-fuzz-$$.log 2>&1; then
      fails=$((fails + 1))
      echo "  $t: crash with PROPTEST_RNG_SEED=$seed:" >&2
      grep -E "panicked at|minimal failing input" /tmp/junheng-fuzz-$$.log | head -4 >&2 || true
    fi
    batches=$((batches + 1))
  done
  printf '%-34s %6d %10d %8d\n' "$t" "$batches" $((batches * CASES)) "$fails"
  crashed=$((crashed + fails))
done
rm -f /tmp/junheng-fuzz-$$.log
after=$(ls "$SAVE" | wc -l)
echo "new regression files: $((after - before)) (in $SAVE)"
if [ "$crashed" -gt 0 ]; then
  echo "FAIL: $crashed crashing batch(es)"
  exit 1
fi
echo "no crash"
