//! 户籍人口 table — the county's registered (户籍) population by census age band and sex, from
//! the public-security statistics a planner has, for the optional 户籍 view of the projection.
//!
//! One row per age band: `age_band,male,female` (or 年龄组,男,女). Bands are written `0`, `1-4`,
//! `5-9` … `80-84`, `85+` (also `0岁`, `1-4岁`, `85岁及以上`, `85岁以上`); all 19 must appear once.

use std::collections::HashMap;

use junheng_core::{AgeSexBands, BAND_COUNT, CENSUS_BANDS};

use crate::{ColumnMap, InputErrors, Table};

pub const HUKOU_HEADER_ALIASES: [(&str, &str); 3] =
    [("年龄组", "age_band"), ("男", "male"), ("女", "female")];

/// The band index of a label such as `5-9`, `5-9岁`, `5～9岁`, `0岁`, `85+`, `85岁及以上`.
pub fn band_of_label(label: &str) -> Option<usize> {
    let t: String = label
        .trim()
        .trim_end_matches("岁及以上")
        .trim_end_matches("岁以上")
        .trim_end_matches('岁')
        .replace(['～', '~', '—', '–', '到'], "-")
        .replace(' ', "");
    let (from, to): (u32, Option<u32>) = if let Some(f) = t.strip_suffix('+') {
        (f.parse().ok()?, None)
    } else if let Some((a, b)) = t.split_once('-') {
        (a.parse().ok()?, Some(b.parse().ok()?))
    } else {
        let a: u32 = t.parse().ok()?;
        // A bare "85" after stripping "岁及以上" is the open band; a bare "0" is age 0.
        if label.contains("以上") {
            (a, None)
        } else {
            (a, Some(a))
        }
    };
    CENSUS_BANDS.iter().position(|b| {
        b.from == from
            && match (b.to, to) {
                (None, None) => true,
                (Some(bt), Some(t)) => bt == t,
                _ => false,
            }
    })
}

/// Reads a 户籍 table; every bad cell and every missing or repeated band is reported.
pub fn read_hukou_bands(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
) -> Result<AgeSexBands, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&HUKOU_HEADER_ALIASES);
    let cols = table.columns(&["age_band", "male", "female"])?;
    let mut errors = Vec::new();
    let mut bands = AgeSexBands::default();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let label = r.required("age_band");
        let band = band_of_label(&label);
        match band {
            None if !label.is_empty() => r.error(
                "age_band",
                "应为普查年龄组：0、1-4、5-9 … 80-84、85+",
                "expected a census age band: 0, 1-4, 5-9 … 80-84, 85+",
            ),
            Some(b) if seen.contains_key(&b) => {
                r.error("age_band", "年龄组重复", "age band repeated")
            }
            _ => {}
        }
        let male = r.count("male");
        let female = r.count("female");
        for (col, v) in [("male", male), ("female", female)] {
            if let Err(e) = junheng_core::limits::COUNTY_BAND_POPULATION.check_count(v as u64) {
                r.domain_error_at(col, &e);
            }
        }
        if let Some(b) = band {
            seen.entry(b).or_insert(r.number());
            bands.male[b] = male as u64;
            bands.female[b] = female as u64;
        }
    }
    if errors.is_empty() && seen.len() < BAND_COUNT {
        let missing: Vec<String> = (0..BAND_COUNT)
            .filter(|b| !seen.contains_key(b))
            .map(|b| CENSUS_BANDS[b].label())
            .collect();
        errors.push(crate::CellError::new(
            file,
            1,
            "age_band",
            "",
            format!("缺少年龄组：{}", missing.join("、")),
            format!("missing age bands: {}", missing.join(", ")),
        ));
    }
    InputErrors::or_ok(errors, bands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, u32, u32)]) -> String {
        let mut s = String::from("年龄组,男,女\n");
        for (l, m, f) in rows {
            s.push_str(&format!("{l},{m},{f}\n"));
        }
        s
    }

    fn all_bands() -> Vec<(String, u32, u32)> {
        (0..BAND_COUNT)
            .map(|b| (CENSUS_BANDS[b].label(), 100 + b as u32, 200 + b as u32))
            .collect()
    }

    #[test]
    fn labels_in_every_spelling() {
        assert_eq!(band_of_label("0"), Some(0));
        assert_eq!(band_of_label("0岁"), Some(0));
        assert_eq!(band_of_label("1-4岁"), Some(1));
        assert_eq!(band_of_label("5～9岁"), Some(2));
        assert_eq!(band_of_label("85+"), Some(18));
        assert_eq!(band_of_label("85岁及以上"), Some(18));
        assert_eq!(band_of_label("85岁以上"), Some(18));
        assert_eq!(band_of_label("5-10"), None);
    }

    #[test]
    fn a_full_table_reads_and_a_bad_one_is_reported_cell_by_cell() {
        let rows = all_bands();
        let refs: Vec<(&str, u32, u32)> =
            rows.iter().map(|(l, m, f)| (l.as_str(), *m, *f)).collect();
        let b = read_hukou_bands("h.csv", table(&refs).as_bytes(), &ColumnMap::new()).unwrap();
        assert_eq!((b.male[0], b.female[18]), (100, 218));
        assert_eq!(b.total(), (0..19u64).map(|i| 300 + 2 * i).sum::<u64>());
        let bad = "年龄组,男,女\n0,10,x\n0,5,5\n5-10,1,1\n";
        let e = read_hukou_bands("h.csv", bad.as_bytes(), &ColumnMap::new()).unwrap_err();
        let got: Vec<(usize, &str)> = e.0.iter().map(|c| (c.row, c.column.as_str())).collect();
        assert_eq!(got, [(2, "女"), (3, "年龄组"), (4, "年龄组")]);
        // Well-formed but incomplete: the missing bands are named.
        let e = read_hukou_bands(
            "h.csv",
            "年龄组,男,女\n0,1,1\n".as_bytes(),
            &ColumnMap::new(),
        )
        .unwrap_err();
        assert!(e.0[0].message_en.contains("1-4"), "{}", e.0[0].message_en);
    }
}
