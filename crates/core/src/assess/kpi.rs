use serde::{Deserialize, Serialize};

use super::ZoneAssessment;
use crate::standards::{self as ids, Catalogue, Norm};

/// The four headline indicators of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiKey {
    /// 每千人口托位数.
    #[serde(rename = "slots_per_1000")]
    SlotsPer1000,
    /// 养老机构护理型床位占比.
    NursingBedShare,
    /// 每千名老年人养老床位数.
    #[serde(rename = "beds_per_1000_elderly")]
    BedsPer1000Elderly,
    /// 义务教育学校达标率 (schools meeting the standard out of all assessed).
    SchoolsMeetingStandard,
}

/// One input of a KPI: `key` names it (the UI translates `inputs.<key>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct KpiInput {
    pub key: String,
    pub value: f64,
    pub unit: String,
}

/// A KPI with everything needed to explain it: formula, inputs and the norm with its source.
/// `value = numerator / denominator × scale`; `None` when the denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Kpi {
    pub key: KpiKey,
    pub value: Option<f64>,
    pub target: f64,
    pub unit: String,
    /// `value ≥ target`; `None` when there is no value.
    pub meets: Option<bool>,
    pub numerator: f64,
    pub denominator: f64,
    /// 1000 for per-mille indicators, 1 for shares.
    pub scale: f64,
    pub formula: String,
    pub inputs: Vec<KpiInput>,
    pub norm: Norm,
}

fn kpi(
    key: KpiKey,
    (numerator, num_key, num_unit): (f64, &str, &str),
    (denominator, den_key, den_unit): (f64, &str, &str),
    scale: f64,
    unit: &str,
    formula: &str,
    norm: &Norm,
) -> Kpi {
    let value = (denominator > 0.0).then(|| numerator / denominator * scale);
    Kpi {
        key,
        value,
        target: norm.value,
        unit: unit.to_string(),
        meets: value.map(|v| v >= norm.value),
        numerator,
        denominator,
        scale,
        formula: formula.to_string(),
        inputs: vec![
            KpiInput {
                key: num_key.into(),
                value: numerator,
                unit: num_unit.into(),
            },
            KpiInput {
                key: den_key.into(),
                value: denominator,
                unit: den_unit.into(),
            },
        ],
        norm: norm.clone(),
    }
}

/// The dashboard KPIs of a zone, each against its national target.
pub fn county_kpis(z: &ZoneAssessment, norms: &Catalogue) -> Vec<Kpi> {
    vec![
        kpi(
            KpiKey::SlotsPer1000,
            (z.childcare_slots as f64, "childcare_slots", "个"),
            (z.resident_population as f64, "resident_population", "人"),
            1000.0,
            "‰",
            "托位数 ÷ 常住人口 × 1000",
            norms.norm(ids::SLOTS_PER_1000_TARGET),
        ),
        kpi(
            KpiKey::NursingBedShare,
            (z.nursing_beds as f64, "nursing_beds", "张"),
            (z.institution_beds as f64, "institution_beds", "张"),
            1.0,
            "",
            "护理型床位 ÷ 养老机构床位",
            norms.norm(ids::NURSING_SHARE_TARGET),
        ),
        kpi(
            KpiKey::BedsPer1000Elderly,
            (z.institution_beds as f64, "institution_beds", "张"),
            (z.population_60_plus as f64, "population_60_plus", "人"),
            1000.0,
            "张/千人",
            "养老机构床位 ÷ 60岁及以上常住人口 × 1000",
            norms.norm(ids::BEDS_PER_1000_ELDERLY),
        ),
        kpi(
            KpiKey::SchoolsMeetingStandard,
            (
                z.schools_meeting_standard as f64,
                "schools_meeting_standard",
                "所",
            ),
            (z.schools_total as f64, "schools_total", "所"),
            1.0,
            "",
            "达标学校数 ÷ 参评义务教育学校数",
            norms.norm(ids::STANDARDISATION_TARGET),
        ),
    ]
}
