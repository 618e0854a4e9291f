use serde::{Deserialize, Serialize};

use junheng_core::balance::{
    assess_balance, improvement, improvement_totals, LevelBalance, SchoolImprovement,
};
use junheng_core::capacity::{senior_high_rule, SeniorHighRule};
use junheng_core::{FacilityKind, SchoolSection};

use crate::{ApiError, CountyView, Ctx};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SchoolBalanceRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

/// A resource the county must add in total over all failing schools.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ResourceTotal {
    pub resource: String,
    pub amount: f64,
}

/// The county's 优质均衡 assessment: per level, the schools, the student-weighted CVs, and what it
/// would take for every failing school to pass.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolBalance {
    pub county: String,
    pub levels: Vec<LevelBalance>,
    pub improvements: Vec<SchoolImprovement>,
    pub totals: Vec<ResourceTotal>,
    pub extra_classes: u32,
    /// Schools left out of the assessment (teaching points under the minimum size).
    pub excluded: Vec<String>,
    /// 县域普通高中: whether the county needs one and has one (junior graduates are not stored
    /// yet, so only the population test applies).
    pub senior_high_rule: SeniorHighRule,
}

pub async fn get_school_balance(
    ctx: &Ctx,
    req: SchoolBalanceRequest,
) -> Result<SchoolBalance, ApiError> {
    let v = ctx.view(req.county.as_deref()).await?;
    Ok(school_balance_of(&v))
}

/// The 优质均衡 assessment of a county's schools as they stand.
pub fn school_balance_of(v: &CountyView) -> SchoolBalance {
    let (data, norms) = (&v.data, &v.norms);
    let min_tp = norms.value(junheng_core::standards::TEACHING_POINT_MIN_STUDENTS);
    let mut excluded = Vec::new();
    let mut sections: Vec<SchoolSection> = Vec::new();
    for f in data.facilities.iter().filter(|f| {
        f.kind.is_compulsory_school() && f.status == junheng_core::FacilityStatus::Existing
    }) {
        let students: u32 = f.school_sections.iter().map(|s| s.students).sum();
        if f.kind == FacilityKind::TeachingPoint && (students as f64) < min_tp {
            excluded.push(f.id.clone());
            continue;
        }
        sections.extend(f.school_sections.iter().cloned());
    }
    let levels = assess_balance(&sections, norms);
    let improvements: Vec<SchoolImprovement> = sections
        .iter()
        .filter_map(|s| improvement(s, norms))
        .collect();
    let totals = improvement_totals(&improvements)
        .into_iter()
        .map(|(resource, amount)| ResourceTotal { resource, amount })
        .collect();
    let senior_highs = data
        .facilities
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FacilityKind::SeniorHighSchool | FacilityKind::TwelveYearSchool
            ) && f.status == junheng_core::FacilityStatus::Existing
        })
        .count() as u32;
    SchoolBalance {
        senior_high_rule: senior_high_rule(data.population.total(), None, senior_highs, norms),
        county: v.code.clone(),
        extra_classes: improvements.iter().map(|i| i.extra_classes).sum(),
        levels,
        improvements,
        totals,
        excluded,
    }
}
