#!/usr/bin/env sh
# National reference data: size of the embedded national.bin, its decode time in a release
# build (target < 100 ms) and what it holds.
set -eu
cd "$(dirname "$0")/.."
cargo run --release -q -p junheng-reference --example reference_bench
