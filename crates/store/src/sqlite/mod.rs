mod edit;
mod hukou;
mod read;
mod scenario;
mod write;

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::Row;

use crate::{ChangeEntry, FacilityChange, HukouTable, PopulationChange, Store, StoreError};
use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::AgeSexBands;
use junheng_core::CountyDataset;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// SQLite storage in one file: WAL journal, foreign keys on, migrations run at open.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date. A
    /// database from a newer build is refused before anything is written to it.
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let shown = path.display().to_string();
        let open_err = |e: sqlx::Error| StoreError::Open {
            path: shown.clone(),
            message: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        }
        let url = format!("sqlite://{}", path.display());
        if path.exists() {
            // Look at the schema version read-only first: a newer database must not be
            // touched at all, not even switched to WAL.
            let probe = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(
                    SqliteConnectOptions::from_str(&url)
                        .map_err(open_err)?
                        .read_only(true),
                )
                .await
                .map_err(open_err)?;
            let verdict = refuse_newer(&probe, &shown).await;
            probe.close().await;
            verdict?;
        }
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(open_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(open_err)?;
        let store = SqliteStore { pool };
        MIGRATOR
            .run(&store.pool)
            .await
            .map_err(|e| StoreError::Open {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        Ok(store)
    }
}

async fn refuse_newer(pool: &SqlitePool, path: &str) -> Result<(), StoreError> {
    let has_table: i64 = sqlx::query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await
    .map_err(|e| StoreError::Open {
        path: path.to_string(),
        message: e.to_string(),
    })?
    .get(0);
    if has_table == 0 {
        return Ok(());
    }
    let found: i64 = sqlx::query("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await
        .map_err(|e| StoreError::Open {
            path: path.to_string(),
            message: e.to_string(),
        })?
        .get(0);
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    if found > known {
        return Err(StoreError::NewerSchema {
            path: path.to_string(),
            found,
            known,
        });
    }
    Ok(())
}

impl SqliteStore {
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Closes the pool so the file can be copied or compared byte for byte.
    pub async fn close(&self) {
        // Fold the WAL back into the main file so the file alone holds every committed write.
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }
}

#[async_trait::async_trait]
impl Store for SqliteStore {
    async fn county_codes(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT code FROM county ORDER BY code")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
    }

    async fn save_dataset(&self, data: &CountyDataset) -> Result<(), StoreError> {
        write::save_dataset(&self.pool, data).await
    }

    async fn load_dataset(&self, code: &str) -> Result<Option<CountyDataset>, StoreError> {
        read::load_dataset(&self.pool, code).await
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
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source) VALUES (?, ?, ?, ?) \
             ON CONFLICT (county_code, norm_id) DO UPDATE SET value = excluded.value, source = excluded.source, \
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        )
        .bind(county)
        .bind(&o.id)
        .bind(o.value)
        .bind(&o.source)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn clear_norm_override(&self, county: &str, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM norm_override WHERE county_code = ? AND norm_id = ?")
            .bind(county)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn scenarios(&self, county: &str) -> Result<Vec<Scenario>, StoreError> {
        scenario::scenarios(&self.pool, county).await
    }

    async fn save_scenario(&self, county: &str, s: &Scenario) -> Result<(), StoreError> {
        scenario::save_scenario(&self.pool, county, s).await
    }

    async fn delete_scenario(&self, county: &str, id: &str) -> Result<bool, StoreError> {
        scenario::delete_scenario(&self.pool, county, id).await
    }

    async fn apply_change(
        &self,
        county: &str,
        change: &FacilityChange,
    ) -> Result<ChangeEntry, StoreError> {
        edit::apply_change(&self.pool, county, change).await
    }

    async fn apply_population_change(
        &self,
        county: &str,
        change: &PopulationChange,
    ) -> Result<ChangeEntry, StoreError> {
        edit::apply_population_change(&self.pool, county, change).await
    }

    async fn undo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError> {
        edit::step(&self.pool, county, true).await
    }

    async fn redo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError> {
        edit::step(&self.pool, county, false).await
    }

    async fn change_log(&self, county: &str, limit: u32) -> Result<Vec<ChangeEntry>, StoreError> {
        edit::change_log(&self.pool, county, limit).await
    }

    async fn hukou_population(&self, county: &str) -> Result<Option<HukouTable>, StoreError> {
        hukou::hukou(&self.pool, county).await
    }

    async fn set_hukou_population(
        &self,
        county: &str,
        table: Option<(&AgeSexBands, &str)>,
    ) -> Result<(), StoreError> {
        hukou::set_hukou(&self.pool, county, table).await
    }
}
