use serde::{Deserialize, Serialize};

use super::ZoneAssessment;
use crate::standards::{target_in_force, Catalogue, EnrolmentBaseline, KpiTarget};

/// The headline indicators of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiKey {
    /// 每千人口托位数 (the 十四五 childcare indicator).
    #[serde(rename = "slots_per_1000")]
    SlotsPer1000,
    /// 3岁以下婴幼儿入托率 (the 十五五 childcare indicator): enrolled children 0–2 ÷ children 0–2.
    EnrolmentRate,
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

/// A KPI in one year with everything needed to explain it: formula, inputs and the target in
/// force that year with its norm and source. `value = numerator / denominator × scale`; `None`
/// when the denominator is zero or the inputs are not known (`missing_*` says which).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Kpi {
    pub key: KpiKey,
    /// The year the figure is for.
    pub year: i32,
    pub value: Option<f64>,
    pub unit: String,
    /// The target in force in `year`; `None` when no plan period's target covers it.
    pub target: Option<KpiTarget>,
    /// `value ≥ target`; `None` when there is no value or no target in force.
    pub meets: Option<bool>,
    pub numerator: f64,
    pub denominator: f64,
    /// 1000 for per-mille indicators, 1 for shares.
    pub scale: f64,
    pub formula: String,
    pub inputs: Vec<KpiInput>,
    /// Why there is no value, when an input is not known yet (e.g. no 在托 figures).
    pub missing_zh: Option<String>,
    pub missing_en: Option<String>,
}

/// Children enrolled in childcare in a year (the 入托率 numerator), when known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Enrolment {
    /// 在托婴幼儿.
    pub enrolled: f64,
}

struct Parts<'a> {
    key: KpiKey,
    numerator: (f64, &'a str, &'a str),
    denominator: (f64, &'a str, &'a str),
    scale: f64,
    unit: &'a str,
    formula: &'a str,
}

fn kpi(p: Parts<'_>, year: i32, target: Option<KpiTarget>, known: bool) -> Kpi {
    let (numerator, num_key, num_unit) = p.numerator;
    let (denominator, den_key, den_unit) = p.denominator;
    let value = (known && denominator > 0.0).then(|| numerator / denominator * p.scale);
    let meets = match (&value, &target) {
        (Some(v), Some(t)) => Some(*v >= t.value),
        _ => None,
    };
    Kpi {
        key: p.key,
        year,
        value,
        unit: p.unit.to_string(),
        meets,
        target,
        numerator,
        denominator,
        scale: p.scale,
        formula: p.formula.to_string(),
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
        missing_zh: None,
        missing_en: None,
    }
}

/// The dashboard KPIs of a zone in `year`, each against the target in force that year. The
/// 入托率 needs the year's enrolment (actuals); without it its value is `None` and says so.
pub fn county_kpis(
    z: &ZoneAssessment,
    norms: &Catalogue,
    year: i32,
    enrolment: Option<Enrolment>,
    baseline: EnrolmentBaseline,
) -> Vec<Kpi> {
    let target = |key| target_in_force(key, year, norms, baseline);
    let mut enrolment_kpi = kpi(
        Parts {
            key: KpiKey::EnrolmentRate,
            numerator: (
                enrolment.map_or(0.0, |e| e.enrolled),
                "enrolled_under3",
                "人",
            ),
            denominator: (z.population_0_2, "population_0_2", "人"),
            scale: 1.0,
            unit: "",
            formula: "在托婴幼儿数 ÷ 3岁以下婴幼儿数",
        },
        year,
        target(KpiKey::EnrolmentRate),
        enrolment.is_some(),
    );
    if enrolment.is_none() {
        enrolment_kpi.missing_zh = Some(format!(
            "尚未录入{year}年在托婴幼儿数（数据导入 → 年度实际数）"
        ));
        enrolment_kpi.missing_en = Some(format!(
            "no {year} enrolment entered yet (Import → annual actuals)"
        ));
    }
    vec![
        kpi(
            Parts {
                key: KpiKey::SlotsPer1000,
                numerator: (z.childcare_slots as f64, "childcare_slots", "个"),
                denominator: (z.resident_population, "resident_population", "人"),
                scale: 1000.0,
                unit: "‰",
                formula: "托位数 ÷ 常住人口 × 1000",
            },
            year,
            target(KpiKey::SlotsPer1000),
            true,
        ),
        enrolment_kpi,
        kpi(
            Parts {
                key: KpiKey::NursingBedShare,
                numerator: (z.nursing_beds as f64, "nursing_beds", "张"),
                denominator: (z.institution_beds as f64, "institution_beds", "张"),
                scale: 1.0,
                unit: "",
                formula: "护理型床位 ÷ 养老机构床位",
            },
            year,
            target(KpiKey::NursingBedShare),
            true,
        ),
        kpi(
            Parts {
                key: KpiKey::BedsPer1000Elderly,
                numerator: (z.institution_beds as f64, "institution_beds", "张"),
                denominator: (z.population_60_plus, "population_60_plus", "人"),
                scale: 1000.0,
                unit: "张/千人",
                formula: "养老机构床位 ÷ 60岁及以上常住人口 × 1000",
            },
            year,
            target(KpiKey::BedsPer1000Elderly),
            true,
        ),
        kpi(
            Parts {
                key: KpiKey::SchoolsMeetingStandard,
                numerator: (
                    z.schools_meeting_standard as f64,
                    "schools_meeting_standard",
                    "所",
                ),
                denominator: (z.schools_total as f64, "schools_total", "所"),
                scale: 1.0,
                unit: "",
                formula: "达标学校数 ÷ 参评义务教育学校数",
            },
            year,
            target(KpiKey::SchoolsMeetingStandard),
            true,
        ),
    ]
}
