#!/usr/bin/env bash
# Makes the databases of other releases that scripts/test-package.sh puts in the installed
# app's data folder. Needs the sqlite3 shell.
#   release-db.sh previous OUT.db
#       the schema of the previous release (migrations 0001–0005 of this repository, as at
#       commit b8a32b8), recorded in _sqlx_migrations as sqlx records them (version,
#       description, SHA-384 of the file), WAL like the app's, with the rows of
#       previous-release-rows.sql
#   release-db.sh newer FROM.db OUT.db
#       a copy of FROM.db (a database of this release) that a newer release has migrated: one
#       more applied migration than this build knows
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
migrations="$here/../../crates/store/migrations"
# The migration of the previous release's that came last (0005_hukou_population.sql).
PREVIOUS_LAST=5

case "${1:-}" in
previous)
  out="$2"
  rm -f "$out" "$out-wal" "$out-shm"
  {
    echo "PRAGMA journal_mode = WAL;"
    # sqlx's own bookkeeping table, as sqlx 0.8 creates it.
    cat <<'SQL'
CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    success BOOLEAN NOT NULL,
    checksum BLOB NOT NULL,
    execution_time BIGINT NOT NULL
);
SQL
    for f in "$migrations"/*.sql; do
      name="$(basename "$f" .sql)"
      version=$((10#${name%%_*}))
      [ "$version" -le "$PREVIOUS_LAST" ] || continue
      description="${name#*_}"
      echo "BEGIN;"
      cat "$f"
      echo
      echo "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
      echo "VALUES ($version, '${description//_/ }', TRUE, X'$(sha384sum "$f" | cut -d' ' -f1)', 0);"
      echo "COMMIT;"
    done
    echo "BEGIN;"
    cat "$here/previous-release-rows.sql"
    echo "COMMIT;"
  } | sqlite3 -bail "$out" >/dev/null
  ;;
newer)
  from="$2" out="$3"
  rm -f "$out" "$out-wal" "$out-shm"
  # VACUUM INTO writes one whole file even if FROM still has a write-ahead log.
  sqlite3 -bail "$from" "VACUUM INTO '$out'"
  sqlite3 -bail "$out" "PRAGMA journal_mode = WAL;
    INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
    SELECT MAX(version) + 1, 'from a newer release', TRUE, randomblob(48), 0 FROM _sqlx_migrations;
    CREATE TABLE newer_release_table (id INTEGER PRIMARY KEY);" >/dev/null
  ;;
*)
  echo "usage: $0 previous OUT.db | newer FROM.db OUT.db" >&2
  exit 2
  ;;
esac
