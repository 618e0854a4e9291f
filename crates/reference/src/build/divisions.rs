//! The 2023 county-level list and the names of its provinces and prefectures.

use std::collections::BTreeMap;

use super::census::Census;
use super::geo::Centroid;
use super::table::Table;
use super::BuildError;
use crate::{classify, CodeLevel};

/// One row of areas_county_2023.csv.
pub struct County {
    pub code: u32,
    pub name: String,
    /// `cityCode` + `00`.
    pub prefecture: u32,
}

/// Where each division name came from, for the build report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NameSources {
    pub from_census: Vec<u32>,
    pub from_datav: Vec<u32>,
    /// Pseudo-prefectures (`xx90` 省直辖县级行政区划), named from the yearbook's uncoded
    /// aggregate row of the province or, lacking one, by the NBS name.
    pub pseudo: Vec<(u32, String)>,
    /// Codes where the yearbook and DataV disagree: (code, census name, DataV name).
    pub disagreements: Vec<(u32, String, String)>,
}

pub struct Divisions {
    pub counties: Vec<County>,
    pub provinces: BTreeMap<u32, String>,
    pub prefectures: BTreeMap<u32, String>,
    pub names: NameSources,
}

/// Name of a 省直辖 pseudo-prefecture in the NBS list where no source prints one.
pub const PSEUDO_PREFECTURE_NAME: &str = "省直辖县级行政区划";

pub fn read_counties(file: &str, bytes: &[u8]) -> Result<Vec<County>, BuildError> {
    let t = Table::read(file, bytes)?;
    let code_c = t.column("code")?;
    let name_c = t.column("name")?;
    let city_c = t.column("cityCode")?;
    let province_c = t.column("provinceCode")?;
    let mut out: Vec<(usize, County)> = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let code = t.digits(row, code_c, 6)?;
        let city = t.digits(row, city_c, 4)?;
        let province = t.digits(row, province_c, 2)?;
        if code / 100 != city || city / 100 != province {
            return Err(t.error(
                row,
                city_c,
                format!("代码 {code:06} 与所属地级 {city:04}、省级 {province:02} 不一致"),
                format!("code {code:06} does not lie in city {city:04} / province {province:02}"),
            ));
        }
        out.push((
            row.line,
            County {
                code,
                name: t.name(row, name_c)?,
                prefecture: city * 100,
            },
        ));
    }
    out.sort_by_key(|(_, c)| c.code);
    if let Some(w) = out.windows(2).find(|w| w[0].1.code == w[1].1.code) {
        let line = w[0].0.max(w[1].0);
        return Err(BuildError::new(
            file,
            line,
            "code",
            format!("代码 {:06} 重复", w[1].1.code),
            format!("code {:06} appears twice", w[1].1.code),
        ));
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// Names the 2023 provinces and prefectures: the yearbook's own rows first (NBS naming, 市
/// column for prefectures), DataV's province/city rows for codes the yearbook lacks, and the
/// 省直辖 pseudo-prefectures by their aggregate row. A code left without a name is an error.
pub fn name(
    counties_file: &str,
    counties: Vec<County>,
    census: &Census,
    centroids: &[Centroid],
) -> Result<Divisions, BuildError> {
    let census_names: BTreeMap<u32, &str> = census
        .divisions
        .iter()
        .map(|r| {
            let code: u32 = r.code.parse().expect("six digits");
            let name = if classify(&r.code) == CodeLevel::Province {
                &r.province
            } else {
                &r.prefecture
            };
            (code, name.as_str())
        })
        .collect();
    let datav_names: BTreeMap<u32, &str> = centroids
        .iter()
        .filter(|c| c.level == "province" || c.level == "city")
        .map(|c| (c.code, c.name.as_str()))
        .collect();
    let mut names = NameSources::default();
    for (code, a) in &census_names {
        if let Some(b) = datav_names.get(code) {
            if a != b {
                names
                    .disagreements
                    .push((*code, a.to_string(), b.to_string()));
            }
        }
    }

    let mut provinces = BTreeMap::new();
    let mut prefectures = BTreeMap::new();
    for county in &counties {
        provinces.insert(county.code / 10_000 * 10_000, String::new());
        prefectures.insert(county.prefecture, String::new());
    }
    let resolve = |code: u32, names: &mut NameSources| -> Option<String> {
        if let Some(n) = census_names.get(&code) {
            names.from_census.push(code);
            return Some(n.to_string());
        }
        if let Some(n) = datav_names.get(&code) {
            names.from_datav.push(code);
            return Some(n.to_string());
        }
        None
    };
    for (code, name) in provinces.iter_mut() {
        *name = resolve(*code, &mut names).unwrap_or_default();
    }
    for (code, name) in prefectures.iter_mut() {
        if let Some(n) = resolve(*code, &mut names) {
            *name = n;
        } else if code / 100 % 100 == 90 {
            let province = provinces
                .get(&(code / 10_000 * 10_000))
                .cloned()
                .unwrap_or_default();
            let aggregate = census
                .uncoded
                .iter()
                .find(|(p, m, _)| *p == province && m.ends_with("直辖县级行政区划"))
                .map(|(_, m, _)| m.clone());
            *name = aggregate.unwrap_or_else(|| PSEUDO_PREFECTURE_NAME.to_string());
            names.pseudo.push((*code, name.clone()));
        }
    }
    let unnamed = provinces
        .iter()
        .chain(prefectures.iter())
        .find(|(_, n)| n.is_empty())
        .map(|(c, _)| *c);
    if let Some(code) = unnamed {
        return Err(BuildError::new(
            counties_file,
            0,
            "cityCode",
            format!("2023 年区划 {code:06} 在普查年鉴和 DataV 中都没有名称"),
            format!("2023 division {code:06} has no name in the census yearbook or DataV"),
        ));
    }
    Ok(Divisions {
        counties,
        provinces,
        prefectures,
        names,
    })
}
