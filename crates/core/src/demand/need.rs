use serde::{Deserialize, Serialize};

use crate::projection::SingleAges;
use crate::standards::{self as ids, Catalogue};

/// Needs of one zone in one year, from its population by single age (unrounded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearNeed {
    pub year: i32,
    /// 常住人口.
    pub population: f64,
    /// 3岁以下婴幼儿 (ages 0–2).
    pub children_0_2: f64,
    /// 托位 needed = children 0–2 × uptake (F3).
    pub childcare_slots: f64,
    /// The same per 1000 residents.
    pub childcare_slots_per_1000: f64,
    pub aged_60_plus: f64,
    pub aged_65_plus: f64,
    pub aged_80_plus: f64,
    /// Beds by the GB 50437 norm: 60+ × 40 / 1000 (F6).
    pub beds_by_norm: f64,
    /// Beds by the need model: 60+ × disabled share × institutional uptake ÷ occupancy (F6).
    pub beds_by_need: f64,
    /// 护理型床位占比 target in force this year (55% to 2025, 73% from 2026).
    pub nursing_share_target: f64,
    /// Nursing-type beds needed = beds by the norm × that target.
    pub nursing_beds: f64,
    /// Students at each level = age group × enrolment (ages 6–11, 12–14, 15–17).
    pub primary_students: f64,
    pub junior_students: f64,
    pub senior_students: f64,
    /// Classes at the class-size limits (45 / 50 / 55), rounded up.
    pub primary_classes: f64,
    pub junior_classes: f64,
    pub senior_classes: f64,
    /// 教职工 needed at 19 / 13.5 / 12.5 students each (F13).
    pub primary_staff: f64,
    pub junior_staff: f64,
    pub senior_staff: f64,
}

/// The 护理型床位占比 target of a year: the 2025 target through 2025, the 2030 target after.
pub fn nursing_share_target(year: i32, norms: &Catalogue) -> f64 {
    if year <= 2025 {
        norms.value(ids::NURSING_SHARE_TARGET)
    } else {
        norms.value(ids::NURSING_SHARE_TARGET_2030)
    }
}

pub fn year_need(year: i32, p: &SingleAges, norms: &Catalogue) -> YearNeed {
    let v = |id: &str| norms.value(id);
    let population = p.total();
    let children_0_2 = p.ages(0, 2);
    let childcare_slots = children_0_2 * v(ids::DEMAND_CHILDCARE_UPTAKE);
    let aged_60_plus = p.at_least(60);
    let beds_by_norm = aged_60_plus * v(ids::BEDS_PER_1000_ELDERLY) / 1000.0;
    let share = nursing_share_target(year, norms);
    let primary_students = p.ages(6, 11) * v(ids::DEMAND_ENROLMENT_PRIMARY);
    let junior_students = p.ages(12, 14) * v(ids::DEMAND_ENROLMENT_JUNIOR);
    let senior_students = p.ages(15, 17) * v(ids::DEMAND_ENROLMENT_SENIOR);
    let classes = |students: f64, id: &str| (students / v(id)).ceil();
    YearNeed {
        year,
        population,
        children_0_2,
        childcare_slots,
        childcare_slots_per_1000: if population > 0.0 {
            childcare_slots / population * 1000.0
        } else {
            0.0
        },
        aged_60_plus,
        aged_65_plus: p.at_least(65),
        aged_80_plus: p.at_least(80),
        beds_by_norm,
        beds_by_need: aged_60_plus
            * v(ids::DEMAND_DISABLED_SHARE)
            * v(ids::DEMAND_INSTITUTIONAL_UPTAKE)
            / v(ids::DEMAND_OCCUPANCY_TARGET),
        nursing_share_target: share,
        nursing_beds: beds_by_norm * share,
        primary_classes: classes(primary_students, ids::SCHOOL_CLASS_MAX_PRIMARY),
        junior_classes: classes(junior_students, ids::SCHOOL_CLASS_MAX_JUNIOR),
        senior_classes: classes(senior_students, ids::SENIOR_INTAKE_CLASS_MAX),
        primary_staff: primary_students / v(ids::STAFF_RATIO_PRIMARY),
        junior_staff: junior_students / v(ids::STAFF_RATIO_JUNIOR),
        senior_staff: senior_students / v(ids::STAFF_RATIO_SENIOR),
        primary_students,
        junior_students,
        senior_students,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_by_hand() {
        let n = Catalogue::national();
        let mut p = SingleAges::default();
        // 100 children at each of ages 0, 1, 2 (both sexes together), 90 at each age 6–11,
        // 100 at 12–14, 50 at 15–17, 1 000 aged 60, 500 aged 85.
        for a in 0..=2 {
            p.male[a] = 60.0;
            p.female[a] = 40.0;
        }
        for a in 6..=11 {
            p.female[a] = 90.0;
        }
        for a in 12..=14 {
            p.male[a] = 100.0;
        }
        for a in 15..=17 {
            p.male[a] = 50.0;
        }
        p.female[60] = 1000.0;
        p.male[85] = 500.0;
        let y = year_need(2030, &p, &n);
        assert_eq!(y.population, 300.0 + 540.0 + 300.0 + 150.0 + 1500.0);
        assert_eq!(y.children_0_2, 300.0);
        assert!((y.childcare_slots - 90.0).abs() < 1e-9); // 300 × 0.30
        assert_eq!(y.aged_60_plus, 1500.0);
        assert_eq!(y.aged_80_plus, 500.0);
        assert!((y.beds_by_norm - 60.0).abs() < 1e-9); // 1500 × 40 / 1000
        assert!((y.beds_by_need - 1500.0 * 0.116 * 0.25 / 0.6).abs() < 1e-9);
        assert_eq!(y.nursing_share_target, 0.73);
        assert!((y.nursing_beds - 60.0 * 0.73).abs() < 1e-9);
        assert_eq!(y.primary_students, 540.0);
        assert_eq!(y.primary_classes, 12.0); // ceil(540 / 45)
        assert_eq!(y.junior_classes, 6.0); // 300 / 50
        assert!((y.senior_students - 138.0).abs() < 1e-9); // 150 × 0.92
        assert_eq!(y.senior_classes, 3.0); // ceil(138 / 55)
        assert!((y.primary_staff - 540.0 / 19.0).abs() < 1e-12);
        assert_eq!(nursing_share_target(2025, &n), 0.55);
    }
}
