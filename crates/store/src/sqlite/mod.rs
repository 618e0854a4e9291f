mod apply;
mod archive;
mod auth;
mod backup;
mod hukou;
mod read;
mod scenario;
mod version;
mod write;

pub use backup::{list_backups, restore_backup, BACKUPS_KEPT};

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::{Row, Sqlite, Transaction};

use crate::{
    AuthStore, Change, ChangeEntry, CountyArchive, CountySummary, HukouTable, SeqOutcome, Store,
    StoreError,
};
use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::AgeSexBands;
use junheng_core::CountyDataset;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a writer waits for another writer's lock before the attempt counts as busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Attempts at taking the write lock before a write fails with `store.busy`.
pub const WRITE_ATTEMPTS: u32 = 3;

/// Whether opening may create the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (not its folder) when it is missing: the app's own data folder, `demo`.
    CreateIfMissing,
    /// The file must exist and be a Junheng database: a path the user typed.
    Existing,
}

/// SQLite storage in one file: WAL journal, foreign keys on, migrations run at open.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    read_only: bool,
}

fn open_error(path: &Path, message: impl Into<String>) -> StoreError {
    StoreError::Open {
        path: path.display().to_string(),
        message: message.into(),
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        Self::open_with(path, OpenMode::CreateIfMissing).await
    }

    /// Opens the database at `path`. Refused, with nothing written: a missing folder, a
    /// missing file under [`OpenMode::Existing`], a 0-byte file, a file that is not a Junheng
    /// database, a database from a newer build, and a damaged one (with the last good backup
    /// named). A file the user cannot write is opened read-only.
    pub async fn open_with(path: &Path, mode: OpenMode) -> Result<SqliteStore, StoreError> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(open_error(
                    path,
                    format!("the folder {} does not exist", dir.display()),
                ));
            }
        }
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(open_error(path, "the file does not exist"));
        }
        let mut read_only = false;
        if exists {
            let meta = std::fs::metadata(path).map_err(|e| open_error(path, e.to_string()))?;
            if meta.len() == 0 {
                return Err(open_error(
                    path,
                    "the file is empty (0 bytes): it is not a Junheng database",
                ));
            }
            let mut head = [0u8; 16];
            use std::io::Read;
            std::fs::File::open(path)
                .and_then(|mut f| f.read_exact(&mut head))
                .map_err(|_| open_error(path, "the file is not a SQLite database"))?;
            if &head != b"SQLite format 3\0" {
                return Err(open_error(path, "the file is not a SQLite database"));
            }
            read_only = meta.permissions().readonly()
                || std::fs::OpenOptions::new().write(true).open(path).is_err();
            probe(path).await?;
        }
        let url = format!("sqlite://{}", path.display());
        let mut options = SqliteConnectOptions::from_str(&url)
            .map_err(|e| open_error(path, e.to_string()))?
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        options = if read_only {
            options.read_only(true)
        } else {
            options
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
        };
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| open_error(path, e.to_string()))?;
        let store = SqliteStore {
            pool,
            path: path.to_path_buf(),
            read_only,
        };
        if read_only {
            let applied: i64 =
                sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
                    .fetch_one(&store.pool)
                    .await
                    .map_err(|e| open_error(path, e.to_string()))?;
            let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
            if applied < known {
                return Err(open_error(
                    path,
                    "the file is read-only and was written by an older Junheng: make it writable once so that it can be upgraded",
                ));
            }
        } else {
            MIGRATOR
                .run(&store.pool)
                .await
                .map_err(|e| open_error(path, e.to_string()))?;
            if exists {
                backup::daily(&store).await;
            }
        }
        Ok(store)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A write transaction holding the write lock from its first statement (`BEGIN
    /// IMMEDIATE`), so that it never fails half-way for want of the lock. Waits out another
    /// writer (busy timeout) and tries again a bounded number of times.
    pub(crate) async fn write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.display().to_string()));
        }
        let mut attempt = 0;
        loop {
            match self.pool.begin_with("BEGIN IMMEDIATE").await {
                Ok(tx) => return Ok(tx),
                Err(e) => {
                    let e = StoreError::from(e);
                    attempt += 1;
                    if !matches!(e, StoreError::Busy) || attempt >= WRITE_ATTEMPTS {
                        return Err(e);
                    }
                    tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
                }
            }
        }
    }
}

/// Looks at an existing file read-only before anything else touches it: a newer schema, a
/// database of another program, and a damaged file are refused untouched.
async fn probe(path: &Path) -> Result<(), StoreError> {
    let url = format!("sqlite://{}", path.display());
    let probe = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::from_str(&url)
                .map_err(|e| open_error(path, e.to_string()))?
                .read_only(true),
        )
        .await
        .map_err(|e| open_error(path, e.to_string()))?;
    let verdict = check_file(&probe, path).await;
    probe.close().await;
    verdict
}

async fn check_file(pool: &SqlitePool, path: &Path) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    let err = |e: sqlx::Error| open_error(path, e.to_string());
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| e.to_string());
    if check != "ok" {
        let last = list_backups(path).into_iter().next();
        return Err(StoreError::Corrupt(format!(
            "database {shown} is damaged ({check}); nothing was written to it. {}",
            match last {
                Some(b) => format!(
                    "The last backup is {}: restore it with `junheng db restore --db {shown} --from {}`",
                    b.display(),
                    b.display()
                ),
                None => "No backup of it was found.".to_string(),
            }
        )));
    }
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(pool)
            .await
            .map_err(err)?;
    if tables.is_empty() {
        return Ok(());
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations") || !tables.iter().any(|t| t == "county") {
        return Err(open_error(
            path,
            "the file is a SQLite database of another program, not a Junheng database",
        ));
    }
    let found: i64 = sqlx::query("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await
        .map_err(err)?
        .get(0);
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    if found > known {
        return Err(StoreError::NewerSchema {
            path: shown,
            found,
            known,
        });
    }
    Ok(())
}

#[async_trait::async_trait]
impl Store for SqliteStore {
    async fn counties(&self) -> Result<Vec<CountySummary>, StoreError> {
        read::counties(&self.pool).await
    }

    async fn county_codes(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT code FROM county ORDER BY code")
            .fetch_all(&self.pool)
            .await?)
    }

    async fn county_version(&self, code: &str) -> Result<Option<i64>, StoreError> {
        version::version(&self.pool, code).await
    }

    async fn county_versions(&self) -> Result<Vec<(String, i64)>, StoreError> {
        version::versions(&self.pool).await
    }

    async fn county_versions_between(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        version::versions_between(&self.pool, from, to).await
    }

    async fn create_county(&self, data: &CountyDataset) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        write::insert_county(&mut tx, data, false).await?;
        version::bump(&mut tx, &data.county.code).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn replace_county(&self, data: &CountyDataset) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        write::insert_county(&mut tx, data, true).await?;
        version::bump(&mut tx, &data.county.code).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_county(&self, code: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let removed = write::remove_county(&mut tx, code).await?;
        tx.commit().await?;
        Ok(removed)
    }

    async fn load_dataset(&self, code: &str) -> Result<Option<CountyDataset>, StoreError> {
        // One read transaction: a consistent snapshot even while another process writes.
        let mut tx = self.pool.begin().await?;
        let data = read::load_dataset(&mut tx, code).await?;
        tx.commit().await?;
        Ok(data)
    }

    async fn apply(&self, county: &str, change: &Change) -> Result<ChangeEntry, StoreError> {
        let mut tx = self.write().await?;
        let entry = apply::apply(&mut tx, county, change).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(entry)
    }

    async fn undo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError> {
        let mut tx = self.write().await?;
        let entry = apply::step(&mut tx, county, true).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(entry)
    }

    async fn redo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError> {
        let mut tx = self.write().await?;
        let entry = apply::step(&mut tx, county, false).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(entry)
    }

    async fn change_log(&self, county: &str, limit: u32) -> Result<Vec<ChangeEntry>, StoreError> {
        apply::change_log(&self.pool, county, limit).await
    }

    async fn norm_overrides(&self, county: &str) -> Result<Vec<NormOverride>, StoreError> {
        let rows = sqlx::query("SELECT norm_id, value, source FROM norm_override WHERE county_code = ? ORDER BY norm_id")
            .bind(county)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| NormOverride {
                id: r.get("norm_id"),
                value: r.get("value"),
                source: r.get("source"),
            })
            .collect())
    }

    async fn set_norm_override(&self, county: &str, o: &NormOverride) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source) VALUES (?, ?, ?, ?) \
             ON CONFLICT (county_code, norm_id) DO UPDATE SET value = excluded.value, source = excluded.source, \
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        )
        .bind(county)
        .bind(&o.id)
        .bind(o.value)
        .bind(&o.source)
        .execute(&mut *tx)
        .await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_norm_override(&self, county: &str, id: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM norm_override WHERE county_code = ? AND norm_id = ?")
            .bind(county)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn scenarios(&self, county: &str) -> Result<Vec<Scenario>, StoreError> {
        scenario::scenarios(&self.pool, county).await
    }

    async fn save_scenario(&self, county: &str, s: &Scenario) -> Result<Scenario, StoreError> {
        let mut tx = self.write().await?;
        let saved = scenario::save_scenario(&mut tx, county, s).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn delete_scenario(&self, county: &str, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let done = scenario::delete_scenario(&mut tx, county, id).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(done)
    }

    async fn hukou_population(&self, county: &str) -> Result<Option<HukouTable>, StoreError> {
        hukou::hukou(&self.pool, county).await
    }

    async fn set_hukou_population(
        &self,
        county: &str,
        table: Option<(&AgeSexBands, &str)>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        hukou::set_hukou(&mut tx, county, table).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn actuals(&self, county: &str) -> Result<junheng_core::Actuals, StoreError> {
        let mut conn = self.pool.acquire().await?;
        read::read_actuals(&mut conn, county).await
    }

    fn auth(&self) -> &dyn AuthStore {
        self
    }

    async fn export_county(&self, code: &str) -> Result<Option<CountyArchive>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let archive = archive::export(&mut tx, code).await?;
        tx.commit().await?;
        Ok(archive)
    }

    async fn import_county(&self, a: &CountyArchive) -> Result<SeqOutcome, StoreError> {
        let mut tx = self.write().await?;
        let outcome = archive::import(&mut tx, a).await?;
        version::bump(&mut tx, &a.dataset.county.code).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn backup(&self, reason: &str) -> Result<Option<String>, StoreError> {
        if self.read_only {
            return Ok(None);
        }
        backup::backup(self, reason)
            .await
            .map(|p| Some(p.display().to_string()))
    }

    async fn close(&self) {
        if !self.read_only {
            // Fold the WAL back into the main file so the file alone holds every committed
            // write (a copy of it, e-mailed or backed up, is then complete).
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await;
        }
        self.pool.close().await;
    }
}
