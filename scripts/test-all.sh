#!/usr/bin/env bash
# Installs whatever the tests need on Debian 12 and runs every test: Rust unit and integration
# tests, the UI's Vitest suite and type-checked build, the browser end-to-end test of the
# planner workflow (Chromium + playwright-core against `junheng serve`), the desktop smoke
# test in a real window (tauri-driver + WebKitWebDriver under Xvfb), and the Linux package:
# scripts/test-package.sh builds the .deb, installs it and tests the installed app
# (JUNHENG_SKIP_PACKAGE=1 leaves it out of a local run).
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Every suite's output also goes to $log so that the last line can total them.
exec > >(tee "$log") 2>&1
export CARGO_TERM_COLOR=never NO_COLOR=1
bash scripts/install-deps.sh test
source scripts/ccache-env.sh
export PATH="$HOME/.cargo/bin:$PATH"

echo "== Rust: format and lints =="
cargo fmt --all -- --check
cargo clippy --workspace --exclude junheng-desktop --all-targets -- -D warnings

echo "== Rust: tests =="
cargo test --workspace --exclude junheng-desktop

echo "== UI: install, unit tests, build =="
(cd ui && npm ci --no-audit --no-fund && npm test && npm run build)

echo "== Browser end-to-end: import → scenario → compare → report (Chromium) =="
cargo build -p junheng-cli
node tests/e2e/planner.mjs
# Base layer from a tile server on 127.0.0.1 (GCJ-02 → WGS84 shift), the actuals import gate, A4 print.
node tests/e2e/map-print.mjs

echo "== Desktop: build and smoke test =="
cargo build -p junheng-desktop
dbus-run-session -- env NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x800x24" node tests/desktop/smoke.mjs

# The package is built from a debug build here (JUNHENG_PACKAGE_PROFILE=debug: the same .deb
# layout, dependencies and menu entry, a few minutes on top of the debug build above); the
# release package (about 18 minutes from cold) is scripts/package.sh's default.
echo "== Linux package: build the .deb, install it, test the installed app, remove it =="
if [ "${JUNHENG_SKIP_PACKAGE:-}" = 1 ]; then
  echo "skipped: JUNHENG_SKIP_PACKAGE=1"
else
  JUNHENG_PACKAGE_PROFILE="${JUNHENG_PACKAGE_PROFILE:-debug}" bash scripts/test-package.sh
fi
counts=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /^test result: ok\./ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) rust += $i }
  /^ +Tests +[0-9]+ passed/ { vitest = $2 }
  /^[0-9]+ passed, 0 failed$/ { smoke = $1 }
  /^e2e: [0-9]+ passed$/ { e2e += $2 }
  /^e2e map-print: [0-9]+ passed$/ { e2e += $3 }
  /^package: [0-9]+ passed, 0 failed, [0-9]+ skipped$/ { pkg = $2; pkg_skipped = $6 }
  END { printf "%d %d %d %d %d %d", rust, vitest, smoke, e2e, pkg, pkg_skipped }')
read -r rust vitest smoke e2e pkg pkg_skipped <<<"$counts"
echo "== all tests passed: Rust $rust, Vitest $vitest, browser e2e $e2e, desktop smoke $smoke, installed package $pkg ($pkg_skipped skipped) =="
echo "$((rust + vitest + smoke + e2e + pkg)) passed, 0 failed, $pkg_skipped skipped"
