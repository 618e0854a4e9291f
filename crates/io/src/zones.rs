use std::collections::HashSet;

use junheng_core::limits::{self as domain};

use crate::{ColumnMap, InputErrors, Table};

/// Chinese headers of the township template and the columns they stand for.
pub const ZONE_HEADER_ALIASES: [(&str, &str); 3] = [
    ("乡镇（街道）代码", "code"),
    ("名称", "name"),
    ("常住人口", "resident_population"),
];

/// One township row of a population file: 常住人口 of a known township.
#[derive(Debug, Clone, PartialEq)]
pub struct ZonePopulation {
    pub code: String,
    /// A new name, when the cell is filled.
    pub name: Option<String>,
    pub resident_population: u64,
}

/// Reads township populations (CSV UTF-8/GBK or XLSX; English or Chinese headers). Every code
/// must be one of `townships` and appear once; populations are non-negative whole numbers.
pub fn read_zone_populations(
    file: &str,
    bytes: &[u8],
    townships: &HashSet<String>,
) -> Result<Vec<ZonePopulation>, InputErrors> {
    read_zone_populations_mapped(file, bytes, &ColumnMap::new(), townships)
}

/// As [`read_zone_populations`], with the planner's column mapping applied first.
pub fn read_zone_populations_mapped(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    townships: &HashSet<String>,
) -> Result<Vec<ZonePopulation>, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&ZONE_HEADER_ALIASES);
    let cols = table.columns(&["code", "resident_population"])?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let code = r.checked_text("code", &domain::TOWNSHIP_CODE, true);
        if !code.is_empty() {
            if !townships.contains(&code) {
                r.error(
                    "code",
                    "不是本县的乡镇（街道）代码",
                    "not a township code of this county",
                );
            } else if !seen.insert(code.clone()) {
                r.error("code", "代码重复", "duplicate code");
            }
        }
        let population = r.count("resident_population");
        if let Err(e) = domain::TOWNSHIP_POPULATION.check_count(population as u64) {
            r.domain_error(&e);
        }
        let name = r.checked_text("name", &domain::NAME, false);
        out.push(ZonePopulation {
            code,
            name: (!name.is_empty()).then_some(name),
            resident_population: population as u64,
        });
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn towns() -> HashSet<String> {
        ["331125001", "331125002"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn reads_chinese_headers_and_locates_every_bad_cell() {
        let ok = "乡镇（街道）代码,名称,常住人口\n331125001,浮云街道,16000\n";
        let z = read_zone_populations("z.csv", ok.as_bytes(), &towns()).unwrap();
        assert_eq!(z[0].resident_population, 16_000);
        assert_eq!(z[0].name.as_deref(), Some("浮云街道"));
        let bad =
            "code,resident_population\n331125001,-5\n331125999,10\n331125002,abc\n331125001,7\n";
        let err = read_zone_populations("z.csv", bad.as_bytes(), &towns()).unwrap_err();
        let got: Vec<String> = err
            .0
            .iter()
            .map(|e| format!("{}:{}", e.row, e.column))
            .collect();
        assert_eq!(
            got,
            [
                "2:resident_population",
                "3:code",
                "4:resident_population",
                "5:code"
            ]
        );
    }
}
