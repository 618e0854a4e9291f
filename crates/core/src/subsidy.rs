//! 补贴测算 — what the 育儿补贴 (3,600 元 per child under 3 per year, from 2025-01-01, paid where the
//! child is registered) costs a county each year, split between central, provincial and county
//! budgets; with the local 托育运营补贴 for enrolled children and a scenario's construction
//! subsidies.

use serde::{Deserialize, Serialize};

use crate::projection::YearResult;
use crate::standards::{self as ids, Catalogue};

/// Days from 1970-01-01 to a civil date (proleptic Gregorian), after H. Hinnant's algorithm.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The 3rd birthday (29 February births turn 3 on 1 March in a common year).
fn third_birthday(y: i32, m: u32, d: u32) -> i64 {
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if m == 2 && d == 29 && !leap(y + 3) {
        days_from_civil(y + 3, 3, 1)
    } else {
        days_from_civil(y + 3, m, d)
    }
}

/// Years (days ÷ days in the year) a child born on `y-m-d` lives under age 3 within `year`, from
/// the scheme's start (2025-01-01) on: the share of the year's subsidy it draws.
pub fn years_under_3_in(birth: (i32, u32, u32), year: i32, scheme_start: i32) -> f64 {
    let (y, m, d) = birth;
    let start_of_year = days_from_civil(year, 1, 1);
    let end_of_year = days_from_civil(year + 1, 1, 1);
    let from = days_from_civil(y, m, d)
        .max(start_of_year)
        .max(days_from_civil(scheme_start, 1, 1));
    let to = third_birthday(y, m, d).min(end_of_year);
    ((to - from).max(0) as f64) / (end_of_year - start_of_year) as f64
}

/// Children under 3 at a year-end (ages 0, 1 and 2).
fn under_3(r: &YearResult) -> f64 {
    r.population.ages(0, 2)
}

/// Person-years lived under age 3 in each year of `years` (year-ends in order): the mean of the
/// under-3 count at the start and the end of the year (trapezoid). The first year has no start
/// and is skipped.
pub fn under_3_person_years(years: &[YearResult]) -> Vec<(i32, f64)> {
    years
        .windows(2)
        .map(|w| (w[1].year, (under_3(&w[0]) + under_3(&w[1])) / 2.0))
        .collect()
}

/// Where a year's enrolled children come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EnrolledBasis {
    /// Recorded (actuals).
    Recorded,
    /// Children 0–2 × the 入托率 target in force (or the latest recorded rate).
    Projected,
}

/// One year of the subsidy budget (元).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SubsidyYear {
    pub year: i32,
    /// Person-years lived under age 3 in the year.
    pub children_under3_person_years: f64,
    /// 育儿补贴 = per-child amount × those person-years.
    pub childcare_subsidy_yuan: f64,
    pub central_yuan: f64,
    pub provincial_yuan: f64,
    pub county_yuan: f64,
    /// Children enrolled in childcare (for the operating subsidy).
    pub enrolled_children: f64,
    pub enrolled_basis: EnrolledBasis,
    /// 托育运营补贴 = enrolled × 12 months × the local monthly amount.
    pub operating_subsidy_yuan: f64,
    /// Construction subsidies of a scenario's builds (central 1万元 per new public or 普惠 托位).
    pub construction_subsidy_yuan: f64,
    pub total_yuan: f64,
}

/// The budget of each year after the first in `years` (year-end populations in order, on the
/// 户籍 basis where the county has a 户籍 table). `enrolled(year, children_0_2)` gives that
/// year's enrolled children and where the figure comes from; `construction(year)` the
/// scenario's construction subsidy (元).
pub fn subsidy_years(
    years: &[YearResult],
    norms: &Catalogue,
    enrolled: &dyn Fn(i32, f64) -> (f64, EnrolledBasis),
    construction: &dyn Fn(i32) -> f64,
) -> Vec<SubsidyYear> {
    let per_child = norms.norm(ids::SUBSIDY_PER_CHILD_YEAR);
    let from = per_child.effective_from.unwrap_or(i32::MIN);
    let monthly = norms.value(ids::SUBSIDY_OPERATING_PER_CHILD_MONTH);
    let (central, provincial, county) = (
        norms.value(ids::SUBSIDY_CENTRAL_SHARE),
        norms.value(ids::SUBSIDY_PROVINCIAL_SHARE),
        norms.value(ids::SUBSIDY_COUNTY_SHARE),
    );
    under_3_person_years(years)
        .into_iter()
        .zip(years.iter().skip(1))
        .map(|((year, py), end)| {
            let subsidy = if year >= from {
                py * per_child.value
            } else {
                0.0
            };
            let (n, basis) = enrolled(year, under_3(end));
            let operating = n * 12.0 * monthly;
            let build = construction(year);
            SubsidyYear {
                year,
                children_under3_person_years: py,
                childcare_subsidy_yuan: subsidy,
                central_yuan: subsidy * central,
                provincial_yuan: subsidy * provincial,
                county_yuan: subsidy * county,
                enrolled_children: n,
                enrolled_basis: basis,
                operating_subsidy_yuan: operating,
                construction_subsidy_yuan: build,
                total_yuan: subsidy + operating + build,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::SingleAges;

    #[test]
    fn a_child_born_2023_06_15_by_hand() {
        // Under 3 for all of 2025 (3,600 元); in 2026 until its birthday on 15 June: 31 + 28 + 31
        // + 30 + 31 + 14 = 165 days of 365.
        assert_eq!(years_under_3_in((2023, 6, 15), 2025, 2025), 1.0);
        let y26 = years_under_3_in((2023, 6, 15), 2026, 2025);
        assert!((y26 - 165.0 / 365.0).abs() < 1e-15);
        assert!((y26 * 3600.0 - 1_627.397_260_273_972_6).abs() < 1e-9);
        // Nothing before the scheme, nothing after age 3.
        assert_eq!(years_under_3_in((2023, 6, 15), 2024, 2025), 0.0);
        assert_eq!(years_under_3_in((2023, 6, 15), 2027, 2025), 0.0);
        // The whole entitlement from 2025: 1 January 2025 to 15 June 2026, 530 days.
        let all: f64 = (2024..=2027)
            .map(|y| years_under_3_in((2023, 6, 15), y, 2025) * 365.0)
            .sum();
        assert!((all - 530.0).abs() < 1e-9);
        // Born in 2025: from birth (366-day 2028 ends it on the 3rd birthday).
        assert!((years_under_3_in((2025, 7, 1), 2025, 2025) - 184.0 / 365.0).abs() < 1e-15);
        assert!((years_under_3_in((2025, 7, 1), 2028, 2025) - 182.0 / 366.0).abs() < 1e-15);
        // A 29 February child turns 3 on 1 March.
        assert!((years_under_3_in((2024, 2, 29), 2027, 2025) - 59.0 / 365.0).abs() < 1e-15);
    }

    fn year(year: i32, under3: f64) -> YearResult {
        let mut p = SingleAges::default();
        p.male[0] = under3 / 3.0;
        p.male[1] = under3 / 3.0;
        p.male[2] = under3 / 3.0;
        p.male[40] = 1000.0;
        YearResult {
            year,
            population: p,
            births: 0.0,
            deaths: 0.0,
            net_migration: 0.0,
        }
    }

    #[test]
    fn county_budget_by_hand() {
        // 300 children under 3 at the end of 2024, 240 at the end of 2025: 270 person-years in
        // 2025 × 3,600 = 972,000 元, 90 % central. 30 enrolled × 12 × 200 元 operating (the local
        // amount set to 200 for the test), plus 100,000 元 of construction subsidy.
        let norms = Catalogue::national()
            .with_values(
                &[crate::standards::NormOverride {
                    id: ids::SUBSIDY_OPERATING_PER_CHILD_MONTH.into(),
                    value: 200.0,
                    source: Some("test".into()),
                }],
                "test",
            )
            .unwrap();
        let ys = [year(2024, 300.0), year(2025, 240.0)];
        let out = subsidy_years(&ys, &norms, &|_, _| (30.0, EnrolledBasis::Recorded), &|y| {
            if y == 2025 {
                100_000.0
            } else {
                0.0
            }
        });
        assert_eq!(out.len(), 1);
        let y = &out[0];
        assert_eq!(y.year, 2025);
        assert!((y.children_under3_person_years - 270.0).abs() < 1e-9);
        assert!((y.childcare_subsidy_yuan - 972_000.0).abs() < 1e-6);
        assert!((y.central_yuan - 874_800.0).abs() < 1e-6);
        assert!((y.county_yuan - 48_600.0).abs() < 1e-6);
        assert!((y.operating_subsidy_yuan - 72_000.0).abs() < 1e-9);
        assert!((y.total_yuan - 1_144_000.0).abs() < 1e-6);
        // Before the scheme (2024) nothing is paid.
        let early = subsidy_years(
            &[year(2023, 300.0), year(2024, 300.0)],
            &norms,
            &|_, _| (0.0, EnrolledBasis::Recorded),
            &|_| 0.0,
        );
        assert_eq!(early[0].childcare_subsidy_yuan, 0.0);
    }
}
