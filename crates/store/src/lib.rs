//! 存储 — the `Store` trait and its SQLite implementation. Every write is one transaction:
//! a failed or rejected write leaves what was stored untouched.

mod error;
mod sqlite;

pub use error::*;
pub use sqlite::*;

use junheng_core::CountyDataset;

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
}
