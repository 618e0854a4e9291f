#!/usr/bin/env bash
# Builds the Linux x86-64 packages of the desktop app with the Tauri bundler:
#   .deb  Debian 12+, Ubuntu 22.04+ and the domestic desktops built on them (UOS, Kylin, deepin)
#   .rpm  Fedora, openEuler, openSUSE and the other RPM systems with WebKitGTK 4.1
# versioned from the workspace version (Cargo.toml [workspace.package]), then checks both
# (packaging/check-packages.sh): version, files, menu entry, and dependencies against what the
# binary really links.
# Usage: scripts/package.sh [all|deb|rpm]      (default: all)
# Output: target/release/bundle/deb/Junheng_<version>_amd64.deb and
#         target/release/bundle/rpm/Junheng-<version>-1.x86_64.rpm (under $CARGO_TARGET_DIR if set);
#         the last lines name each package with its size.
# A release build of the desktop app from cold takes about 20 minutes on two cores.
# JUNHENG_PACKAGE_PROFILE=debug bundles a debug build instead (target/debug/bundle): the same
# files, dependencies and menu entry, built in a few minutes on top of the test suite's debug
# build; scripts/test-all.sh tests the package that way to stay within CI's time.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
which="${1:-all}"
case "$which" in
  all) bundles="deb,rpm" ;;
  deb|rpm) bundles="$which" ;;
  *) echo "usage: $0 [all|deb|rpm]" >&2; exit 2 ;;
esac

bash scripts/install-deps.sh package
source scripts/ccache-env.sh
export PATH="$HOME/.cargo/bin:$PATH"

# One version for the crates, the app and the packages: tauri.conf.json has none, so the
# bundler takes the desktop crate's, which is the workspace's.
version="$(cargo metadata --no-deps --format-version 1 \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="junheng-desktop");process.stdout.write(p.version)})')"
target_dir="$(cargo metadata --no-deps --format-version 1 \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).target_directory))')"
profile="${JUNHENG_PACKAGE_PROFILE:-release}"
case "$profile" in
  release) profile_flag=() ;;
  debug) profile_flag=(--debug) ;;
  *) echo "JUNHENG_PACKAGE_PROFILE must be release or debug" >&2; exit 2 ;;
esac
bundle_dir="$target_dir/$profile/bundle"
echo "[package] Junheng $version ($bundles, $profile build) into $bundle_dir"

# The UI is built first: the release binary embeds ui/dist. The same npm ci brings the Tauri
# CLI (@tauri-apps/cli, a devDependency of ui/ pinned to the version of @tauri-apps/api).
(cd ui && npm ci --no-audit --no-fund && npm run build)

# Packages of an earlier build would be mistaken for this one's.
rm -rf "$bundle_dir/deb" "$bundle_dir/rpm"
started=$SECONDS
# The CLI is run from src-tauri: it finds tauri.conf.json there (the root one is a link).
(cd src-tauri && "$root/ui/node_modules/.bin/tauri" build --ci "${profile_flag[@]}" --bundles "$bundles")
echo "[package] tauri build took $((SECONDS - started)) s"

deb="$bundle_dir/deb/Junheng_${version}_amd64.deb"
rpm="$bundle_dir/rpm/Junheng-${version}-1.x86_64.rpm"
made=()
case "$bundles" in *deb*) made+=("$deb") ;; esac
case "$bundles" in *rpm*) made+=("$rpm") ;; esac
for f in "${made[@]}"; do
  [ -f "$f" ] || { echo "[package] expected $f, the bundler made: $(ls -R "$bundle_dir" | tr '\n' ' ')" >&2; exit 1; }
done

bash packaging/check-packages.sh "$version" "${made[@]}"

for f in "${made[@]}"; do
  bytes=$(stat -c %s "$f")
  echo "[package] $f  $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
done
