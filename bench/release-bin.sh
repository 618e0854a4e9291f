# Sourced by the benchmarks: sets `bin` to the release CLI, building it unless JUNHENG_BIN names
# a binary to use instead.
target="${CARGO_TARGET_DIR:-target}"
bin="${JUNHENG_BIN:-}"
if [ -z "$bin" ]; then
  [ -f scripts/ccache-env.sh ] && . scripts/ccache-env.sh
  cargo build --release -q -p junheng-cli
  bin="$target/release/junheng"
fi
