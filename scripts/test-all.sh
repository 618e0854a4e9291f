#!/usr/bin/env bash
# Installs whatever the tests need on Debian 12 and runs every test: Rust unit and integration
# tests, the UI's Vitest suite and type-checked build, and the desktop smoke test in a real
# window (tauri-driver + WebKitWebDriver under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
bash scripts/install-deps.sh test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== Rust: format and lints =="
cargo fmt --all -- --check
cargo clippy --workspace --exclude junheng-desktop --all-targets -- -D warnings

echo "== Rust: tests =="
cargo test --workspace --exclude junheng-desktop

echo "== UI: install, unit tests, build =="
(cd ui && npm ci --no-audit --no-fund && npm test && npm run build)

echo "== Desktop: build and smoke test =="
cargo build -p junheng-desktop
dbus-run-session -- env NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" node tests/desktop/smoke.mjs
echo "== all tests passed =="
