#!/usr/bin/env bash
# Sets up everything the desktop app needs on Debian 12 and runs it on the bundled demo county.
# The database lives in the OS app-data directory (override with JUNHENG_DB=path or --db path);
# an empty database is seeded with 云和县 on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh app
source scripts/ccache-env.sh
(cd ui && npm ci --no-audit --no-fund && npm run build)
cargo build -p junheng-desktop
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "[run-app] no display found: running inside a virtual X server (xvfb-run)"
  exec xvfb-run -a ./target/debug/junheng-desktop "$@"
fi
exec ./target/debug/junheng-desktop "$@"
