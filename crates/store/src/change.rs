//! 修改记录 — edits of a county's base facilities, each logged with time and author so that
//! they can be read, undone and redone.

use serde::{Deserialize, Serialize};

use junheng_core::{AgeSexBands, Facility};

/// One edit: the facility as the editor saw it and as it should become (`None` = absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilityChange {
    /// Who made the change (the name typed in the app's author field).
    pub author: String,
    /// `add`, `edit`, `move`, `close`, `reopen` or `delete`.
    pub action: String,
    /// A one-line human description, e.g. "新建 城北托育点".
    pub summary: String,
    pub before: Option<Facility>,
    pub after: Option<Facility>,
}

impl FacilityChange {
    pub fn facility_id(&self) -> &str {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map(|f| f.id.as_str())
            .unwrap_or("")
    }
}

/// Whether a logged edit is in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    Done,
    Undone,
    /// Undone, then superseded by a new edit (no longer redoable).
    Discarded,
}

impl ChangeState {
    pub fn key(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Undone => "undone",
            Self::Discarded => "discarded",
        }
    }
}

/// A row of the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub seq: i64,
    /// UTC time, ISO 8601.
    pub at: String,
    pub author: String,
    pub action: String,
    pub facility_id: String,
    pub summary: String,
    pub before: Option<Facility>,
    pub after: Option<Facility>,
    /// For a population edit (`action` = `population`, `facility_id` = the township code): the
    /// township's 常住人口 before and after.
    #[serde(default)]
    pub before_population: Option<u64>,
    #[serde(default)]
    pub after_population: Option<u64>,
    pub state: ChangeState,
}

/// One edit of a township's 常住人口 (by age band and sex; the county follows as their sum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationChange {
    pub author: String,
    pub summary: String,
    pub township_code: String,
    pub before: AgeSexBands,
    pub after: AgeSexBands,
}
