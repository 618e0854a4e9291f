//! 规划方案 — a scenario: the base-year data plus interventions by year (新建, 扩建, 改建,
//! 关停/合并, 转为普惠), the norm overrides and demand assumptions it uses, assessed for every
//! year of the plan with its costs.

mod access;
mod apply;
mod cost;
mod evaluate;

pub use access::*;
pub use apply::*;
pub use cost::*;
pub use evaluate::*;

use serde::{Deserialize, Serialize};

use crate::projection::Variant;

use crate::standards::NormOverride;
use crate::{ChildcareInputs, ElderlyInputs, Facility, FacilityKind, SchoolSection};

/// 规划方案.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// 干预措施, applied in year order (and in list order within a year).
    #[serde(default)]
    pub interventions: Vec<Intervention>,
    /// Norm values this scenario uses instead of the county's (e.g. a higher 托育需求率).
    #[serde(default)]
    pub norm_overrides: Vec<NormOverride>,
    #[serde(default)]
    pub assumptions: DemandAssumptions,
    /// How many times the scenario has been saved: a save based on an older version than the
    /// stored one is refused, so that two planners never overwrite each other silently.
    #[serde(default)]
    pub version: u32,
}

/// 需求假设: which population projection the scenario's demand comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DemandAssumptions {
    /// Fertility variant of the projection (低/中/高方案).
    #[serde(default)]
    pub variant: Variant,
    /// Total fertility rate from 2021 on; the projection default when absent.
    #[serde(default)]
    pub tfr: Option<f64>,
    /// Net migration per year; zero when absent.
    #[serde(default)]
    pub migration: Option<crate::projection::MigrationAssumption>,
}

/// 干预措施 — one action on one facility, taking effect in `year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Intervention {
    pub id: String,
    /// First plan year in which the action is in effect.
    pub year: i32,
    pub action: Action,
    #[serde(default)]
    pub note: String,
}

/// What an intervention does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// 新建: a new facility, in service from the intervention's year.
    Build { facility: Facility },
    /// 扩建: the facility's capacity inputs replaced by larger ones (those given).
    Expand {
        facility_id: String,
        #[serde(default)]
        childcare: Option<ChildcareInputs>,
        #[serde(default)]
        elderly: Option<ElderlyInputs>,
        #[serde(default)]
        school_sections: Option<Vec<SchoolSection>>,
    },
    /// 改建: the site becomes another kind of facility (e.g. 闲置校舍改养老), with new inputs.
    Convert {
        facility_id: String,
        kind: FacilityKind,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        childcare: Option<ChildcareInputs>,
        #[serde(default)]
        elderly: Option<ElderlyInputs>,
        #[serde(default)]
        school_sections: Vec<SchoolSection>,
    },
    /// 关停/合并: out of service from the year (merged into another facility when named).
    Close {
        facility_id: String,
        #[serde(default)]
        merged_into: Option<String>,
    },
    /// 转为普惠: the facility's service becomes 普惠 (inclusive, price-capped).
    MakeInclusive { facility_id: String },
}

impl Action {
    /// The facility the action applies to.
    pub fn facility_id(&self) -> &str {
        match self {
            Action::Build { facility } => &facility.id,
            Action::Expand { facility_id, .. }
            | Action::Convert { facility_id, .. }
            | Action::Close { facility_id, .. }
            | Action::MakeInclusive { facility_id } => facility_id,
        }
    }

    /// Stable key of the action type (新建 build, 扩建 expand, 改建 convert, 关停 close, 转普惠).
    pub fn key(&self) -> &'static str {
        match self {
            Action::Build { .. } => "build",
            Action::Expand { .. } => "expand",
            Action::Convert { .. } => "convert",
            Action::Close { .. } => "close",
            Action::MakeInclusive { .. } => "make_inclusive",
        }
    }
}

#[cfg(test)]
mod tests;
