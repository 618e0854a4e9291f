//! 年度实际数 — the yearly monitoring file (动态监测): one row per facility with what it actually
//! served that year, and one 全县 row with the county's registered births and deaths, children
//! enrolled and published year-end populations.

use std::collections::HashSet;

use junheng_core::limits::{
    Domain, COUNTY_ENROLLED, COUNTY_EVENTS, COUNTY_POPULATION, ENROLLED, RESIDENTS,
    RESIDENTS_DISABLED, SECTION_STUDENTS,
};
use junheng_core::{CountyActual, FacilityActual};

use crate::{ColumnMap, InputErrors, Table};

/// Chinese headers of the yearly template and the columns they stand for.
pub const ACTUAL_HEADER_ALIASES: [(&str, &str); 12] = [
    ("设施编号", "facility_id"),
    ("在托人数", "enrolled"),
    ("入住人数", "residents"),
    ("其中失能人数", "residents_disabled"),
    ("小学在校生", "students_primary"),
    ("初中在校生", "students_junior"),
    ("高中在校生", "students_senior"),
    ("出生登记人数", "births"),
    ("死亡登记人数", "deaths"),
    ("全县在托婴幼儿数", "enrolled_under3"),
    ("年末常住人口", "resident_population"),
    ("年末户籍人口", "registered_population"),
];

/// The one column every actuals file has.
pub const ACTUAL_COLUMNS: [&str; 1] = ["facility_id"];

/// What the 全县 row is called in the facility column (or the county's code).
pub const COUNTY_ROW: &str = "全县";

/// Facility and county figures of one year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActualsFile {
    pub facilities: Vec<FacilityActual>,
    pub county: Option<CountyActual>,
}

const FACILITY_FIELDS: [&str; 6] = [
    "enrolled",
    "residents",
    "residents_disabled",
    "students_primary",
    "students_junior",
    "students_senior",
];
const COUNTY_FIELDS: [&str; 5] = [
    "births",
    "deaths",
    "enrolled_under3",
    "resident_population",
    "registered_population",
];

/// A whole number in its domain; empty → not known.
fn whole(r: &mut crate::RowReader<'_>, col: &str, d: &Domain) -> Option<u64> {
    if r.text(col).is_empty() {
        return None;
    }
    match r.in_domain(col, d) {
        Some(x) if x.fract() == 0.0 => Some(x as u64),
        Some(_) => {
            r.error(col, "应为整数", "expected a whole number");
            None
        }
        None => None,
    }
}

/// Reads one year's actuals (CSV UTF-8/GBK or XLSX). Facility ids must be the county's and
/// appear once; the 全县 row (or the county code) carries the county figures and appears at
/// most once; county columns are refused on facility rows and the reverse; every figure is a
/// whole number in its domain; 失能 cannot exceed 入住. Empty cells mean "not known".
pub fn read_actuals_mapped(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    year: i32,
    county_code: &str,
    facilities: &HashSet<String>,
) -> Result<ActualsFile, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&ACTUAL_HEADER_ALIASES);
    let cols = table.columns(&ACTUAL_COLUMNS)?;
    let mut errors = Vec::new();
    let mut out = ActualsFile::default();
    let mut seen = HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let id = r.required("facility_id");
        let is_county = id == COUNTY_ROW || id == county_code;
        if is_county {
            let births = whole(&mut r, "births", &COUNTY_EVENTS).map(|v| v as u32);
            let deaths = whole(&mut r, "deaths", &COUNTY_EVENTS).map(|v| v as u32);
            let enrolled_under3 =
                whole(&mut r, "enrolled_under3", &COUNTY_ENROLLED).map(|v| v as u32);
            let resident_population = whole(&mut r, "resident_population", &COUNTY_POPULATION);
            let registered_population = whole(&mut r, "registered_population", &COUNTY_POPULATION);
            for col in FACILITY_FIELDS {
                if !r.text(col).is_empty() {
                    r.error(
                        col,
                        "全县行只填全县数字，设施数字请填在各设施行",
                        "the 全县 row takes county figures only; facility figures go on the facility rows",
                    );
                }
            }
            if out.county.is_some() {
                r.error("facility_id", "全县行重复", "the 全县 row appears twice");
            }
            out.county = Some(CountyActual {
                year,
                births,
                deaths,
                enrolled_under3,
                resident_population,
                registered_population,
            });
            continue;
        }
        if !id.is_empty() {
            if !facilities.contains(&id) {
                r.error(
                    "facility_id",
                    "不是本县设施的编号",
                    "not the id of a facility of this county",
                );
            } else if !seen.insert(id.clone()) {
                r.error("facility_id", "设施编号重复", "duplicate facility id");
            }
        }
        let enrolled = whole(&mut r, "enrolled", &ENROLLED).map(|v| v as u32);
        let residents = whole(&mut r, "residents", &RESIDENTS).map(|v| v as u32);
        let residents_disabled =
            whole(&mut r, "residents_disabled", &RESIDENTS_DISABLED).map(|v| v as u32);
        let students_primary =
            whole(&mut r, "students_primary", &SECTION_STUDENTS).map(|v| v as u32);
        let students_junior = whole(&mut r, "students_junior", &SECTION_STUDENTS).map(|v| v as u32);
        let students_senior = whole(&mut r, "students_senior", &SECTION_STUDENTS).map(|v| v as u32);
        if let (Some(d), Some(n)) = (residents_disabled, residents) {
            if d > n {
                r.error(
                    "residents_disabled",
                    "失能人数不能多于入住人数",
                    "disabled residents cannot exceed residents",
                );
            }
        }
        for col in COUNTY_FIELDS {
            if !r.text(col).is_empty() {
                r.error(
                    col,
                    "全县数字请填在“全县”行",
                    "county figures go on the 全县 row",
                );
            }
        }
        out.facilities.push(FacilityActual {
            facility_id: id,
            year,
            enrolled,
            residents,
            residents_disabled,
            students_primary,
            students_junior,
            students_senior,
        });
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> HashSet<String> {
        ["CC01", "EL01"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_facility_and_county_rows_and_locates_every_bad_cell() {
        let ok =
            "设施编号,在托人数,入住人数,其中失能人数,出生登记人数,死亡登记人数,全县在托婴幼儿数\n\
                  CC01,31,,,,,\nEL01,,120,80,,,\n全县,,,,580,939,402\n";
        let a = read_actuals_mapped(
            "a.csv",
            ok.as_bytes(),
            &ColumnMap::new(),
            2022,
            "331125",
            &ids(),
        )
        .unwrap();
        assert_eq!(a.facilities.len(), 2);
        assert_eq!(a.facilities[0].enrolled, Some(31));
        assert_eq!(a.facilities[0].residents, None);
        assert_eq!(a.facilities[1].residents_disabled, Some(80));
        let c = a.county.unwrap();
        assert_eq!(
            (c.year, c.births, c.deaths, c.enrolled_under3),
            (2022, Some(580), Some(939), Some(402))
        );
        let bad = "facility_id,enrolled,residents,residents_disabled,births\n\
                   CC01,-3,,,\nEL01,,10,12,\nXX99,1,,,\nCC01,2,,,\n331125,5,,,7\n全县,,,,8\n";
        let err = read_actuals_mapped(
            "a.csv",
            bad.as_bytes(),
            &ColumnMap::new(),
            2022,
            "331125",
            &ids(),
        )
        .unwrap_err();
        let got: Vec<String> = err
            .0
            .iter()
            .map(|e| format!("{}:{}", e.row, e.column))
            .collect();
        assert_eq!(
            got,
            [
                "2:enrolled",
                "3:residents_disabled",
                "4:facility_id",
                "5:facility_id",
                "6:enrolled",
                "7:facility_id"
            ]
        );
    }
}
