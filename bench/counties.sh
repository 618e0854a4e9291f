#!/usr/bin/env bash
# Every county of China in one database (prints figures; not a timed test). Builds the api's
# integration test in release and runs `crates/api/tests/all_counties.rs`, which creates every
# county of the 7th-census yearbook that still has a 2023 code with `create_county` into one
# SQLite file, checks each against the yearbook and the 2023 township list, and prints the
# total time, the slowest county and the database size.
# Usage: bench/counties.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/ccache-env.sh ] && . scripts/ccache-env.sh
cargo test --release -p junheng-api --test all_counties -- --ignored --nocapture
