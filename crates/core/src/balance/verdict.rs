use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{weighted_cv, Indicator};
use crate::standards::{self as ids, Catalogue};
use crate::{SchoolKind, SchoolLevel, SchoolSection};

/// The verdict on one school section (one 学段 of one school).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SectionVerdict {
    pub school_code: String,
    pub school_name: String,
    pub level: SchoolLevel,
    pub students: u32,
    /// Indicator key → value (unrounded).
    pub values: BTreeMap<String, f64>,
    /// Indicators at or above their threshold.
    pub met: u32,
    /// Every indicator not met reaches the required share of its threshold.
    pub remaining_ok: bool,
    /// No class above 45 (小学) / 50 (初中).
    pub class_size_ok: bool,
    /// Enrolment within 2000, or 2500 for 一贯制.
    pub size_ok: bool,
    pub passes: bool,
}

/// One indicator's county figures at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct IndicatorCv {
    pub key: String,
    pub threshold: f64,
    /// Student-weighted county mean X̄ (= county resource / county students).
    pub county_mean: Option<f64>,
    pub cv: Option<f64>,
    pub cv_limit: f64,
    pub cv_ok: bool,
    /// Schools below the threshold.
    pub schools_below: u32,
}

/// One level's balance assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LevelBalance {
    pub level: SchoolLevel,
    /// Number of school sections assessed at this level (`schools` holds their verdicts).
    pub school_count: u32,
    pub students: u64,
    /// The county passes the level: every CV within its limit and every school passes.
    pub passes: bool,
    pub schools_passing: u32,
    pub indicators: Vec<IndicatorCv>,
    pub schools: Vec<SectionVerdict>,
    /// The legacy 基本均衡 composite, when the school file has its inputs.
    pub basic_balance: Option<super::BasicBalance>,
}

/// Rules of the single-school pass test, read from the catalogue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PassRules {
    pub min_met: u32,
    pub remaining_share: f64,
}

impl PassRules {
    pub fn from_catalogue(norms: &Catalogue) -> PassRules {
        PassRules {
            min_met: norms.value(ids::SCHOOL_MIN_MET).round() as u32,
            remaining_share: norms.value(ids::SCHOOL_REMAINING_SHARE),
        }
    }
}

/// The single-school test (F12).
pub fn evaluate_section(s: &SchoolSection, norms: &Catalogue) -> SectionVerdict {
    let rules = PassRules::from_catalogue(norms);
    let mut values = BTreeMap::new();
    let mut met = 0;
    let mut remaining_ok = true;
    for ind in Indicator::ALL {
        let threshold = ind.threshold(s.level, norms);
        let value = ind.value(s).unwrap_or(0.0);
        values.insert(ind.key().to_string(), value);
        if value >= threshold {
            met += 1;
        } else if value < rules.remaining_share * threshold {
            remaining_ok = false;
        }
    }
    let class_max = norms.value(match s.level {
        SchoolLevel::Primary => ids::SCHOOL_CLASS_MAX_PRIMARY,
        SchoolLevel::Junior => ids::SCHOOL_CLASS_MAX_JUNIOR,
    });
    let size_max = norms.value(match s.kind {
        SchoolKind::Complete => ids::SCHOOL_SIZE_MAX_COMPLETE,
        SchoolKind::NineYear | SchoolKind::TwelveYear => ids::SCHOOL_SIZE_MAX_THROUGH,
    });
    let class_size_ok = s.max_class_size as f64 <= class_max;
    let size_ok = s.students as f64 <= size_max;
    SectionVerdict {
        school_code: s.school_code.clone(),
        school_name: s.school_name.clone(),
        level: s.level,
        students: s.students,
        values,
        met,
        remaining_ok,
        class_size_ok,
        size_ok,
        passes: met >= rules.min_met && remaining_ok && class_size_ok && size_ok && s.students > 0,
    }
}

/// Balance assessment of each level present in `sections`.
pub fn assess_balance(sections: &[SchoolSection], norms: &Catalogue) -> Vec<LevelBalance> {
    [SchoolLevel::Primary, SchoolLevel::Junior]
        .into_iter()
        .filter_map(|level| {
            let at: Vec<&SchoolSection> = sections.iter().filter(|s| s.level == level).collect();
            (!at.is_empty()).then(|| assess_level(level, &at, norms))
        })
        .collect()
}

fn assess_level(
    level: SchoolLevel,
    sections: &[&SchoolSection],
    norms: &Catalogue,
) -> LevelBalance {
    let verdicts: Vec<SectionVerdict> = sections
        .iter()
        .map(|s| evaluate_section(s, norms))
        .collect();
    let cv_limit = norms.value(match level {
        SchoolLevel::Primary => ids::CV_LIMIT_PRIMARY,
        SchoolLevel::Junior => ids::CV_LIMIT_JUNIOR,
    });
    let indicators: Vec<IndicatorCv> = Indicator::ALL
        .iter()
        .map(|ind| {
            let threshold = ind.threshold(level, norms);
            let items: Vec<(f64, f64)> = sections
                .iter()
                .filter_map(|s| ind.value(s).map(|x| (s.students as f64, x)))
                .collect();
            let stats = weighted_cv(&items);
            IndicatorCv {
                key: ind.key().to_string(),
                threshold,
                county_mean: stats.map(|(m, _)| m),
                cv: stats.map(|(_, cv)| cv),
                cv_limit,
                cv_ok: stats.is_some_and(|(_, cv)| cv <= cv_limit),
                schools_below: items.iter().filter(|(_, x)| *x < threshold).count() as u32,
            }
        })
        .collect();
    let schools_passing = verdicts.iter().filter(|v| v.passes).count() as u32;
    LevelBalance {
        level,
        school_count: verdicts.len() as u32,
        students: sections.iter().map(|s| s.students as u64).sum(),
        passes: schools_passing as usize == verdicts.len() && indicators.iter().all(|i| i.cv_ok),
        schools_passing,
        indicators,
        schools: verdicts,
        basic_balance: super::basic_balance(level, sections, norms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A primary section meeting every threshold exactly with 100 students.
    fn primary_at_threshold(code: &str) -> SchoolSection {
        SchoolSection {
            school_code: code.into(),
            school_name: code.into(),
            level: SchoolLevel::Primary,
            kind: SchoolKind::Complete,
            students: 100,
            classes: 3,
            max_class_size: 45,
            teachers_qualified: 4.2,
            teachers_backbone: 1.0,
            teachers_pe_art: 0.9,
            teaching_area_m2: 450.0,
            sports_area_m2: 750.0,
            equipment_value_yuan: 200_000.0,
            multimedia_rooms: 2.3,
            basic: None,
        }
    }

    #[test]
    fn six_of_seven_with_the_last_above_85_percent_passes() {
        let norms = Catalogue::national();
        let mut s = primary_at_threshold("A");
        assert!(evaluate_section(&s, &norms).passes);
        // Sports area 7.5 → 6.4 m²/student = 85.3% of the threshold: still a pass.
        s.sports_area_m2 = 640.0;
        let v = evaluate_section(&s, &norms);
        assert_eq!(v.met, 6);
        assert!(v.passes);
        // 6.3 m² = 84% of 7.5: fails the remaining-indicator rule.
        s.sports_area_m2 = 630.0;
        let v = evaluate_section(&s, &norms);
        assert!(!v.remaining_ok && !v.passes);
        // Two indicators short, both above 85%: fails on count.
        s.sports_area_m2 = 700.0;
        s.teaching_area_m2 = 400.0;
        let v = evaluate_section(&s, &norms);
        assert_eq!(v.met, 5);
        assert!(!v.passes);
    }

    #[test]
    fn class_and_school_size_rules() {
        let norms = Catalogue::national();
        let mut s = primary_at_threshold("A");
        s.max_class_size = 46;
        assert!(!evaluate_section(&s, &norms).passes);
        let mut big = primary_at_threshold("B");
        let scale = 2100.0 / 100.0;
        big.students = 2100;
        big.classes = 47;
        big.teachers_qualified *= scale;
        big.teachers_backbone *= scale;
        big.teachers_pe_art *= scale;
        big.teaching_area_m2 *= scale;
        big.sports_area_m2 *= scale;
        big.equipment_value_yuan *= scale;
        big.multimedia_rooms *= scale;
        let v = evaluate_section(&big, &norms);
        assert_eq!(v.met, 7);
        assert!(!v.size_ok && !v.passes);
        big.kind = SchoolKind::NineYear;
        assert!(evaluate_section(&big, &norms).passes);
    }

    #[test]
    fn county_cv_is_student_weighted() {
        let norms = Catalogue::national();
        let mut a = primary_at_threshold("A");
        let mut b = primary_at_threshold("B");
        // Backbone teachers per 100: A = 1.0 with 100 students, B = 3.0 with 300 students.
        b.students = 300;
        b.classes = 7;
        b.teachers_qualified = 12.6;
        b.teaching_area_m2 = 1350.0;
        b.sports_area_m2 = 2250.0;
        b.equipment_value_yuan = 600_000.0;
        b.multimedia_rooms = 6.9;
        b.teachers_pe_art = 2.7;
        b.teachers_backbone = 9.0;
        a.teachers_backbone = 1.0;
        let levels = assess_balance(&[a, b], &norms);
        let backbone = levels[0]
            .indicators
            .iter()
            .find(|i| i.key == "teachers_backbone_per100")
            .unwrap();
        // X̄ = (100·1 + 300·3)/400 = 2.5; S² = 0.25·2.25 + 0.75·0.25 = 0.75; CV = √0.75/2.5.
        assert!((backbone.county_mean.unwrap() - 2.5).abs() < 1e-12);
        assert!((backbone.cv.unwrap() - 0.75f64.sqrt() / 2.5).abs() < 1e-12);
        assert!(backbone.cv_ok);
        assert_eq!(levels[0].students, 400);
        assert!(levels[0].passes);
    }
}
