//! The builder of data/reference/national.bin (feature `build`): reads the committed sources,
//! checks every row, and writes the binary deterministically — the same sources give the same
//! bytes, which the rebuild test holds the committed file to.

mod bulletins;
mod census;
mod divisions;
mod error;
mod geo;
mod initials;
mod sources;
mod table;
mod townships;

use std::collections::BTreeSet;
use std::path::Path;

pub use divisions::{NameSources, PSEUDO_PREFECTURE_NAME};
pub use error::BuildError;
pub use initials::{initials, NAME_READINGS};
pub use table::{MAX_COUNT, MAX_NAME_CHARS, MAX_ROWS, MAX_SOURCE_BYTES};

use crate::format::Writer;
use crate::layout::write_census_row;

/// Repository-relative paths of the inputs and the output.
pub mod paths {
    pub const COUNTIES: &str = "data/reference/sources/china_admin_codes/areas_county_2023.csv";
    pub const TOWNSHIPS: &str =
        "data/reference/sources/china_admin_codes/streets_township_2023.csv";
    pub const CENSUS: &str = "data/census/china_census2020_county_yearbook.csv";
    pub const OUTLINES: &str = "data/reference/sources/china_county_boundaries_datav/china_counties_datav_simplified_0.003deg.geojson";
    pub const CENTROIDS: &str =
        "data/reference/sources/china_county_boundaries_datav/china_admin_centroids_datav.csv";
    pub const BULLETINS: &str =
        "data/reference/sources/china_township_census2020/china_township_pop2020_bulletins.csv";
    pub const README: &str = "data/reference/README.md";
    pub const OUTPUT: &str = "data/reference/national.bin";
}

/// The source files, read whole. Tests build from altered copies.
#[derive(Clone)]
pub struct Inputs {
    pub counties: Vec<u8>,
    pub townships: Vec<u8>,
    pub census: Vec<u8>,
    pub outlines: Vec<u8>,
    pub centroids: Vec<u8>,
    pub bulletins: Vec<u8>,
    pub readme: Vec<u8>,
}

fn read_file(root: &Path, rel: &str) -> Result<Vec<u8>, BuildError> {
    let path = root.join(rel);
    let too_big = |n: u64| {
        BuildError::new(
            rel,
            0,
            "",
            format!("文件 {n} 字节，超过 {MAX_SOURCE_BYTES} 字节上限"),
            format!("file of {n} bytes exceeds the {MAX_SOURCE_BYTES}-byte limit"),
        )
    };
    let unreadable = |e: std::io::Error| {
        BuildError::new(
            rel,
            0,
            "",
            format!("无法读取：{e}"),
            format!("cannot read: {e}"),
        )
    };
    let len = std::fs::metadata(&path).map_err(unreadable)?.len();
    if len > MAX_SOURCE_BYTES as u64 {
        return Err(too_big(len));
    }
    std::fs::read(&path).map_err(unreadable)
}

impl Inputs {
    /// Reads the committed sources under the repository root.
    pub fn read(root: &Path) -> Result<Inputs, BuildError> {
        Ok(Inputs {
            counties: read_file(root, paths::COUNTIES)?,
            townships: read_file(root, paths::TOWNSHIPS)?,
            census: read_file(root, paths::CENSUS)?,
            outlines: read_file(root, paths::OUTLINES)?,
            centroids: read_file(root, paths::CENTROIDS)?,
            bulletins: read_file(root, paths::BULLETINS)?,
            readme: read_file(root, paths::README)?,
        })
    }
}

/// What the builder found, for its log and the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub counties: usize,
    pub provinces: usize,
    pub prefectures: usize,
    pub townships: usize,
    pub census_counties: usize,
    pub census_divisions: usize,
    pub census_uncoded_skipped: usize,
    pub outlines: usize,
    pub seats: usize,
    pub bulletin_counties: usize,
    pub bulletin_rows: usize,
    pub names: NameSources,
    pub body_bytes: usize,
    pub file_bytes: usize,
}

/// national.bin and what went into it.
pub struct Built {
    pub bytes: Vec<u8>,
    pub report: Report,
}

/// Builds national.bin from the sources.
pub fn build(inputs: &Inputs) -> Result<Built, BuildError> {
    let census = census::read(paths::CENSUS, &inputs.census)?;
    let centroids = geo::read_centroids(paths::CENTROIDS, &inputs.centroids)?;
    let counties = divisions::read_counties(paths::COUNTIES, &inputs.counties)?;
    let divisions = divisions::name(paths::COUNTIES, counties, &census, &centroids)?;
    let county_codes: Vec<u32> = divisions.counties.iter().map(|c| c.code).collect();
    let townships = townships::read(paths::TOWNSHIPS, &inputs.townships, &county_codes)?;
    let outlines = geo::read_outlines(paths::OUTLINES, &inputs.outlines)?;
    let bulletins = bulletins::read(
        paths::BULLETINS,
        &inputs.bulletins,
        &townships,
        &census.counties,
    )?;
    let readme = std::str::from_utf8(&inputs.readme)
        .map_err(|_| BuildError::new(paths::README, 0, "", "不是 UTF-8 文本", "not UTF-8 text"))?;
    let required = [
        paths::COUNTIES,
        paths::TOWNSHIPS,
        paths::CENSUS,
        paths::OUTLINES,
        paths::CENTROIDS,
        paths::BULLETINS,
    ];
    let sources = sources::read(paths::README, readme, &required)?;

    let names: BTreeSet<&str> = divisions.counties.iter().map(|c| c.name.as_str()).collect();
    let stale = initials::stale_readings(&names);
    if !stale.is_empty() {
        return Err(BuildError::new(
            paths::COUNTIES,
            0,
            "name",
            format!("地名读音表中的名称不在 2023 年名单中或字母数不符：{stale:?}"),
            format!("place-name readings not in the 2023 list or of the wrong length: {stale:?}"),
        ));
    }

    let mut w = Writer::default();
    w.u64(sources.len() as u64);
    for s in &sources {
        for field in [
            &s.dataset, &s.file, &s.origin, &s.licence, &s.vintage, &s.trust,
        ] {
            w.str(field);
        }
    }
    for list in [&divisions.provinces, &divisions.prefectures] {
        w.u64(list.len() as u64);
        for (code, name) in list {
            w.u64(u64::from(*code));
            w.str(name);
        }
    }
    w.u64(divisions.counties.len() as u64);
    for c in &divisions.counties {
        w.u64(u64::from(c.code));
        w.str(&c.name);
        w.u64(u64::from(c.prefecture));
        w.str(&initials::initials(&c.name));
    }
    for c in &divisions.counties {
        let list = &townships[&c.code];
        w.u64(list.len() as u64);
        for (suffix, name) in list {
            w.u64(u64::from(*suffix));
            w.str(name);
        }
    }
    for rows in [&census.counties, &census.divisions] {
        w.u64(rows.len() as u64);
        for row in rows {
            write_census_row(&mut w, row);
        }
    }
    w.u64(centroids.len() as u64);
    for c in &centroids {
        w.u64(u64::from(c.code));
        w.i64(c.center.0);
        w.i64(c.center.1);
    }
    w.u64(outlines.len() as u64);
    for o in &outlines {
        w.u64(u64::from(o.code));
        w.block(crate::outline::encode(o.multi, &o.polygons));
    }
    w.u64(bulletins.len() as u64);
    for b in &bulletins {
        w.u64(b.county_code.parse().expect("six digits"));
        w.u64(b.county_total);
        w.str(&b.source_url);
        w.str(&b.source_kind);
        w.u64(b.rows.len() as u64);
        for r in &b.rows {
            w.str(&r.name_2020);
            w.u64(
                r.code_2023
                    .as_deref()
                    .map_or(0, |c| c.parse().expect("nine digits")),
            );
            w.str(r.name_2023.as_deref().unwrap_or(""));
            w.u64(r.population_2020);
            w.str(&r.note);
        }
    }

    let body_bytes = w.bytes.len();
    let bytes = w.finish();
    let report = Report {
        counties: divisions.counties.len(),
        provinces: divisions.provinces.len(),
        prefectures: divisions.prefectures.len(),
        townships: townships.values().map(Vec::len).sum(),
        census_counties: census.counties.len(),
        census_divisions: census.divisions.len(),
        census_uncoded_skipped: census.uncoded.len(),
        outlines: outlines.len(),
        seats: centroids.len(),
        bulletin_counties: bulletins.len(),
        bulletin_rows: bulletins.iter().map(|b| b.rows.len()).sum(),
        names: divisions.names,
        body_bytes,
        file_bytes: bytes.len(),
    };
    Ok(Built { bytes, report })
}

/// The repository root, from this crate's location (crates/reference).
pub fn repo_root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
