use serde::{Deserialize, Serialize};

use crate::standards::{self as ids, Catalogue};
use crate::{SchoolKind, SchoolLevel};

/// 学段 for staffing and class-size rules, including 普通高中 which the balance test leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StaffingLevel {
    Primary,
    Junior,
    Senior,
}

impl From<SchoolLevel> for StaffingLevel {
    fn from(l: SchoolLevel) -> Self {
        match l {
            SchoolLevel::Primary => StaffingLevel::Primary,
            SchoolLevel::Junior => StaffingLevel::Junior,
        }
    }
}

/// What a number of students needs at a level (F13), and how they sit against the size cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolNeeds {
    pub level: StaffingLevel,
    pub students: u32,
    /// 教职工 needed = students ÷ ratio (19 / 13.5 / 12.5), unrounded.
    pub staff_needed: f64,
    /// Classes needed at the class-size limit (45 / 50 / 55).
    pub classes_needed: u32,
    pub class_max: u32,
    /// Enrolment cap (2000; 2500 for 一贯制; 3000 for a new 普通高中).
    pub size_cap: u32,
    /// Students above the cap (0 when within it).
    pub students_over_cap: u32,
}

pub fn school_needs(
    level: StaffingLevel,
    kind: SchoolKind,
    students: u32,
    norms: &Catalogue,
) -> SchoolNeeds {
    let (ratio, class_max) = match level {
        StaffingLevel::Primary => (ids::STAFF_RATIO_PRIMARY, ids::SCHOOL_CLASS_MAX_PRIMARY),
        StaffingLevel::Junior => (ids::STAFF_RATIO_JUNIOR, ids::SCHOOL_CLASS_MAX_JUNIOR),
        StaffingLevel::Senior => (ids::STAFF_RATIO_SENIOR, ids::SENIOR_INTAKE_CLASS_MAX),
    };
    let class_max = norms.value(class_max).round() as u32;
    let size_cap = norms.value(match (level, kind) {
        (StaffingLevel::Senior, _) => ids::SENIOR_SIZE_MAX_NEW,
        (_, SchoolKind::Complete) => ids::SCHOOL_SIZE_MAX_COMPLETE,
        _ => ids::SCHOOL_SIZE_MAX_THROUGH,
    }) as u32;
    SchoolNeeds {
        level,
        students,
        staff_needed: students as f64 / norms.value(ratio),
        classes_needed: students.div_ceil(class_max.max(1)),
        class_max,
        size_cap,
        students_over_cap: students.saturating_sub(size_cap),
    }
}

/// The county high-school rule (F16): a county with at least 50,000 residents or 2,000 junior
/// graduates a year needs at least one 普通高中.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SeniorHighRule {
    pub needs_senior_high: bool,
    pub senior_high_schools: u32,
    pub satisfied: bool,
}

pub fn senior_high_rule(
    resident_population: u64,
    junior_graduates: Option<u64>,
    senior_high_schools: u32,
    norms: &Catalogue,
) -> SeniorHighRule {
    let needs = resident_population as f64 >= norms.value(ids::SENIOR_COUNTY_MIN_POPULATION)
        || junior_graduates
            .is_some_and(|g| g as f64 >= norms.value(ids::SENIOR_COUNTY_MIN_GRADUATES));
    SeniorHighRule {
        needs_senior_high: needs,
        senior_high_schools,
        satisfied: !needs || senior_high_schools >= 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staffing_classes_and_caps_by_hand() {
        let n = Catalogue::national();
        let p = school_needs(StaffingLevel::Primary, SchoolKind::Complete, 950, &n);
        assert_eq!(p.staff_needed, 50.0); // 950 / 19
        assert_eq!(p.classes_needed, 22); // ceil(950 / 45) = 21.1 → 22
        assert_eq!(p.students_over_cap, 0);
        let j = school_needs(StaffingLevel::Junior, SchoolKind::NineYear, 2700, &n);
        assert_eq!(j.staff_needed, 200.0); // 2700 / 13.5
        assert_eq!(j.classes_needed, 54); // 2700 / 50
        assert_eq!((j.size_cap, j.students_over_cap), (2500, 200));
        let s = school_needs(StaffingLevel::Senior, SchoolKind::Complete, 2500, &n);
        assert_eq!(s.staff_needed, 200.0); // 2500 / 12.5
        assert_eq!(s.classes_needed, 46); // ceil(2500 / 55) = 45.45 → 46
        assert_eq!(s.size_cap, 3000);
    }

    #[test]
    fn county_high_school_rule() {
        let n = Catalogue::national();
        assert!(!senior_high_rule(49_999, Some(1_999), 0, &n).needs_senior_high);
        assert!(senior_high_rule(50_000, None, 0, &n).needs_senior_high);
        assert!(!senior_high_rule(50_000, None, 0, &n).satisfied);
        assert!(senior_high_rule(30_000, Some(2_000), 1, &n).satisfied);
    }

    proptest::proptest! {
        #[test]
        fn any_student_count_gives_the_ceiling_of_classes(
            students in proptest::prop_oneof![
                proptest::prelude::Just(u32::MAX),
                proptest::prelude::Just(0u32),
                proptest::prelude::any::<u32>()
            ],
            junior in proptest::prelude::any::<bool>(),
        ) {
            let n = Catalogue::national();
            let level = if junior { StaffingLevel::Junior } else { StaffingLevel::Primary };
            let s = school_needs(level, SchoolKind::Complete, students, &n);
            // The ceiling by its definition: enough classes, and one fewer is not enough.
            let (c, m) = (s.classes_needed as u64, s.class_max as u64);
            proptest::prop_assert!(c * m >= students as u64);
            proptest::prop_assert!(c == 0 || (c - 1) * m < students as u64);
            proptest::prop_assert_eq!(s.students_over_cap as u64, (students as u64).saturating_sub(2000));
            proptest::prop_assert!(s.staff_needed.is_finite() && s.staff_needed >= 0.0);
        }
    }
}
