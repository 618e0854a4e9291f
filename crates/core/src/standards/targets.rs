//! 现行目标 — which target of a headline indicator is in force in a year. Targets belong to plan
//! periods (十四五 2021–2025, 十五五 2026–2030); a year is judged by the target of the period it
//! lies in, and a year no period covers has no target (never an expired one). Every page and
//! the report take their targets from here.

use serde::{Deserialize, Serialize};

use super::{ids, Catalogue, Norm};
use crate::assess::KpiKey;

/// The target a KPI is judged against in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct KpiTarget {
    /// The value to reach (same scale as the KPI: a share 0–1, or per mille).
    pub value: f64,
    /// The year the target is set for (the end of its plan period), e.g. 2030.
    pub by_year: Option<i32>,
    /// The first year it is in force.
    pub from_year: Option<i32>,
    /// The norm it comes from, with its source.
    pub norm: Norm,
    /// How the value was worked out when it is not the norm's own value (入托率: the 2025 rate
    /// plus the rise), in both languages.
    pub basis_zh: Option<String>,
    pub basis_en: Option<String>,
}

/// The 2025 入托率 the 十五五 rise is counted from: the county's own, when its 2025 actuals give
/// it, else the national level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EnrolmentBaseline {
    County(f64),
    National,
}

fn in_force(norm: &Norm, year: i32) -> bool {
    norm.effective_from.is_none_or(|f| year >= f) && norm.effective_to.is_none_or(|t| year <= t)
}

fn plain(norm: &Norm) -> KpiTarget {
    KpiTarget {
        value: norm.value,
        by_year: norm.effective_to,
        from_year: norm.effective_from,
        norm: norm.clone(),
        basis_zh: None,
        basis_en: None,
    }
}

/// The norms that set each KPI's target, one per plan period.
fn candidates(key: KpiKey) -> &'static [&'static str] {
    match key {
        KpiKey::SlotsPer1000 => &[ids::SLOTS_PER_1000_TARGET],
        KpiKey::NursingBedShare => &[ids::NURSING_SHARE_TARGET, ids::NURSING_SHARE_TARGET_2030],
        KpiKey::BedsPer1000Elderly => &[ids::BEDS_PER_1000_ELDERLY],
        KpiKey::SchoolsMeetingStandard => &[ids::STANDARDISATION_TARGET],
        KpiKey::EnrolmentRate => &[ids::ENROLMENT_RATE_INCREASE_2030],
    }
}

/// The target of `key` in force in `year`, or `None` when no plan period's target covers the
/// year. The 十五五 入托率 target is the 2025 rate plus the rise (percentage points).
pub fn target_in_force(
    key: KpiKey,
    year: i32,
    norms: &Catalogue,
    enrolment_2025: EnrolmentBaseline,
) -> Option<KpiTarget> {
    let norm = candidates(key)
        .iter()
        .map(|id| norms.norm(id))
        .find(|n| in_force(n, year))?;
    if key != KpiKey::EnrolmentRate {
        return Some(plain(norm));
    }
    let national = norms.norm(ids::ENROLMENT_RATE_NATIONAL_2025);
    let (base, whose_zh, whose_en) = match enrolment_2025 {
        EnrolmentBaseline::County(r) => (r, "本县2025年入托率", "the county's 2025 rate"),
        EnrolmentBaseline::National => (
            national.value,
            "全国2025年入托率（本县未录入2025年在托数）",
            "the national 2025 rate (no county 2025 enrolment entered)",
        ),
    };
    let rise = norm.value / 100.0;
    let mut t = plain(norm);
    t.value = base + rise;
    t.basis_zh = Some(format!(
        "{whose_zh} {:.1}% + {} 个百分点",
        base * 100.0,
        norm.value
    ));
    t.basis_en = Some(format!(
        "{whose_en} {:.1}% + {} percentage points",
        base * 100.0,
        norm.value
    ));
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(key: KpiKey, year: i32) -> Option<(f64, Option<i32>)> {
        target_in_force(
            key,
            year,
            &Catalogue::national(),
            EnrolmentBaseline::National,
        )
        .map(|t| (t.value, t.by_year))
    }

    #[test]
    fn the_target_in_force_for_each_year_2024_to_2031() {
        use KpiKey::*;
        // 每千人口托位数: 4.5‰ was the 十四五 target (2021–2025); the 十五五 has none.
        for y in 2024..=2025 {
            assert_eq!(value(SlotsPer1000, y), Some((4.5, Some(2025))), "{y}");
        }
        for y in 2026..=2031 {
            assert_eq!(value(SlotsPer1000, y), None, "{y}");
        }
        // 护理型床位占比: 55% to 2025, 73% for 2026–2030, nothing after.
        for y in 2024..=2025 {
            assert_eq!(value(NursingBedShare, y), Some((0.55, Some(2025))), "{y}");
        }
        for y in 2026..=2030 {
            assert_eq!(value(NursingBedShare, y), Some((0.73, Some(2030))), "{y}");
        }
        assert_eq!(value(NursingBedShare, 2031), None);
        // 入托率: national 12% (2025) + 6 points = 18% for 2026–2030; none before or after.
        assert_eq!(value(EnrolmentRate, 2025), None);
        for y in 2026..=2030 {
            let (v, by) = value(EnrolmentRate, y).unwrap();
            assert!((v - 0.18).abs() < 1e-12 && by == Some(2030), "{y}: {v}");
        }
        assert_eq!(value(EnrolmentRate, 2031), None);
        // With the county's own 2025 rate of 9.5%: 15.5%.
        let t = target_in_force(
            EnrolmentRate,
            2027,
            &Catalogue::national(),
            EnrolmentBaseline::County(0.095),
        )
        .unwrap();
        assert!((t.value - 0.155).abs() < 1e-12);
        assert_eq!(
            t.basis_zh.as_deref(),
            Some("本县2025年入托率 9.5% + 6 个百分点")
        );
        // 每千名老年人床位 (GB 50437, no end date) is in force every year.
        for y in 2024..=2031 {
            assert_eq!(value(BedsPer1000Elderly, y), Some((40.0, None)), "{y}");
        }
        // Schools: full standardisation, 2025–2030.
        assert_eq!(value(SchoolsMeetingStandard, 2024), None);
        assert_eq!(value(SchoolsMeetingStandard, 2027), Some((1.0, Some(2030))));
        assert_eq!(value(SchoolsMeetingStandard, 2031), None);
    }
}
