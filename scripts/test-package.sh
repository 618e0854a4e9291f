#!/usr/bin/env bash
# Tests the .deb a county office installs, on this machine (Debian 12, as root or with sudo):
#  1. builds it (scripts/package.sh deb; JUNHENG_DEB=path tests a package built before);
#  2. installs it with `apt-get install ./….deb` (apt resolves its Depends);
#  3. runs the INSTALLED app (/usr/bin/junheng-desktop) under Xvfb through the desktop smoke test;
#  4. first start: the app makes its database in the user's data folder
#     (~/.local/share/cn.junheng.planner/junheng.db) and opens the demo county;
#  5. upgrade: a database of the previous release (schema 0001–0005) in that folder is migrated
#     and its county shown, its rows kept;
#  6. a database of a newer release is refused with a message (a window and stderr) and left
#     byte-identical;
#  7. `apt-get remove` removes the app and leaves the user's databases in place.
# Each start runs with HOME in a fresh temporary folder, so the user's own data are not touched.
# The release build takes about 20 minutes on two cores; scripts/test-all.sh therefore runs this
# with JUNHENG_PACKAGE_PROFILE=debug (a debug build, bundled the same way; see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CARGO_TERM_COLOR=never NO_COLOR=1
started=$SECONDS
bash scripts/install-deps.sh package-test
export PATH="$HOME/.cargo/bin:$PATH"
need_root() { if [ "$(id -u)" -ne 0 ]; then echo "sudo"; fi; }
SUDO="$(need_root)"
APP=/usr/bin/junheng-desktop
DESKTOP_FILE=/usr/share/applications/Junheng.desktop
DATA_REL=.local/share/cn.junheng.planner

passed=0 failed=0 skipped=0
ok() { echo "ok - package: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED - package: $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
# Adds the counts of a node test's closing line ("N passed, N failed[, N skipped]").
count_from() {
  local line
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)"
  [ -n "$line" ] || { bad "$2 printed no result line"; return; }
  passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
  if [[ "$line" == *skipped* ]]; then skipped=$((skipped + $(echo "$line" | sed -E 's/.* ([0-9]+) skipped.*/\1/'))); fi
}

work="$(mktemp -d /tmp/junheng-test-package.XXXXXX)"
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  # The package is this test's: it goes even when a check failed.
  if dpkg-query -W -f='${Status}' junheng 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y junheng >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== 1. build the .deb =="
if [ -n "${JUNHENG_DEB:-}" ]; then
  deb="$(realpath "$JUNHENG_DEB")"
  echo "testing $deb (JUNHENG_DEB)"
else
  build_started=$SECONDS
  bash scripts/package.sh deb
  echo "package.sh deb took $((SECONDS - build_started)) s"
  target_dir="$(cargo metadata --no-deps --format-version 1 \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).target_directory))')"
  deb="$(ls "$target_dir/${JUNHENG_PACKAGE_PROFILE:-release}"/bundle/deb/Junheng_*_amd64.deb)"
fi
version="$(dpkg-deb -f "$deb" Version)"
echo "package: $deb, version $version, $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"

echo "== 2. install it with apt-get =="
if dpkg-query -W -f='${Status}' junheng 2>/dev/null | grep -q "install ok installed"; then
  echo "removing the junheng package an earlier run left installed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y junheng >/dev/null
fi
install_started=$SECONDS
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$deb"
echo "apt-get install took $((SECONDS - install_started)) s"
check "dpkg has junheng $version installed" \
  "[ \"\$(dpkg-query -W -f='\${Status} \${Version}' junheng)\" = 'install ok installed $version' ]"
check "the app is on PATH as $APP" "[ \"\$(command -v junheng-desktop)\" = $APP ]"
check "the menu entry $DESKTOP_FILE is installed and valid" "desktop-file-validate $DESKTOP_FILE"
check "the icon is in the hicolor theme" "[ -s /usr/share/icons/hicolor/512x512/apps/junheng-desktop.png ]"
check "every library the app links is present (ldd)" "! ldd $APP | grep -q 'not found'"

# One X server for every start below; each start gets its own D-Bus session.
for n in $(seq 90 120); do [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }; done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY="$display" NO_AT_BRIDGE=1
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

echo "== 3. the desktop smoke test on the installed app =="
JUNHENG_DESKTOP_BIN=$APP dbus-run-session -- node tests/desktop/smoke.mjs | tee "$work/smoke.log" || true
count_from "$work/smoke.log" "the smoke test"

echo "== 4. first start: the database in the user's data folder, the demo county =="
first="$work/first-start"
mkdir -p "$first"
JUNHENG_DESKTOP_BIN=$APP JUNHENG_TEST_HOME="$first" JUNHENG_TEST_SHOT="$work/first-start.png" \
  dbus-run-session -- node tests/desktop/installed.mjs first-start | tee "$work/first.log" || true
count_from "$work/first.log" "the first-start test"
first_db="$first/$DATA_REL/junheng.db"
latest="$(find crates/store/migrations -name '[0-9]*.sql' | sed -E 's#.*/0*([0-9]+)_.*#\1#' | sort -n | tail -1)"
check "first start: the database holds 云和县 and is at schema $latest" \
  "[ \"\$(sqlite3 '$first_db' \"SELECT name FROM county; SELECT MAX(version) FROM _sqlx_migrations;\" | paste -sd' ')\" = '云和县 $latest' ]"

echo "== 5. upgrade: a database of the previous release =="
up="$work/upgrade"
mkdir -p "$up/$DATA_REL"
up_db="$up/$DATA_REL/junheng.db"
bash tests/desktop/release-db.sh previous "$up_db"
if git cat-file -e b8a32b8 2>/dev/null; then
  check "the previous release's migrations are this repository's 0001–0005 unchanged (b8a32b8)" \
    "git diff --quiet b8a32b8 HEAD -- crates/store/migrations/000[1-5]_*.sql"
fi
check "the previous release's database is at schema 5 with 庆元县" \
  "[ \"\$(sqlite3 '$up_db' \"SELECT MAX(version) FROM _sqlx_migrations; SELECT name FROM county;\" | paste -sd' ')\" = '5 庆元县' ]"
JUNHENG_DESKTOP_BIN=$APP JUNHENG_TEST_HOME="$up" JUNHENG_TEST_SHOT="$work/upgrade.png" \
  dbus-run-session -- node tests/desktop/installed.mjs upgrade '庆元县（331126）' | tee "$work/upgrade.log" || true
count_from "$work/upgrade.log" "the upgrade test"
q() { sqlite3 "$up_db" "$1" | paste -sd' '; }
check "upgrade: migrated to schema $latest" "[ \"\$(q 'SELECT MAX(version) FROM _sqlx_migrations')\" = '$latest' ]"
check "upgrade: still only its own county (the demo county was not seeded over it)" \
  "[ \"\$(q 'SELECT code || name FROM county')\" = '331126庆元县' ]"
check "upgrade: its three facilities and the school section kept" \
  "[ \"\$(q 'SELECT COUNT(*) FROM facility; SELECT COUNT(*) FROM school_section')\" = '3 1' ]"
# Schema 0006 moved the county's own rows into the 未分配 remainder: zero here, since the two
# townships sum to the county (82,460 residents: 52,345 + 30,115, worked out in the SQL).
check "upgrade: township population kept (52345 + 30115), nothing unallocated" \
  "[ \"\$(q \"SELECT SUM(persons) FROM population_band WHERE zone_code = '331126001'; SELECT SUM(persons) FROM population_band WHERE zone_code = '331126101'; SELECT COALESCE(SUM(persons), 0) FROM unallocated_population\")\" = '52345 30115 0' ]"
check "upgrade: the county's norm override kept (45 beds per 1000 elderly, with its source)" \
  "[ \"\$(q \"SELECT value || '|' || source FROM norm_override WHERE norm_id = 'elderly.beds_per_1000_elderly'\")\" = '45.0|庆元县养老服务设施布局规划（测试）' ]"

echo "== 6. a database of a newer release is refused and left untouched =="
newer="$work/newer"
mkdir -p "$newer/$DATA_REL"
newer_db="$newer/$DATA_REL/junheng.db"
bash tests/desktop/release-db.sh newer "$first_db" "$newer_db"
before="$(sha256sum <"$newer_db")"
# Only the database's own files count: the webview keeps its caches in the same folder.
db_files() { (cd "$newer/$DATA_REL" && ls -Al --time-style=+ | awk '$NF ~ /^(junheng\.db|backups)/ { print $NF "=" $5 }' | paste -sd' '); }
HOME="$newer" dbus-run-session -- env -u JUNHENG_DB -u XDG_DATA_HOME $APP >"$work/newer.out" 2>"$work/newer.err" &
app_pid=$!
dialog=""
for _ in $(seq 120); do
  dialog="$(xdotool search --onlyvisible --name 'cannot open its database' 2>/dev/null | head -1 || true)"
  [ -n "$dialog" ] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
check "newer release: the app shows a window that says it cannot open the database" "[ -n '$dialog' ]"
if [ -n "$dialog" ]; then
  import -window root "$work/refused.png" 2>/dev/null || true
  # As a user would: focus the message and press Escape (there is no window manager to click).
  timeout 10 xdotool windowfocus --sync "$dialog" key Escape 2>/dev/null \
    || timeout 10 xdotool key --window "$dialog" Escape || true
fi
code=""
for _ in $(seq 60); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    code=0
    wait "$app_pid" || code=$?
    break
  fi
  sleep 0.5
done
if [ -z "$code" ]; then kill "$app_pid" 2>/dev/null || true; code=timeout; fi
echo "the app said on stderr: $(cat "$work/newer.err")"
check "newer release: the app ends with exit code 1 once the message is closed (was: $code)" "[ '$code' = 1 ]"
check "newer release: the message names the newer version in Chinese and English" \
  "grep -q '更新版本' '$work/newer.err' && grep -q 'newer version' '$work/newer.err' && grep -q 'store.newer_schema' '$work/newer.err'"
check "newer release: the database is byte-identical" "[ \"\$(sha256sum <'$newer_db')\" = '$before' ]"
# The read-only look at a WAL database leaves SQLite's index (-shm) and an empty log (-wal)
# beside it, which a newer release reads as "nothing to replay"; anything written would show
# as a log with content or as a backup.
check "newer release: no backup made and nothing in a write-ahead log ($(db_files))" \
  "[ ! -e '$newer/$DATA_REL/backups' ] && [ ! -s '$newer_db-wal' ]"

echo "== 7. apt-get remove =="
sums_before="$(sha256sum "$first_db" "$up_db" "$newer_db")"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y junheng
check "remove: the package is no longer installed" \
  "! dpkg-query -W -f='\${Status}' junheng 2>/dev/null | grep -q 'install ok installed'"
check "remove: the app, its menu entry and its icon are gone" \
  "[ ! -e $APP ] && [ ! -e $DESKTOP_FILE ] && [ ! -e /usr/share/icons/hicolor/512x512/apps/junheng-desktop.png ]"
check "remove: the user's databases are still there, unchanged" "[ \"\$(sha256sum '$first_db' '$up_db' '$newer_db')\" = \"\$sums_before\" ]"

if [ -n "${JUNHENG_TEST_SHOTS:-}" ]; then
  mkdir -p "$JUNHENG_TEST_SHOTS"
  cp "$work"/*.png "$JUNHENG_TEST_SHOTS"/ 2>/dev/null || true
  echo "screenshots in $JUNHENG_TEST_SHOTS"
fi
echo "== test-package: $((SECONDS - started)) s; package $(basename "$deb") $(stat -c %s "$deb") bytes =="
echo "package: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
