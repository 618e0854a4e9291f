//! Body layout of national.bin, format version 1, shared by the reader and the builder.
//!
//! Sections, in this order (`n` is a varint count, codes are varints of their digits, strings
//! are length-prefixed UTF-8):
//! 1. sources: n × (dataset, file, origin, licence, vintage, trust)
//! 2. provinces: n × (code, name); 3. prefectures: n × (code, name) — the 2023 divisions
//! 4. counties: n × (code, name, prefecture code, initials), code order
//! 5. townships: for each county in order: n × (last three code digits, name)
//! 6. census county rows, then 7. census province/prefecture rows: n × (code, name, province,
//!    prefecture, total, urban+1 or 0, rural+1 or 0, 19 male bands, 19 female bands)
//! 8. seats: n × (code, center lon, lat in 1e-6°, zigzag)
//! 9. outlines: n × (code, block) — a block is length-prefixed so it is skipped at open and
//!    decoded only when asked for: kind (0 Polygon, 1 MultiPolygon), polygons, rings, points
//!    as zigzag deltas of 1e-4° integers (the source's own precision) from the previous point
//! 10. bulletins: n × (county code, county total, url, kind, n × (name 2020, code 2023 or 0,
//!     name 2023, population, note))

use junheng_core::{AgeSexBands, BAND_COUNT};

use crate::format::Reader;
use crate::{CensusCounty, ReferenceError};

/// Coordinates of outlines are integers in units of 1e-4 degree.
pub const OUTLINE_SCALE: f64 = 1e4;
/// Seats are integers in units of 1e-6 degree (the centroid file prints six decimals).
pub const SEAT_SCALE: f64 = 1e6;

pub const GEOMETRY_POLYGON: u64 = 0;
pub const GEOMETRY_MULTIPOLYGON: u64 = 1;

/// Code as written in the body (its digits as a number) back to text of the given width.
pub fn code_text(code: u32, width: usize) -> String {
    format!("{code:0width$}")
}

/// Reads one census row; `current` is settled later against the 2023 list.
pub fn read_census_row(r: &mut Reader<'_>) -> Result<CensusCounty, ReferenceError> {
    let code = code_text(r.u32()?, 6);
    let name = r.string()?;
    let province = r.string()?;
    let prefecture = r.string()?;
    let total = r.u64()?;
    let optional = |v: u64| v.checked_sub(1);
    let urban = optional(r.u64()?);
    let rural = optional(r.u64()?);
    let mut population = AgeSexBands::default();
    for i in 0..BAND_COUNT {
        population.male[i] = r.u64()?;
    }
    for i in 0..BAND_COUNT {
        population.female[i] = r.u64()?;
    }
    Ok(CensusCounty {
        code,
        name,
        province,
        prefecture,
        total,
        urban,
        rural,
        population,
        current: false,
    })
}

/// The writing side of [`read_census_row`].
#[cfg(feature = "build")]
pub fn write_census_row(w: &mut crate::format::Writer, row: &CensusCounty) {
    w.u64(row.code.parse().expect("checked six digits"));
    w.str(&row.name);
    w.str(&row.province);
    w.str(&row.prefecture);
    w.u64(row.total);
    w.u64(row.urban.map_or(0, |v| v + 1));
    w.u64(row.rural.map_or(0, |v| v + 1));
    for v in row
        .population
        .male
        .iter()
        .chain(row.population.female.iter())
    {
        w.u64(*v);
    }
}
