use junheng_core::{AgeSexBands, BAND_COUNT, CENSUS_BANDS};

use junheng_core::limits::{CENSUS_POPULATION, NAME};

use crate::{InputErrors, Table};

/// One row of the 7th-census county yearbook table (《中国人口普查分县资料2020》).
#[derive(Debug, Clone, PartialEq)]
pub struct CensusRow {
    /// 6-digit 区划代码; `None` for the national row and special areas coded `NA`.
    pub code: Option<String>,
    pub province: String,
    pub prefecture: String,
    pub county: String,
    /// 人口数_合计 as published.
    pub total: u64,
    /// 城镇人口.
    pub urban: Option<u64>,
    /// 乡村人口.
    pub rural: Option<u64>,
    /// Age by sex: 0岁, 1到4岁, 5到9岁 … 85岁以上.
    pub population: AgeSexBands,
}

/// Yearbook column name of a band for one sex (`男` or `女`).
pub fn census_band_column(sex: &str, band: usize) -> String {
    let b = CENSUS_BANDS[band];
    match b.to {
        Some(to) if to == b.from => format!("{sex}_{}岁", b.from),
        Some(to) => format!("{sex}_{}到{}岁", b.from, to),
        None => format!("{sex}_{}岁以上", b.from),
    }
}

/// Reads every row of the yearbook table. Rows with `NA` age cells (3 special areas in the
/// published file) are kept with zero in those cells and are not checked against the total.
pub fn read_census(file: &str, bytes: &[u8]) -> Result<Vec<CensusRow>, InputErrors> {
    let table = Table::read(file, bytes)?;
    let band_cols: Vec<(String, String)> = (0..BAND_COUNT)
        .map(|i| (census_band_column("男", i), census_band_column("女", i)))
        .collect();
    let mut required = vec![
        "区划代码",
        "省",
        "市",
        "区县",
        "人口数_合计",
        "城镇人口",
        "乡村人口",
    ];
    for (m, f) in &band_cols {
        required.push(m);
        required.push(f);
    }
    let cols = table.columns(&required)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let code = r.text("区划代码");
        let code = (code != "NA" && !code.is_empty()).then_some(code);
        let total = r.count("人口数_合计") as u64;
        if let Err(e) = CENSUS_POPULATION.check_count(total) {
            r.domain_error_at("人口数_合计", &e);
        }
        let optional = |r: &mut crate::RowReader, c: &str| -> Option<u64> {
            if r.text(c) == "NA" {
                return None;
            }
            let v = r.opt_count(c).map(u64::from)?;
            match CENSUS_POPULATION.check_count(v) {
                Ok(v) => Some(v),
                Err(e) => {
                    r.domain_error_at(c, &e);
                    None
                }
            }
        };
        let urban = optional(&mut r, "城镇人口");
        let rural = optional(&mut r, "乡村人口");
        let mut population = AgeSexBands::default();
        let mut complete = true;
        for (i, (m, f)) in band_cols.iter().enumerate() {
            match (optional(&mut r, m), optional(&mut r, f)) {
                (Some(a), Some(b)) => {
                    population.male[i] = a;
                    population.female[i] = b;
                }
                _ => complete = false,
            }
        }
        if complete && population.total() != total {
            r.error(
                "人口数_合计",
                format!("各年龄组人数之和 {} 不等于合计", population.total()),
                format!("the age cells sum to {}, not the total", population.total()),
            );
        }
        let province = r.checked_text("省", &NAME, false);
        let prefecture = r.checked_text("市", &NAME, false);
        let county = r.checked_text("区县", &NAME, false);
        out.push(CensusRow {
            code,
            province,
            prefecture,
            county,
            total,
            urban,
            rural,
            population,
        });
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_columns_match_the_yearbook_headers() {
        assert_eq!(census_band_column("男", 0), "男_0岁");
        assert_eq!(census_band_column("女", 1), "女_1到4岁");
        assert_eq!(census_band_column("男", 13), "男_60到64岁");
        assert_eq!(census_band_column("女", 18), "女_85岁以上");
    }
}
