//! 存储（PostgreSQL）— the `Store` trait on PostgreSQL for a shared server, with the same
//! answers as the SQLite store: the same contract suite runs against both. Every write is one
//! transaction; writes to a county first take that county's row lock (`SELECT … FOR UPDATE`),
//! so they run one after another as SQLite's write lock makes them, while different counties
//! are written at once; each row a change touches is then checked against what the writer read
//! and a stale one fails with `store.conflict`. Only standard SQL and features that openGauss
//! and KingbaseES share with PostgreSQL are used (docs/postgresql.md).

mod apply;
mod archive;
mod auth;
mod read;
mod scenario;
pub mod test_cluster;
mod version;
mod write;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};

use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::{AgeSexBands, CountyDataset};
use junheng_store::rows::now_seconds;
use junheng_store::{
    AuthStore, Change, ChangeEntry, CountyArchive, CountySummary, HukouTable, SeqOutcome, Store,
    StoreError,
};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connections the pool keeps at most (a server's reads run side by side on them).
pub const MAX_CONNECTIONS: u32 = 16;
/// How long a request waits for a free connection before it fails as busy.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a database location names PostgreSQL (`postgres://…` or `postgresql://…`).
pub fn is_postgres_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("postgres://") || l.starts_with("postgresql://")
}

/// The URL with its password replaced by `***`, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let auth_end = rest.find('@');
    let path_start = rest.find('/').unwrap_or(rest.len());
    match auth_end {
        Some(at) if at < path_start => {
            let userinfo = &rest[..at];
            let user = userinfo.split(':').next().unwrap_or("");
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!("{}://{}{}", &url[..scheme_end], masked, &rest[at..])
        }
        _ => url.to_string(),
    }
}

/// PostgreSQL storage.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    shown: String,
}

impl PgStore {
    /// Connects to the database at `url`, refuses one written by a newer build or holding
    /// another program's tables (nothing is changed then), and brings the schema up to date.
    pub async fn open(url: &str) -> Result<PgStore, StoreError> {
        Self::open_with(url, MAX_CONNECTIONS).await
    }

    pub async fn open_with(url: &str, max_connections: u32) -> Result<PgStore, StoreError> {
        let shown = redact(url);
        let err = |m: String| StoreError::Open {
            path: shown.clone(),
            message: m,
        };
        let options = PgConnectOptions::from_str(url).map_err(|e| err(e.to_string()))?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| err(e.to_string()))?;
        let store = PgStore {
            pool,
            shown: shown.clone(),
        };
        store.check_schema().await?;
        MIGRATOR
            .run(&store.pool)
            .await
            .map_err(|e| err(e.to_string()))?;
        Ok(store)
    }

    /// Refuses, untouched, a database of another program and one from a newer build.
    async fn check_schema(&self) -> Result<(), StoreError> {
        let err = |m: String| StoreError::Open {
            path: self.shown.clone(),
            message: m,
        };
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| err(e.to_string()))?;
        if tables.is_empty() {
            return Ok(());
        }
        let has = |t: &str| tables.iter().any(|x| x == t);
        if !has("_sqlx_migrations") || !has("county") {
            return Err(err(
                "the database holds tables of another program, not a Junheng database".into(),
            ));
        }
        let found: i64 =
            sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
                .fetch_one(&self.pool)
                .await
                .map_err(|e| err(e.to_string()))?;
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        if found > known {
            return Err(StoreError::NewerSchema {
                path: self.shown.clone(),
                found,
                known,
            });
        }
        Ok(())
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The database's URL without its password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    async fn write(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }
}

#[async_trait::async_trait]
impl Store for PgStore {
    async fn counties(&self) -> Result<Vec<CountySummary>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let out = read::counties(&mut tx).await?;
        tx.commit().await?;
        Ok(out)
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
        // REPEATABLE READ: every table read from one snapshot while others write.
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *tx)
            .await?;
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
        scenario::norm_overrides(&self.pool, county).await
    }

    async fn set_norm_override(&self, county: &str, o: &NormOverride) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        scenario::set_norm_override(&mut tx, county, o).await?;
        version::bump(&mut tx, county).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_norm_override(&self, county: &str, id: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM norm_override WHERE county_code = $1 AND norm_id = $2")
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
        let mut conn = self.pool.acquire().await?;
        archive::hukou(&mut conn, county).await
    }

    async fn set_hukou_population(
        &self,
        county: &str,
        table: Option<(&AgeSexBands, &str)>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        // The 户籍 table outlives a reset of the county, so it may exist without the county;
        // where the county exists, its lock orders this with the county's other writes.
        write::lock_county(&mut tx, county).await?;
        write::set_hukou(&mut tx, county, table, &now_seconds()).await?;
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
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *tx)
            .await?;
        let a = archive::export(&mut tx, code).await?;
        tx.commit().await?;
        Ok(a)
    }

    async fn import_county(&self, a: &CountyArchive) -> Result<SeqOutcome, StoreError> {
        let mut tx = self.write().await?;
        let outcome = archive::import(&mut tx, a).await?;
        version::bump(&mut tx, &a.dataset.county.code).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_and_passwords_hidden() {
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(is_postgres_url("PostgreSQL://u@h/db"));
        assert!(!is_postgres_url("sqlite:x.db"));
        assert!(!is_postgres_url("/tmp/postgres.db"));
        assert_eq!(
            redact("postgres://junheng:s3cret@db.local:5432/junheng"),
            "postgres://junheng:***@db.local:5432/junheng"
        );
        assert_eq!(redact("postgres://junheng@h/db"), "postgres://junheng@h/db");
        assert_eq!(redact("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }
}
