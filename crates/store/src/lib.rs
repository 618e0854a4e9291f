//! 存储 — the `Store` trait and its SQLite implementation. Every write is one transaction:
//! a failed or rejected write leaves what was stored untouched.

mod change;
mod error;
mod sqlite;

pub use change::*;
pub use error::*;
pub use sqlite::*;

use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::{AgeSexBands, CountyDataset};

/// What the application needs from storage. One implementation per database backend; the
/// same contract tests run against each.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Codes of the counties stored, in code order.
    async fn county_codes(&self) -> Result<Vec<String>, StoreError>;
    /// Stores a county, replacing any earlier version of it, in one transaction.
    async fn save_dataset(&self, data: &CountyDataset) -> Result<(), StoreError>;
    /// The county with its townships, population and facilities.
    async fn load_dataset(&self, code: &str) -> Result<Option<CountyDataset>, StoreError>;
    /// The county's overrides of norm values, by norm id.
    async fn norm_overrides(&self, county: &str) -> Result<Vec<NormOverride>, StoreError>;
    /// Sets (or replaces) one override.
    async fn set_norm_override(&self, county: &str, o: &NormOverride) -> Result<(), StoreError>;
    /// Removes one override; the national value applies again.
    async fn clear_norm_override(&self, county: &str, id: &str) -> Result<(), StoreError>;
    /// The county's scenarios (规划方案), oldest first.
    async fn scenarios(&self, county: &str) -> Result<Vec<Scenario>, StoreError>;
    /// Creates or replaces one scenario.
    async fn save_scenario(&self, county: &str, s: &Scenario) -> Result<(), StoreError>;
    /// Deletes one scenario; false when there was none.
    async fn delete_scenario(&self, county: &str, id: &str) -> Result<bool, StoreError>;
    /// Applies one facility edit and logs it, in one transaction; refused with
    /// [`StoreError::Conflict`] when the stored facility is no longer `change.before`.
    async fn apply_change(
        &self,
        county: &str,
        change: &FacilityChange,
    ) -> Result<ChangeEntry, StoreError>;
    /// Applies one township population edit (the county becomes the sum of its townships) and
    /// logs it, in one transaction; refused when the stored bands are no longer `change.before`.
    async fn apply_population_change(
        &self,
        county: &str,
        change: &PopulationChange,
    ) -> Result<ChangeEntry, StoreError>;
    /// Undoes the latest edit in effect.
    async fn undo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError>;
    /// Redoes the earliest undone edit.
    async fn redo(&self, county: &str) -> Result<Option<ChangeEntry>, StoreError>;
    /// The change log, newest first.
    async fn change_log(&self, county: &str, limit: u32) -> Result<Vec<ChangeEntry>, StoreError>;
    /// The county's 户籍 (registered) population table, if one was imported.
    async fn hukou_population(&self, county: &str) -> Result<Option<HukouTable>, StoreError>;
    /// Replaces (or with `None` removes) the county's 户籍 table, with the file it came from.
    async fn set_hukou_population(
        &self,
        county: &str,
        table: Option<(&AgeSexBands, &str)>,
    ) -> Result<(), StoreError>;
}

/// 户籍人口 by census age band and sex, with where it came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HukouTable {
    pub bands: AgeSexBands,
    pub source: String,
    pub updated_at: String,
}
