//! 迁移 — everything stored for one county, read out of one store and written into another
//! (`junheng db copy`): base data with list positions, overrides, scenarios with their
//! versions and times, the 户籍 table, actuals and the change log with its states.

use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::{Actuals, CountyDataset};

use crate::{ChangeItem, ChangeState, HukouTable};

/// A scenario with the times that order it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredScenario {
    pub scenario: Scenario,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of the change log as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedChange {
    pub seq: i64,
    pub at: String,
    pub author: String,
    pub action: String,
    pub facility_id: String,
    pub summary: String,
    pub state: ChangeState,
    pub items: Vec<ChangeItem>,
}

/// One county, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyArchive {
    pub dataset: CountyDataset,
    /// List positions of the townships and facilities, in dataset order (deletes leave gaps
    /// that a later undo fills, so they are kept as they are).
    pub township_positions: Vec<i64>,
    pub facility_positions: Vec<i64>,
    pub created_at: String,
    pub overrides: Vec<NormOverride>,
    pub scenarios: Vec<StoredScenario>,
    pub hukou: Option<HukouTable>,
    pub actuals: Actuals,
    /// Oldest first.
    pub changes: Vec<LoggedChange>,
}

/// How the change log came across: with its numbers, or renumbered after the target's own
/// (order kept) because the numbers were taken there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqOutcome {
    Kept,
    Renumbered,
}
