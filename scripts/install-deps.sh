#!/usr/bin/env bash
# Installs every system package Junheng needs on Debian 12, idempotently.
# Usage: scripts/install-deps.sh [app|test|package|package-test]
#   app          - what building and running the desktop app needs
#   test         - app + what the test suites need (Xvfb, WebKitWebDriver, Chromium, tauri-driver,
#                  PostgreSQL for the PostgreSQL store's tests)
#   package      - app + what scripts/package.sh needs to check the .deb and .rpm it makes
#   package-test - package + what scripts/test-package.sh needs to run the installed app
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
# The Tauri bundler writes both packages itself (the CLI comes from npm, ui/'s devDependency);
# these only inspect them: rpm reads the .rpm, dpkg-shlibdeps (dpkg-dev) names the
# packages that provide the libraries the binary links, desktop-file-validate the menu entry.
PACKAGE_PKGS=(rpm dpkg-dev desktop-file-utils)
# Driving the installed app: WebKitWebDriver, sqlite3 to make the databases of other releases,
# xwininfo/xdotool to find and close the dialog that refuses a database.
PACKAGE_TEST_PKGS=(webkit2gtk-driver at-spi2-core sqlite3 x11-utils xdotool)

pkgs=("${APP_PKGS[@]}")
case "$mode" in
  app) ;;
  test) pkgs+=("${TEST_PKGS[@]}") ;;
  package) pkgs+=("${PACKAGE_PKGS[@]}") ;;
  package-test) pkgs+=("${PACKAGE_PKGS[@]}" "${PACKAGE_TEST_PKGS[@]}") ;;
  *) echo "usage: $0 [app|test|package|package-test]" >&2; exit 2 ;;
esac

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

export PATH="$HOME/.cargo/bin:$PATH"
if { [ "$mode" = "test" ] || [ "$mode" = "package-test" ]; } && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "[install-deps] cargo install tauri-driver"
  cargo install tauri-driver --locked
fi
echo "[install-deps] done ($mode)"
