#!/usr/bin/env bash
# Checks the packages scripts/package.sh made, so that a wrong one is never handed out:
#   - the version is the workspace version, the architecture x86-64;
#   - the binary, the menu entry and the icons are where the desktop looks for them;
#   - the menu entry is valid and carries the Chinese and English names and comments;
#   - the dependencies cover every library the binary links: for the .deb, every package
#     dpkg-shlibdeps names for the shipped binary (with its minimum version); for the .rpm,
#     every soname it needs and the newest symbol version it needs of each (what rpmbuild's
#     automatic requirements would say).
# Usage: packaging/check-packages.sh VERSION PACKAGE.deb|PACKAGE.rpm...
set -euo pipefail
version="$1"
shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
ok() { echo "ok - $1"; }
bad() { echo "FAILED - $1" >&2; failures=$((failures + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

bin_path=usr/bin/junheng-desktop
desktop_path=usr/share/applications/Junheng.desktop
icon_path=usr/share/icons/hicolor/512x512/apps/junheng-desktop.png

check_desktop_entry() { # $1 kind, $2 file
  local f="$2"
  check "$1: menu entry passes desktop-file-validate" "desktop-file-validate '$f'"
  check "$1: menu entry named 均衡 · 县域公共服务规划" "grep -qx 'Name=均衡 · 县域公共服务规划' '$f'"
  check "$1: menu entry has its English name" "grep -qx 'Name\[en\]=Junheng' '$f'"
  check "$1: menu entry has Chinese and English comments" \
    "grep -q '^Comment\[zh_CN\]=.*托位' '$f' && grep -q '^Comment\[en\]=.*childcare' '$f'"
  check "$1: menu entry starts the shipped binary with its icon" \
    "grep -qx 'Exec=junheng-desktop' '$f' && grep -qx 'Icon=junheng-desktop' '$f'"
  check "$1: menu entry is in the Office menu" "grep -qx 'Categories=Office;' '$f'"
}

# The newest symbol version the binary needs of each family (GLIBC_, GLIBCXX_, CXXABI_, …) of
# each library, as `soname(VERSION)(64bit)`: a system that has it has the older ones too.
newest_symbol_versions() {
  objdump -p "$1" | awk '
    /^ *required from / { lib = $3; sub(/:$/, "", lib); next }
    /^ *0x[0-9a-f]+ 0x[0-9a-f]+ [0-9]+ / && lib != "" { fam = $4; sub(/_[0-9.]+$/, "", fam); print lib, fam, $4 }
    /^$/ { lib = "" }' \
    | sort -k1,1 -k2,2 -k3,3V \
    | awk '{ last[$1 " " $2] = $1 "(" $3 ")(64bit)" } END { for (k in last) print last[k] }' | sort
}

for pkg in "$@"; do
  case "$pkg" in
  *.deb)
    root="$work/deb"
    mkdir -p "$root"
    dpkg-deb -x "$pkg" "$root"
    check "deb: version $version" "[ \"\$(dpkg-deb -f '$pkg' Version)\" = '$version' ]"
    check "deb: architecture amd64" "[ \"\$(dpkg-deb -f '$pkg' Architecture)\" = amd64 ]"
    check "deb: package name junheng" "[ \"\$(dpkg-deb -f '$pkg' Package)\" = junheng ]"
    check "deb: binary /$bin_path" "[ -x '$root/$bin_path' ]"
    check "deb: icon /$icon_path" "[ -s '$root/$icon_path' ]"
    check "deb: menu entry /$desktop_path" "[ -s '$root/$desktop_path' ]"
    check_desktop_entry deb "$root/$desktop_path"
    # dpkg-shlibdeps wants a source tree: a control file naming one package is enough.
    mkdir -p "$work/shlibs/debian"
    printf 'Source: junheng\n\nPackage: junheng\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
    needed="$(cd "$work/shlibs" && dpkg-shlibdeps -O "$root/$bin_path" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
    declared="$(dpkg-deb -f "$pkg" Depends)"
    echo "deb: Depends: $declared"
    echo "deb: the binary needs (dpkg-shlibdeps): $needed"
    missing=""
    IFS=',' read -ra items <<<"$needed"
    for item in "${items[@]}"; do
      item="$(echo "$item" | sed 's/^ *//; s/ *$//')"
      if ! echo ", $declared," | grep -qF ", $item,"; then missing="$missing $item;"; fi
    done
    check "deb: Depends names every package the binary links, with its minimum version${missing:+ (missing:$missing)}" \
      "[ -z '$missing' ]"
    ;;
  *.rpm)
    root="$work/rpm"
    mkdir -p "$root"
    # rpm2archive, not rpm2cpio: rpm 4.18's rpm2cpio exits 1 on the bundler's payload.
    rpm2archive - <"$pkg" | tar -xzf - -C "$root"
    check "rpm: digests verify" "rpm -K '$pkg' >/dev/null 2>&1"
    check "rpm: version $version" "[ \"\$(rpm -qp --qf '%{VERSION}' '$pkg' 2>/dev/null)\" = '$version' ]"
    check "rpm: architecture x86_64" "[ \"\$(rpm -qp --qf '%{ARCH}' '$pkg' 2>/dev/null)\" = x86_64 ]"
    check "rpm: binary /$bin_path" "[ -x '$root/$bin_path' ]"
    check "rpm: icon /$icon_path" "[ -s '$root/$icon_path' ]"
    check "rpm: menu entry /$desktop_path" "[ -s '$root/$desktop_path' ]"
    check_desktop_entry rpm "$root/$desktop_path"
    declared="$(rpm -qp --requires "$pkg" 2>/dev/null | sort -u)"
    echo "rpm: Requires: $(echo "$declared" | paste -sd' ')"
    expected="$( (readelf -d "$root/$bin_path" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1()(64bit)/p'; newest_symbol_versions "$root/$bin_path") | sort -u)"
    echo "rpm: the binary needs: $(echo "$expected" | paste -sd' ')"
    missing="$(comm -23 <(echo "$expected") <(echo "$declared") | paste -sd' ')"
    check "rpm: Requires names every soname the binary links and the newest symbol version of each${missing:+ (missing: $missing)}" \
      "[ -z '$missing' ]"
    ;;
  *) bad "unknown package kind: $pkg" ;;
  esac
done

if [ "$failures" -gt 0 ]; then
  echo "[check-packages] $failures check(s) failed" >&2
  exit 1
fi
echo "[check-packages] all checks passed"
