use serde::{Deserialize, Serialize};

use super::{evaluate_section, Indicator, PassRules};
use crate::standards::{self as ids, Catalogue};
use crate::{SchoolLevel, SchoolSection};

/// One resource to add to a school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Addition {
    /// Indicator the addition raises.
    pub indicator: String,
    /// Input field it adds to (`teachers_backbone`, `sports_area_m2`, …).
    pub resource: String,
    /// Amount to add, in the resource's unit, rounded up to a whole teacher, room, m² or 元.
    pub amount: f64,
    /// The value the indicator reaches after the addition.
    pub value_after: f64,
    /// The value it must reach: the threshold, or its 85% share for the one left short.
    pub target: f64,
}

/// 达标所需 — the smallest additions that make one failing school section pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolImprovement {
    pub school_code: String,
    pub school_name: String,
    pub level: SchoolLevel,
    /// The indicator allowed to stay below its threshold (at ≥ 85% of it), if any.
    pub left_short: Option<String>,
    pub additions: Vec<Addition>,
    /// Classes to open so that no class exceeds the limit.
    pub extra_classes: u32,
    /// Students above the size cap: additions cannot fix this; the intake must move.
    pub students_over_cap: u32,
}

fn resource_key(ind: Indicator) -> &'static str {
    match ind {
        Indicator::TeachersQualifiedPer100 => "teachers_qualified",
        Indicator::TeachersBackbonePer100 => "teachers_backbone",
        Indicator::TeachersPeArtPer100 => "teachers_pe_art",
        Indicator::TeachingAreaPerStudentM2 => "teaching_area_m2",
        Indicator::SportsAreaPerStudentM2 => "sports_area_m2",
        Indicator::EquipmentPerStudentYuan => "equipment_value_yuan",
        Indicator::MultimediaRoomsPer100 => "multimedia_rooms",
    }
}

/// Resource needed for the indicator to reach `target`, rounded up to whole units (teachers,
/// rooms, m², 元): a plan adds whole teachers and rooms, and rounding areas and money up keeps
/// the school clear of the threshold instead of a floating-point hair below it. The tiny
/// tolerance keeps an exact need (4.2 × 100 / 100 teachers) from rounding up once more.
fn shortfall(ind: Indicator, s: &SchoolSection, target: f64) -> f64 {
    let needed = target * s.students as f64 / ind.per_students();
    let gap = needed - ind.resource(s);
    if gap <= 0.0 {
        0.0
    } else {
        (gap - 1e-9).ceil().max(1.0)
    }
}

/// For a failing section: the additions that make it pass. All short indicators are brought to
/// their threshold except possibly one, which is brought to 85% of it; that one is the
/// indicator whose relative saving (shortfall to 100% minus shortfall to 85%, over the
/// threshold resource) is largest, so the total relative addition is smallest. `None` when the
/// section already passes.
pub fn improvement(s: &SchoolSection, norms: &Catalogue) -> Option<SchoolImprovement> {
    let verdict = evaluate_section(s, norms);
    if verdict.passes || s.students == 0 {
        return None;
    }
    let rules = PassRules::from_catalogue(norms);
    let allowed_short = 7u32.saturating_sub(rules.min_met) as usize;
    let short: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|i| i.value(s).unwrap_or(0.0) < i.threshold(s.level, norms))
        .collect();
    let relative_saving = |i: &Indicator| {
        let t = i.threshold(s.level, norms);
        let full = shortfall(*i, s, t);
        let part = shortfall(*i, s, rules.remaining_share * t);
        (full - part) / (t * s.students as f64 / i.per_students())
    };
    let mut ranked = short.clone();
    ranked.sort_by(|a, b| relative_saving(b).partial_cmp(&relative_saving(a)).unwrap());
    let left: Vec<Indicator> = ranked.into_iter().take(allowed_short).collect();
    let additions: Vec<Addition> = short
        .iter()
        .filter_map(|i| {
            let threshold = i.threshold(s.level, norms);
            let target = if left.contains(i) {
                rules.remaining_share * threshold
            } else {
                threshold
            };
            let amount = shortfall(*i, s, target);
            (amount > 0.0).then(|| Addition {
                indicator: i.key().to_string(),
                resource: resource_key(*i).to_string(),
                amount,
                value_after: (i.resource(s) + amount) / s.students as f64 * i.per_students(),
                target,
            })
        })
        .collect();
    let class_max = norms.value(match s.level {
        SchoolLevel::Primary => ids::SCHOOL_CLASS_MAX_PRIMARY,
        SchoolLevel::Junior => ids::SCHOOL_CLASS_MAX_JUNIOR,
    }) as u32;
    let extra_classes = if verdict.class_size_ok {
        0
    } else {
        s.students.div_ceil(class_max).saturating_sub(s.classes)
    };
    let cap = super::super::capacity::school_needs(s.level.into(), s.kind, s.students, norms);
    Some(SchoolImprovement {
        school_code: s.school_code.clone(),
        school_name: s.school_name.clone(),
        level: s.level,
        left_short: left.first().map(|i| i.key().to_string()),
        additions,
        extra_classes,
        students_over_cap: cap.students_over_cap,
    })
}

/// Applies an improvement to a copy of the section (more resources, more classes with the
/// students spread evenly), so callers and tests can re-check the verdict.
pub fn apply_improvement(s: &SchoolSection, imp: &SchoolImprovement) -> SchoolSection {
    let mut out = s.clone();
    for a in &imp.additions {
        let field = match a.resource.as_str() {
            "teachers_qualified" => &mut out.teachers_qualified,
            "teachers_backbone" => &mut out.teachers_backbone,
            "teachers_pe_art" => &mut out.teachers_pe_art,
            "teaching_area_m2" => &mut out.teaching_area_m2,
            "sports_area_m2" => &mut out.sports_area_m2,
            "equipment_value_yuan" => &mut out.equipment_value_yuan,
            _ => &mut out.multimedia_rooms,
        };
        *field += a.amount;
    }
    if imp.extra_classes > 0 {
        out.classes += imp.extra_classes;
        out.max_class_size = out.students.div_ceil(out.classes);
    }
    out
}

/// County total of each resource to add, in the order of the indicators.
pub fn improvement_totals(imps: &[SchoolImprovement]) -> Vec<(String, f64)> {
    Indicator::ALL
        .iter()
        .map(|i| {
            let key = resource_key(*i);
            let total = imps
                .iter()
                .flat_map(|m| m.additions.iter())
                .filter(|a| a.resource == key)
                .map(|a| a.amount)
                // Start from +0.0: an empty f64 sum is −0.0, which would print as "-0".
                .fold(0.0, |acc, x| acc + x);
            (key.to_string(), total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SchoolKind;
    use proptest::prelude::*;

    fn section(students: u32, r: [f64; 7], max_class: u32) -> SchoolSection {
        SchoolSection {
            school_code: "S".into(),
            school_name: "S".into(),
            level: SchoolLevel::Primary,
            kind: SchoolKind::Complete,
            students,
            classes: students.div_ceil(45),
            max_class_size: max_class,
            teachers_qualified: r[0],
            teachers_backbone: r[1],
            teachers_pe_art: r[2],
            teaching_area_m2: r[3],
            sports_area_m2: r[4],
            equipment_value_yuan: r[5],
            multimedia_rooms: r[6],
            basic: None,
        }
    }

    #[test]
    fn two_short_indicators_by_hand() {
        let n = Catalogue::national();
        // 400 students. Teaching area 1 600 m² (4.0/student vs 4.5) and sports 2 800 m²
        // (7.0 vs 7.5) are both short, everything else met.
        // Teaching: to 100% needs 200 m²; to 85% (3.825 → 1 530 m²) needs 0. Saving 200/1 800.
        // Sports: to 100% needs 200 m²; to 85% needs 0. Saving 200/3 000.
        // Teaching saves more relative to its threshold: it is left short; sports gets 200 m².
        let s = section(400, [17.0, 4.0, 4.0, 1600.0, 2800.0, 800_000.0, 10.0], 45);
        let imp = improvement(&s, &n).unwrap();
        assert_eq!(
            imp.left_short.as_deref(),
            Some("teaching_area_per_student_m2")
        );
        assert_eq!(imp.additions.len(), 1);
        assert_eq!(imp.additions[0].resource, "sports_area_m2");
        assert!((imp.additions[0].amount - 200.0).abs() < 1e-9);
        assert!(evaluate_section(&apply_improvement(&s, &imp), &n).passes);
    }

    #[test]
    fn whole_teachers_and_extra_classes() {
        let n = Catalogue::national();
        // 410 students, 9 classes, largest class 48.
        // Qualified: 4.2 × 4.1 = 17.22 needed, 15 held → 3 whole teachers to 100%; 0 to 85%
        // (14.64). Relative saving 3 / 17.22 = 0.174.
        // Backbone: 4.1 needed, 2 held → 3 to 100%; 85% is 3.485 → 2. Saving 1 / 4.1 = 0.244.
        // Backbone saves more: it is left short (+2), qualified is raised fully (+3).
        // Classes: ceil(410 / 45) = 10 needed, 9 held → 1 extra class.
        let mut s = section(410, [15.0, 2.0, 4.0, 2000.0, 3200.0, 900_000.0, 10.0], 48);
        s.classes = 9;
        let imp = improvement(&s, &n).unwrap();
        let q = imp
            .additions
            .iter()
            .find(|a| a.resource == "teachers_qualified")
            .unwrap();
        assert_eq!(q.amount, 3.0);
        let b = imp
            .additions
            .iter()
            .find(|a| a.resource == "teachers_backbone")
            .unwrap();
        assert_eq!(b.amount, 2.0);
        assert_eq!(imp.left_short.as_deref(), Some("teachers_backbone_per100"));
        assert_eq!(imp.extra_classes, 1);
        assert!(evaluate_section(&apply_improvement(&s, &imp), &n).passes);
    }

    proptest! {
        #[test]
        fn applying_the_improvement_always_passes(
            students in 30u32..1900,
            shares in proptest::array::uniform7(0.3f64..1.4),
        ) {
            let n = Catalogue::national();
            let thresholds = Indicator::ALL.map(|i| i.threshold(SchoolLevel::Primary, &n));
            let mut r = [0.0; 7];
            for (k, i) in Indicator::ALL.iter().enumerate() {
                r[k] = shares[k] * thresholds[k] * students as f64 / i.per_students();
            }
            let s = section(students, r, 45);
            match improvement(&s, &n) {
                None => prop_assert!(evaluate_section(&s, &n).passes),
                Some(imp) => {
                    let after = apply_improvement(&s, &imp);
                    prop_assert!(evaluate_section(&after, &n).passes, "{:?}", imp);
                }
            }
        }

        #[test]
        fn adding_a_teacher_never_turns_a_pass_into_a_fail(
            students in 30u32..1900,
            shares in proptest::array::uniform7(0.5f64..1.5),
            which in 0usize..3,
        ) {
            let n = Catalogue::national();
            let mut r = [0.0; 7];
            for (k, i) in Indicator::ALL.iter().enumerate() {
                r[k] = shares[k] * i.threshold(SchoolLevel::Primary, &n) * students as f64 / i.per_students();
            }
            let s = section(students, r, 45);
            let mut more = s.clone();
            match which {
                0 => more.teachers_qualified += 1.0,
                1 => more.teachers_backbone += 1.0,
                _ => more.teachers_pe_art += 1.0,
            }
            let before = evaluate_section(&s, &n);
            let after = evaluate_section(&more, &n);
            prop_assert!(after.met >= before.met);
            prop_assert!(!before.passes || after.passes);
        }
    }
}
