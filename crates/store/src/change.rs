//! 修改记录 — every change of a county's base data (an edit, an import) with who and when, as
//! a list of rows before and after, so that it can be read, undone and redone.

use serde::{Deserialize, Serialize};

use junheng_core::{
    AgeSexBands, BoundaryStatus, CountyActual, Facility, FacilityActual, LonLat, Place,
    PopulationStatus, Township,
};

/// One edit: the facility as the editor saw it and as it should become (`None` = absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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

/// Whether a logged change is in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    Done,
    Undone,
    /// Undone, then superseded by a new change (no longer redoable).
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

/// A township's 常住人口 with how far it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ZonePopulation {
    pub bands: AgeSexBands,
    pub status: PopulationStatus,
}

/// A township's geometry: boundary (GeoJSON, `null` when none) with its derived measures, and
/// its seat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ZoneGeometry {
    #[ts(type = "unknown")]
    pub boundary: serde_json::Value,
    pub status: BoundaryStatus,
    pub area_km2: f64,
    pub centroid: LonLat,
    pub interior: LonLat,
    pub seat: Option<LonLat>,
}

impl ZoneGeometry {
    pub fn of(t: &Township) -> ZoneGeometry {
        ZoneGeometry {
            boundary: t.boundary.clone(),
            status: t.boundary_status,
            area_km2: t.area_km2,
            centroid: t.centroid,
            interior: t.interior,
            seat: t.seat,
        }
    }
}

/// One row a change touched, before and after. Undo puts `before` back after checking that
/// what is stored is still `after`; redo the reverse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
// Items are built once per change and stored as JSON; their size in memory does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ChangeItem {
    /// A facility added (`before` none), changed, or deleted (`after` none).
    Facility {
        id: String,
        before: Option<Facility>,
        after: Option<Facility>,
        /// Where the facility stood in the county's list when it was deleted, so that undoing
        /// the delete puts it back there (recorded by the store).
        #[serde(default)]
        position: Option<i64>,
    },
    /// A township's 常住人口.
    Population {
        township: String,
        before: ZonePopulation,
        after: ZonePopulation,
    },
    /// The county's 未分配 remainder.
    Unallocated {
        before: AgeSexBands,
        after: AgeSexBands,
    },
    /// A township's boundary and seat.
    Geometry {
        township: String,
        before: ZoneGeometry,
        after: ZoneGeometry,
    },
    /// A township the planner added (or removed), with its name.
    Township {
        code: String,
        before: Option<Township>,
        after: Option<Township>,
    },
    /// The county's village/community points, replaced as a whole.
    Places {
        before: Vec<Place>,
        after: Vec<Place>,
    },
    /// One facility's actuals of one year (动态监测).
    FacilityActual {
        facility: String,
        year: i32,
        before: Option<FacilityActual>,
        after: Option<FacilityActual>,
    },
    /// The county's actuals of one year.
    CountyActual {
        year: i32,
        before: Option<CountyActual>,
        after: Option<CountyActual>,
    },
}

/// A change to apply: who, what kind, a one-line summary, and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub author: String,
    /// `add`, `edit`, `move`, `close`, `reopen`, `delete`, `population`, `import_facilities`,
    /// `import_zones`, `import_boundaries`, `import_places`, `import_schools`, `seats`,
    /// `add_township`, `assign_unallocated`, `clear_samples`.
    pub action: String,
    pub summary: String,
    pub items: Vec<ChangeItem>,
}

/// A row of the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeEntry {
    pub seq: i64,
    /// UTC time, ISO 8601.
    pub at: String,
    pub author: String,
    pub action: String,
    /// The facility (or, for a population edit, the township) of a one-row change; empty for
    /// a change of many rows.
    pub facility_id: String,
    pub summary: String,
    /// The facility before and after, for a one-facility change.
    pub before: Option<Facility>,
    pub after: Option<Facility>,
    /// For a one-township population change: its 常住人口 before and after.
    #[serde(default)]
    pub before_population: Option<u64>,
    #[serde(default)]
    pub after_population: Option<u64>,
    /// How many rows the change touched.
    #[serde(default)]
    pub item_count: usize,
    pub state: ChangeState,
}

impl ChangeEntry {
    /// The log row of a change with its rows: one-facility and one-township changes show
    /// their row as the UI always has.
    pub fn describe(seq: i64, at: String, change: &Change, state: ChangeState) -> ChangeEntry {
        let mut e = ChangeEntry {
            seq,
            at,
            author: change.author.clone(),
            action: change.action.clone(),
            facility_id: String::new(),
            summary: change.summary.clone(),
            before: None,
            after: None,
            before_population: None,
            after_population: None,
            item_count: change.items.len(),
            state,
        };
        let single: Vec<&ChangeItem> = change
            .items
            .iter()
            .filter(|i| !matches!(i, ChangeItem::Unallocated { .. }))
            .collect();
        if let [only] = single[..] {
            match only {
                ChangeItem::Facility {
                    id, before, after, ..
                } => {
                    e.facility_id = id.clone();
                    e.before = before.clone();
                    e.after = after.clone();
                }
                ChangeItem::Population {
                    township,
                    before,
                    after,
                } => {
                    e.facility_id = township.clone();
                    e.before_population = Some(before.bands.total());
                    e.after_population = Some(after.bands.total());
                }
                ChangeItem::Geometry { township, .. } => e.facility_id = township.clone(),
                ChangeItem::Township { code, .. } => e.facility_id = code.clone(),
                _ => {}
            }
        }
        e
    }
}

/// One edit of a township's 常住人口 as the editor saw it: refused when what is stored is no
/// longer `before`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PopulationChange {
    pub author: String,
    pub summary: String,
    pub township_code: String,
    pub before: AgeSexBands,
    pub total: u64,
}
