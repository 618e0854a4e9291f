//! The 2023 township list (streets_township_2023.csv).

use std::collections::BTreeMap;

use super::table::Table;
use super::BuildError;

/// Townships by county code, each list in code order: (last three digits, name).
pub type Townships = BTreeMap<u32, Vec<(u32, String)>>;

pub fn read(file: &str, bytes: &[u8], counties: &[u32]) -> Result<Townships, BuildError> {
    let t = Table::read(file, bytes)?;
    let code_c = t.column("code")?;
    let name_c = t.column("name")?;
    let area_c = t.column("areaCode")?;
    let mut out: Townships = counties.iter().map(|c| (*c, Vec::new())).collect();
    for row in &t.rows {
        let code = t.digits(row, code_c, 9)?;
        let area = t.digits(row, area_c, 6)?;
        if code / 1000 != area {
            return Err(t.error(
                row,
                area_c,
                format!("乡级代码 {code:09} 不属于县级 {area:06}"),
                format!("township {code:09} does not lie in county {area:06}"),
            ));
        }
        let list = out.get_mut(&area).ok_or_else(|| {
            t.error(
                row,
                area_c,
                format!("县级代码 {area:06} 不在 2023 年县级名单中"),
                format!("county {area:06} is not in the 2023 county list"),
            )
        })?;
        list.push((code % 1000, t.name(row, name_c)?));
    }
    for (county, list) in out.iter_mut() {
        list.sort_by_key(|(suffix, _)| *suffix);
        if let Some(w) = list.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(BuildError::new(
                file,
                0,
                "code",
                format!("乡级代码 {county:06}{:03} 重复", w[0].0),
                format!("township {county:06}{:03} appears twice", w[0].0),
            ));
        }
    }
    Ok(out)
}
