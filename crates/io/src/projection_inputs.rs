//! 人口预测输入 — known births and net migration for `junheng project`, as CSV/XLSX tables.

use std::collections::{BTreeMap, HashSet};

use junheng_core::limits::{BIRTHS, LAST_PROJECTION_YEAR, NET_MIGRATION};
use junheng_core::projection::{SingleAges, BASE_YEAR, MAX_AGE};

use crate::{CellError, InputErrors, RowReader, Table};

/// A year cell in `BASE_YEAR..=LAST_PROJECTION_YEAR` (recorded as an error otherwise).
fn year_cell(r: &mut RowReader, col: &str) -> Option<i32> {
    let errors = r.error_count();
    let y = r.count(col);
    if r.error_count() > errors {
        return None;
    }
    if !(BASE_YEAR as i64..=LAST_PROJECTION_YEAR as i64).contains(&(y as i64)) {
        r.error(
            col,
            format!("年份应在 {BASE_YEAR} 到 {LAST_PROJECTION_YEAR} 之间"),
            format!("the year must be between {BASE_YEAR} and {LAST_PROJECTION_YEAR}"),
        );
        return None;
    }
    Some(y as i32)
}

/// Births file: `year,births` (persons per calendar year), each year once, births within
/// their domain (at most 30 million a year).
pub fn read_births(file: &str, bytes: &[u8]) -> Result<BTreeMap<i32, f64>, InputErrors> {
    let table = Table::read(file, bytes)?;
    let cols = table.columns(&["year", "births"])?;
    let mut errors: Vec<CellError> = Vec::new();
    let mut out = BTreeMap::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let year = year_cell(&mut r, "year");
        let births = r.amount("births");
        if let Err(e) = BIRTHS.check(births) {
            r.domain_error(&e);
        }
        if let Some(y) = year {
            if out.insert(y, births).is_some() {
                r.error("year", "年份重复", "duplicate year");
            }
        }
    }
    InputErrors::or_ok(errors, out)
}

/// Migration file: `year,sex,age,net` (net persons by sex and age at year-end; sex male|female
/// or 男|女; age 0..100, 100 = 100 and over; each year, sex and age once).
pub fn read_migration(file: &str, bytes: &[u8]) -> Result<BTreeMap<i32, SingleAges>, InputErrors> {
    let table = Table::read(file, bytes)?;
    let cols = table.columns(&["year", "sex", "age", "net"])?;
    let mut errors: Vec<CellError> = Vec::new();
    let mut out: BTreeMap<i32, SingleAges> = BTreeMap::new();
    let mut seen = HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let year = year_cell(&mut r, "year");
        let sex = r.choice(
            "sex",
            &[("male", 0usize), ("female", 1), ("男", 0), ("女", 1)],
        );
        let before = r.error_count();
        let age = r.count("age") as usize;
        let age_ok = r.error_count() == before && age <= MAX_AGE;
        if r.error_count() == before && age > MAX_AGE {
            r.error(
                "age",
                "年龄应在 0 到 100 之间（100 表示 100 岁及以上）",
                "the age must be between 0 and 100 (100 means 100 and over)",
            );
        }
        let net = r.in_domain("net", &NET_MIGRATION).unwrap_or(0.0);
        if let (Some(y), Some(s), true) = (year, sex, age_ok) {
            if !seen.insert((y, s, age)) {
                r.error(
                    "age",
                    "同一年份、性别、年龄重复",
                    "duplicate year, sex and age",
                );
                continue;
            }
            let cell = out.entry(y).or_default();
            if s == 0 {
                cell.male[age] = net;
            } else {
                cell.female[age] = net;
            }
        }
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn births_file_errors_are_located() {
        let err =
            read_births("b.csv", b"year,births\n2021,100\n2019,5\n2022,-3\n2021,7\n").unwrap_err();
        let got: Vec<String> = err.0.iter().map(|e| e.located("en")).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("b.csv:3:year:"), "{got:?}");
        assert!(got[1].starts_with("b.csv:4:births:"), "{got:?}");
        assert!(got[2].starts_with("b.csv:5:year: duplicate"), "{got:?}");
        let ok = read_births("b.csv", b"year,births\n2021,10620000\n").unwrap();
        assert_eq!(ok[&2021], 10_620_000.0);
    }

    #[test]
    fn births_and_years_beyond_their_domain_are_refused() {
        let err = read_births(
            "b.csv",
            b"year,births\n2021,99999999999\n99999999999,5\n2101,5\n",
        )
        .unwrap_err();
        let got: Vec<String> = err.0.iter().map(|e| e.located("en")).collect();
        assert_eq!(
            got,
            [
                "b.csv:2:births: births above the limit: must be between 0 and 30000000 (value: \"99999999999\")",
                "b.csv:3:year: expected a non-negative whole number (value: \"99999999999\")",
                "b.csv:4:year: the year must be between 2020 and 2100 (value: \"2101\")",
            ]
        );
    }

    #[test]
    fn migration_file_is_read_and_checked() {
        let ok = read_migration(
            "m.csv",
            b"year,sex,age,net\n2022,male,20,150\n2022,female,100,-3.5\n",
        )
        .unwrap();
        assert_eq!(ok[&2022].male[20], 150.0);
        assert_eq!(ok[&2022].female[100], -3.5);
        let err = read_migration("m.csv", b"year,sex,age,net\n2022,x,101,abc\n").unwrap_err();
        let cols: Vec<&str> = err.0.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(cols, ["sex", "age", "net"]);
        assert!(err.0.iter().all(|e| e.row == 2));
        let err = read_migration("m.csv", b"year,sex,age,net\n2022,male,1,-1e12\n").unwrap_err();
        assert_eq!(
            err.0[0].message_en,
            "net migration must be between -10000000 and 10000000, not below -10000000"
        );
    }
}
