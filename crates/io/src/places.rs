//! 村/社区 points — where people live, with their 常住人口, so that the demand grid puts
//! residents at their settlements instead of spreading them over the land.

use std::collections::HashSet;

use junheng_core::geo::{to_stored_frame, Crs};
use junheng_core::{LonLat, Place};

use crate::{ColumnMap, InputErrors, LocationCheck, Table};

/// Chinese headers of the village/community template and the columns they stand for.
pub const PLACE_HEADER_ALIASES: [(&str, &str); 5] = [
    ("村/社区代码", "code"),
    ("名称", "name"),
    ("经度", "lon"),
    ("纬度", "lat"),
    ("常住人口", "population"),
];

/// Required columns of a village/community file.
pub const PLACE_COLUMNS: [&str; 5] = ["code", "name", "lon", "lat", "population"];

/// Largest population one village/community point may hold (a very large 社区 is ~100,000).
pub const MAX_PLACE_POPULATION: u32 = 1_000_000;

/// Reads village/community points (CSV UTF-8/GBK or XLSX). Codes are unique, coordinates are
/// converted from `crs` into the stored frame (GCJ-02) and must pass `inside` (the county), and
/// populations are whole numbers. Every bad cell is reported.
pub fn read_places_mapped(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    crs: Crs,
    inside: LocationCheck,
) -> Result<Vec<Place>, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&PLACE_HEADER_ALIASES);
    let cols = table.columns(&PLACE_COLUMNS)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let code = r.required("code");
        if !code.is_empty() && !seen.insert(code.clone()) {
            r.error("code", "代码重复", "duplicate code");
        }
        let name = r.required("name");
        let (lon, lat) = (
            r.number_in("lon", 73.0, 136.0),
            r.number_in("lat", 3.0, 54.0),
        );
        let (x, y) = to_stored_frame(crs, lon, lat);
        if lon != 0.0 && lat != 0.0 && !inside(x, y) {
            r.error(
                "lon",
                "该点不在本县范围内（请检查经纬度和坐标系）",
                "the point is outside the county (check the coordinates and their frame)",
            );
        }
        let population = r.count("population");
        if population > MAX_PLACE_POPULATION {
            r.error(
                "population",
                format!("常住人口超出范围（0–{MAX_PLACE_POPULATION}）"),
                format!("population out of range (0–{MAX_PLACE_POPULATION})"),
            );
        }
        out.push(Place {
            code,
            name,
            township_code: None,
            location: LonLat { lon: x, lat: y },
            population: u64::from(population),
        });
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_points_and_locates_every_bad_cell() {
        let ok = "村/社区代码,名称,经度,纬度,常住人口\n331125001001,城东社区,119.57,28.11,3200\n";
        let p = read_places_mapped(
            "p.csv",
            ok.as_bytes(),
            &ColumnMap::new(),
            Crs::Gcj02,
            &|_, _| true,
        )
        .unwrap();
        assert_eq!(p[0].population, 3200);
        assert_eq!(
            p[0].location,
            LonLat {
                lon: 119.57,
                lat: 28.11
            }
        );
        let bad = "code,name,lon,lat,population\nA,甲,119.5,28.1,-3\nA,乙,200,28.1,10\nB,,119.5,28.1,5\nC,丙,119.9,28.1,5\n";
        let inside = |lon: f64, _lat: f64| lon < 119.8;
        let err = read_places_mapped(
            "p.csv",
            bad.as_bytes(),
            &ColumnMap::new(),
            Crs::Gcj02,
            &inside,
        )
        .unwrap_err();
        let got: Vec<String> = err
            .0
            .iter()
            .map(|e| format!("{}:{}", e.row, e.column))
            .collect();
        assert_eq!(got, ["2:population", "3:code", "3:lon", "4:name", "5:lon"]);
    }
}
