//! 存储 — the `Store` trait and its SQLite implementation. Every write is one transaction that
//! takes the write lock first (`BEGIN IMMEDIATE`): a failed, rejected or stale write leaves what
//! was stored untouched, and two writers never lose each other's work silently.

mod archive;
mod auth;
mod change;
pub mod contract;
mod error;
pub mod rows;
mod sqlite;

pub use archive::*;
pub use auth::*;
pub use change::*;
pub use error::*;
pub use sqlite::*;

use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::{Actuals, AgeSexBands, CountyDataset};

/// What the county list shows of a stored county: who it is and how complete its data are.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct CountySummary {
    pub code: String,
    pub name: String,
    pub province: String,
    pub prefecture: String,
    pub townships: u32,
    /// Townships whose 常住人口 is known (not 待导入).
    pub townships_with_population: u32,
    /// Townships with a boundary (imported or estimated from seats).
    pub townships_with_boundary: u32,
    /// Of those, boundaries estimated from seats (估算边界).
    pub townships_estimated_boundary: u32,
    pub townships_with_seat: u32,
    pub places: u32,
    pub childcare_facilities: u32,
    pub elderly_facilities: u32,
    pub schools: u32,
    pub school_sections: u32,
    pub sample_facilities: u32,
    pub has_hukou: bool,
    pub has_outline: bool,
    pub resident_population: u64,
    pub unallocated_population: u64,
}

/// What the application needs from storage. One implementation per database backend; the
/// same contract tests run against each.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// The stored counties, in code order.
    async fn counties(&self) -> Result<Vec<CountySummary>, StoreError>;
    /// Codes of the counties stored, in code order. Every command that defaults to the only
    /// county asks this, so it reads the county table alone (the summaries count rows of every
    /// county, which made creating all 2,907 counties quadratic).
    async fn county_codes(&self) -> Result<Vec<String>, StoreError>;
    /// 数据版本: a number that changes in the transaction of every write to the county (its
    /// data, norms, scenarios, 户籍 table, actuals), from any process; `None` when the county
    /// is not stored. One indexed read, for a cache to check what it holds is current.
    async fn county_version(&self, code: &str) -> Result<Option<i64>, StoreError>;
    /// Every stored county's [`Store::county_version`], in code order.
    async fn county_versions(&self) -> Result<Vec<(String, i64)>, StoreError>;
    /// The versions of the stored counties whose codes lie in `[from, to)`, in code order: a
    /// province's (`330000`–`340000`) without reading the country's.
    async fn county_versions_between(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, i64)>, StoreError>;
    /// Stores a new county in one transaction; refused with a conflict when it exists.
    async fn create_county(&self, data: &CountyDataset) -> Result<(), StoreError>;
    /// Replaces a county's base data in one transaction (the demo's reset). Its norm
    /// overrides, scenarios, 户籍 table and change log stay.
    async fn replace_county(&self, data: &CountyDataset) -> Result<(), StoreError>;
    /// Removes a county and everything stored for it; false when there was none.
    async fn remove_county(&self, code: &str) -> Result<bool, StoreError>;
    /// The county with its townships, population, facilities and places.
    async fn load_dataset(&self, code: &str) -> Result<Option<CountyDataset>, StoreError>;
    /// Applies a change and logs it, in one transaction: every row must still be as the
    /// change found it (`before`), else nothing is written and the conflict names the row.
    /// Changes undone earlier stop being redoable.
    async fn apply(&self, county: &str, change: &Change) -> Result<ChangeEntry, StoreError>;
    /// Undoes the latest change in effect.
    async fn undo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError>;
    /// Redoes the earliest undone change.
    async fn redo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError>;
    /// The change log, newest first.
    async fn change_log(&self, county: &str, limit: u32) -> Result<Vec<ChangeEntry>, StoreError>;
    /// The county's overrides of norm values, by norm id.
    async fn norm_overrides(&self, county: &str) -> Result<Vec<NormOverride>, StoreError>;
    /// Sets (or replaces) one override.
    async fn set_norm_override(&self, county: &str, o: &NormOverride) -> Result<(), StoreError>;
    /// Removes one override; the national value applies again.
    async fn clear_norm_override(&self, county: &str, id: &str) -> Result<(), StoreError>;
    /// The county's scenarios (规划方案), oldest first.
    async fn scenarios(&self, county: &str) -> Result<Vec<Scenario>, StoreError>;
    /// Creates or replaces one scenario. A scenario read at `version` n is saved as n + 1; one
    /// saved meanwhile by someone else (a higher stored version) is a conflict.
    async fn save_scenario(&self, county: &str, s: &Scenario) -> Result<Scenario, StoreError>;
    /// Deletes one scenario; false when there was none.
    async fn delete_scenario(&self, county: &str, id: &str) -> Result<bool, StoreError>;
    /// The county's 户籍 (registered) population table, if one was imported.
    async fn hukou_population(&self, county: &str) -> Result<Option<HukouTable>, StoreError>;
    /// Replaces (or with `None` removes) the county's 户籍 table, with the file it came from.
    async fn set_hukou_population(
        &self,
        county: &str,
        table: Option<(&AgeSexBands, &str)>,
    ) -> Result<(), StoreError>;
    /// The county's actuals (动态监测), every year recorded.
    async fn actuals(&self, county: &str) -> Result<Actuals, StoreError>;
    /// Keeps a copy of the database before a risky write (an import), where the backend
    /// keeps its own files; the copy's path, or `None` where backups are the server's job.
    async fn backup(&self, _reason: &str) -> Result<Option<String>, StoreError> {
        Ok(None)
    }
    /// Accounts, sessions and the audit log kept in the same database.
    fn auth(&self) -> &dyn AuthStore;
    /// Everything stored for a county, for moving it to another store; `None` when absent.
    async fn export_county(&self, code: &str) -> Result<Option<CountyArchive>, StoreError>;
    /// Writes a county read by [`Store::export_county`] in one transaction; a conflict when the
    /// county (or one of its township codes) is stored already.
    async fn import_county(&self, archive: &CountyArchive) -> Result<SeqOutcome, StoreError>;
    /// Finishes every write and releases the database (SQLite: folds the WAL into the file,
    /// so that the file alone holds every committed change).
    async fn close(&self) {}
}

/// 户籍人口 by census age band and sex, with where it came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct HukouTable {
    pub bands: AgeSexBands,
    pub source: String,
    pub updated_at: String,
}
