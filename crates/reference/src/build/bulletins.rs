//! Township populations transcribed from county 7th-census bulletins (第二号公报).

use std::collections::BTreeMap;

use super::table::Table;
use super::townships::Townships;
use super::BuildError;
use crate::{BulletinRow, CensusCounty, TownshipBulletin};

pub fn read(
    file: &str,
    bytes: &[u8],
    townships: &Townships,
    census: &[CensusCounty],
) -> Result<Vec<TownshipBulletin>, BuildError> {
    let t = Table::read(file, bytes)?;
    let county_c = t.column("county_code")?;
    let name_c = t.column("township_name")?;
    let code_c = t.column("stats_code_2023_match")?;
    let name23_c = t.column("stats_name_2023_match")?;
    let pop_c = t.column("pop_2020")?;
    let total_c = t.column("county_total_2020_published")?;
    let url_c = t.column("source_url")?;
    let kind_c = t.column("source_kind")?;
    let note_c = t.column("match_note")?;

    let mut by_county: BTreeMap<u32, (usize, TownshipBulletin)> = BTreeMap::new();
    for row in &t.rows {
        let county = t.digits(row, county_c, 6)?;
        let county_text = format!("{county:06}");
        let census_total = census
            .binary_search_by(|c| c.code.as_str().cmp(&county_text))
            .map(|i| census[i].total)
            .map_err(|_| {
                t.error(
                    row,
                    county_c,
                    format!("县级代码 {county_text} 不在普查年鉴中"),
                    format!("county {county_text} is not in the census yearbook"),
                )
            })?;
        // Where the bulletin prints the county total it must be the yearbook's: both are
        // the census count, so a difference is a transcription error.
        if let Some(published) = t.opt_count(row, total_c)? {
            if published != census_total {
                return Err(t.error(
                    row,
                    total_c,
                    format!("公报合计 {published} 与普查年鉴 {census_total} 不符"),
                    format!(
                        "bulletin total {published} differs from the yearbook's {census_total}"
                    ),
                ));
            }
        }
        let url = t.text(row, url_c)?;
        let kind = t.text(row, kind_c)?;
        let entry = by_county.entry(county).or_insert_with(|| {
            (
                row.line,
                TownshipBulletin {
                    county_code: county_text.clone(),
                    county_total: census_total,
                    source_url: url.clone(),
                    source_kind: kind.clone(),
                    rows: Vec::new(),
                },
            )
        });
        if entry.1.source_url != url || entry.1.source_kind != kind {
            return Err(t.error(
                row,
                url_c,
                "同一县的各行应来自同一份公报".into(),
                "all rows of a county must come from one bulletin".into(),
            ));
        }
        let code_2023 = match t.raw(row, code_c).trim() {
            "" => None,
            _ => Some(t.digits(row, code_c, 9)?),
        };
        let name_2023 = t.text(row, name23_c)?;
        match code_2023 {
            Some(code) => {
                let listed = townships
                    .get(&county)
                    .and_then(|l| l.iter().find(|(s, _)| county * 1000 + s == code));
                match listed {
                    Some((_, n)) if *n == name_2023 => {}
                    _ => {
                        return Err(t.error(
                            row,
                            code_c,
                            format!("{code:09}“{name_2023}”不是该县 2023 年名单中的乡级单位"),
                            format!(
                                "{code:09} {name_2023:?} is not a 2023 township of this county"
                            ),
                        ))
                    }
                }
            }
            None if !name_2023.is_empty() => {
                return Err(t.error(
                    row,
                    code_c,
                    "有 2023 年名称却没有代码".into(),
                    "a 2023 name without a 2023 code".into(),
                ))
            }
            None => {}
        }
        entry.1.rows.push(BulletinRow {
            name_2020: t.name(row, name_c)?,
            code_2023: code_2023.map(|c| format!("{c:09}")),
            name_2023: code_2023.map(|_| name_2023),
            population_2020: t.count(row, pop_c)?,
            note: t.text(row, note_c)?,
        });
    }
    let mut out = Vec::with_capacity(by_county.len());
    for (first_line, bulletin) in by_county.into_values() {
        let sum: u64 = bulletin.rows.iter().map(|r| r.population_2020).sum();
        if sum != bulletin.county_total {
            return Err(BuildError::new(
                file,
                first_line,
                "pop_2020",
                format!(
                    "{} 各乡镇人口之和 {sum} 不等于县合计 {}",
                    bulletin.county_code, bulletin.county_total
                ),
                format!(
                    "the townships of {} sum to {sum}, not the county total {}",
                    bulletin.county_code, bulletin.county_total
                ),
            ));
        }
        out.push(bulletin);
    }
    Ok(out)
}
