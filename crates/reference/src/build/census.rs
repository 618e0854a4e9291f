//! The 7th-census county yearbook (《中国人口普查分县资料2020》) as the reference needs it.

use std::collections::BTreeMap;

use junheng_core::{AgeSexBands, BAND_COUNT, CENSUS_BANDS};

use super::table::Table;
use super::BuildError;
use crate::{classify, CensusCounty, CodeLevel};

/// The yearbook rows, split by level.
pub struct Census {
    /// Six-digit county-level rows, code order.
    pub counties: Vec<CensusCounty>,
    /// Province (`xx0000`) and prefecture (`xxxx00`) rows, code order.
    pub divisions: Vec<CensusCounty>,
    /// Rows coded `NA` (development zones, special areas, 省直辖 aggregates): (省, 市, 区县).
    pub uncoded: Vec<(String, String, String)>,
}

/// Yearbook header of a band for one sex (`男` or `女`): 男_0岁, 女_1到4岁 … 男_85岁以上.
pub fn band_column(sex: &str, band: usize) -> String {
    let b = CENSUS_BANDS[band];
    match b.to {
        Some(to) if to == b.from => format!("{sex}_{}岁", b.from),
        Some(to) => format!("{sex}_{}到{}岁", b.from, to),
        None => format!("{sex}_{}岁以上", b.from),
    }
}

pub fn read(file: &str, bytes: &[u8]) -> Result<Census, BuildError> {
    let t = Table::read(file, bytes)?;
    let code_c = t.column("区划代码")?;
    let province_c = t.column("省")?;
    let prefecture_c = t.column("市")?;
    let county_c = t.column("区县")?;
    let total_c = t.column("人口数_合计")?;
    let male_c = t.column("人口数_男")?;
    let female_c = t.column("人口数_女")?;
    let urban_c = t.column("城镇人口")?;
    let rural_c = t.column("乡村人口")?;
    let band_names: Vec<(String, String)> = (0..BAND_COUNT)
        .map(|i| (band_column("男", i), band_column("女", i)))
        .collect();
    let mut bands = Vec::with_capacity(BAND_COUNT);
    for (m, f) in &band_names {
        bands.push((t.column(m)?, t.column(f)?));
    }

    let mut counties = BTreeMap::new();
    let mut divisions = BTreeMap::new();
    let mut uncoded = Vec::new();
    for row in &t.rows {
        let province = t.name(row, province_c)?;
        let prefecture = t.name(row, prefecture_c)?;
        let name = t.name(row, county_c)?;
        if t.raw(row, code_c).trim() == "NA" {
            uncoded.push((province, prefecture, name));
            continue;
        }
        let code = t.digits(row, code_c, 6)?;
        let total = t.count(row, total_c)?;
        let mut population = AgeSexBands::default();
        for (i, (m, f)) in bands.iter().enumerate() {
            // `NA` in an age cell is the yearbook's dash for none (370572 东营港经济开发区,
            // 女_0岁): accepted as 0 only because the sex totals below must still add up.
            population.male[i] = t.opt_count(row, *m)?.unwrap_or(0);
            population.female[i] = t.opt_count(row, *f)?.unwrap_or(0);
        }
        // The yearbook's bands sum to its sex totals in every coded row; a row that does not
        // was mistyped or shifted.
        for (col, bands, sex_zh, sex_en) in [
            (male_c, &population.male, "男性", "male"),
            (female_c, &population.female, "女性", "female"),
        ] {
            let expected = t.count(row, col)?;
            let sum: u64 = bands.iter().sum();
            if sum != expected {
                return Err(t.error(
                    row,
                    col,
                    format!("{sex_zh}各年龄组人数之和 {sum} 不等于 {expected}"),
                    format!("the {sex_en} age cells sum to {sum}, not {expected}"),
                ));
            }
        }
        if population.total() != total {
            return Err(t.error(
                row,
                total_c,
                format!("男女合计 {} 不等于人口数_合计 {total}", population.total()),
                format!(
                    "men and women add up to {}, not the total {total}",
                    population.total()
                ),
            ));
        }
        let code_text = format!("{code:06}");
        let record = CensusCounty {
            code: code_text.clone(),
            name,
            province,
            prefecture,
            total,
            urban: t.opt_count(row, urban_c)?,
            rural: t.opt_count(row, rural_c)?,
            population,
            current: false,
        };
        let target = match classify(&code_text) {
            CodeLevel::County => &mut counties,
            _ => &mut divisions,
        };
        if target.insert(code, record).is_some() {
            return Err(t.error(
                row,
                code_c,
                format!("区划代码 {code_text} 重复"),
                format!("code {code_text} appears twice"),
            ));
        }
    }
    Ok(Census {
        counties: counties.into_values().collect(),
        divisions: divisions.into_values().collect(),
        uncoded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_the_yearbook() {
        assert_eq!(band_column("男", 0), "男_0岁");
        assert_eq!(band_column("女", 1), "女_1到4岁");
        assert_eq!(band_column("男", 13), "男_60到64岁");
        assert_eq!(band_column("女", 18), "女_85岁以上");
    }
}
