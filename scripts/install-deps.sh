#!/usr/bin/env bash
# Installs every system package Junheng needs on Debian 12, idempotently.
# Usage: scripts/install-deps.sh [app|test]
#   app  - what building and running the desktop app needs
#   test - app + what the test suites need (Xvfb, WebKitWebDriver, Chromium, tauri-driver,
#          PostgreSQL for the PostgreSQL store's tests)
set -euo pipefail
mode="${1:-test}"

need_root() { if [ "$(id -u)" -ne 0 ]; then echo "sudo"; fi; }
SUDO="$(need_root)"

APP_PKGS=(libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  build-essential pkg-config libssl-dev file curl fonts-noto-cjk xvfb xauth dbus dbus-x11
  imagemagick
  # HiGHS (the MILP behind junheng-milp) is C++ built by CMake; its bindings come from bindgen;
  # ccache keeps its repeated builds short (scripts/ccache-env.sh).
  cmake libclang-dev ccache)
# postgresql: the PostgreSQL store's tests start a throw-away cluster of their own
# (scripts/pg-test-cluster.sh) from its binaries in /usr/lib/postgresql/15/bin.
TEST_PKGS=(webkit2gtk-driver chromium at-spi2-core poppler-utils postgresql)

pkgs=("${APP_PKGS[@]}")
if [ "$mode" = "test" ]; then pkgs+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[install-deps] apt packages: ${missing[*]}"
  $SUDO apt-get update -y
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1; then
  echo "[install-deps] Node.js is missing; installing Debian's nodejs and npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y nodejs npm
fi

if [ "$mode" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "[install-deps] cargo install tauri-driver"
  cargo install tauri-driver --locked
fi
echo "[install-deps] done ($mode)"
