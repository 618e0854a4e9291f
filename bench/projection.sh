#!/usr/bin/env sh
# Projection benchmark: every county-level row of the 7th-census yearbook, 2020 → 2035
# (2,982 rows: 6-digit codes not ending in 00, plus the NA-coded development zones).
# Prints the counties, the wall time of the projection and of reading the census file.
# Budget: < 2 s in release on 2 cores.
set -eu
cd "$(dirname "$0")/.."
cargo build --release -p junheng-cli
./target/release/junheng project --bench-all-counties \
  --census data/census/china_census2020_county_yearbook.csv
