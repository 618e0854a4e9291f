//! 输入上限 — how much of a file Junheng reads before it refuses it. Every reader checks these
//! before it allocates for what a file claims, so a hostile or careless file costs at most a
//! bounded amount of memory and time and ends in a located error naming the limit.
//!
//! Value domains (how many classes, beds, births … a row may claim) live in
//! `junheng_core::domain::limits`; this module bounds the files themselves.

/// CSV and other delimited text tables. The largest table Junheng reads is the 7th-census
/// county yearbook (2.8 MB, 2,900 rows × 83 columns); 32 MiB leaves ten times that.
pub const MAX_CSV_BYTES: usize = 32 << 20;

/// XLSX workbooks as uploaded (compressed). A sheet at the cell limit below compresses to a
/// few MB; 16 MiB bounds the zip directory calamine parses before any check of ours.
pub const MAX_XLSX_BYTES: usize = 16 << 20;

/// Bytes of XML inflated from one XLSX workbook (all parts together). A sheet of
/// [`MAX_CELLS`] cells is 40–100 MB of XML; more means a zip bomb or something that is not a
/// planner's table.
pub const MAX_XLSX_XML_BYTES: u64 = 128 << 20;

/// Parts (files) in one XLSX zip. Excel writes a dozen; a template with pictures a few dozen.
pub const MAX_XLSX_PARTS: usize = 1_000;

/// Data rows of a table (the header not counted). A county's facility list has hundreds, the
/// census yearbook 2,900, a migration file by year × sex × age 16,000.
pub const MAX_ROWS: usize = 100_000;

/// Columns of a table. The census yearbook has 83.
pub const MAX_COLUMNS: usize = 256;

/// Cells of a table counted as rows × columns (the rectangle a sheet spans): every cell costs
/// a string even when empty, so 3 million keeps a table under about 150 MB while a full
/// facility template (23 columns) may still fill all of [`MAX_ROWS`].
pub const MAX_CELLS: usize = 3_000_000;

/// Characters in one cell. Names of facilities and townships are tens of characters; 1,000
/// allows a long remark while refusing a pasted document.
pub const MAX_CELL_CHARS: usize = 1_000;

/// Located errors listed for one file. A planner fixes a file from the first screenful; the
/// rest are counted in one final line. 200 also bounds the memory of a file where every cell
/// is wrong.
pub const MAX_ERRORS: usize = 200;

/// GeoJSON files (township boundaries). A county's townships at survey resolution are a few
/// MB; 32 MiB is ten times that while keeping the parsed document (about ten times the text)
/// within a few hundred MB.
pub const MAX_GEOJSON_BYTES: usize = 32 << 20;

/// Nesting depth of a JSON document: a FeatureCollection of MultiPolygons needs 7 (collection,
/// features, feature, geometry, polygons, rings, points) plus its properties; deeper is not
/// GeoJSON, and the depth is checked before parsing so the parser cannot exhaust the stack.
pub const MAX_JSON_DEPTH: usize = 32;

/// JSON values (numbers, strings, arrays, objects) in one document, counted before parsing:
/// each costs about 32 bytes once parsed, so 4 million bound the document to about 128 MB.
pub const MAX_JSON_VALUES: usize = 4_000_000;

/// Features in one boundary file. A county has at most a few hundred townships.
pub const MAX_FEATURES: usize = 5_000;

/// Rings (outer boundaries and holes) over all features of one file.
pub const MAX_RINGS: usize = 20_000;

/// Vertices over all rings of one file: a county's townships at 1 m detail have a few hundred
/// thousand.
pub const MAX_VERTICES: usize = 1_000_000;

/// A norm override file: the whole national catalogue overridden is about 10 KB.
pub const MAX_OVERRIDES_BYTES: usize = 1 << 20;

/// Lines of a benchmark optima table (the largest, `mclp/optimal.tsv`, has 148 rows).
pub const MAX_OPTIMA_ROWS: usize = 10_000;

/// Engine benchmark files (OR-Library, Lorena–Senne, SJC, Swain). The largest published
/// instance (pmed40, 900 vertices and 8,100 edges) is 90 KB.
pub const MAX_ENGINE_FILE_BYTES: usize = 16 << 20;

/// Distances a location problem holds (points × points, 8 bytes each): 16 million is 128 MB
/// and 4,000 points, four times the largest published p-median instance. The header's point
/// count is checked against it before anything is allocated.
pub const MAX_DISTANCE_PAIRS: usize = 16_000_000;

/// Edges of an OR-Library graph: at most one per ordered pair of vertices.
pub const MAX_EDGES: usize = MAX_DISTANCE_PAIRS;

/// Numbers on one line of an engine file: the formats have at most 4 per line.
pub const MAX_NUMBERS_PER_LINE: usize = 16;

/// Text files of any kind passed to [`crate::decode_text`]: the largest of the kinds above.
pub const MAX_TEXT_BYTES: usize = MAX_CSV_BYTES;

// A table of 20 columns may have every row the row limit allows; every text kind decodes
// within the text limit.
const _: () = assert!(MAX_ROWS * 30 <= MAX_CELLS);
const _: () =
    assert!(MAX_TEXT_BYTES >= MAX_GEOJSON_BYTES && MAX_TEXT_BYTES >= MAX_ENGINE_FILE_BYTES);

/// The located error for a file above its byte limit.
pub fn too_big(
    file: &str,
    len: usize,
    max: usize,
    kind_zh: &str,
    kind_en: &str,
) -> crate::CellError {
    crate::CellError::new(
        file,
        1,
        "",
        "",
        format!(
            "文件过大：{kind_zh}最大 {}，此文件 {}",
            human_bytes(max),
            human_bytes(len)
        ),
        format!(
            "file too large: {kind_en} files may be at most {}, this one is {}",
            human_bytes(max),
            human_bytes(len)
        ),
    )
}

/// Bytes as KiB/MiB for messages.
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// Reads a file from disk, refusing it before reading when it is larger than `max` bytes (and
/// reading at most `max + 1` bytes should it grow meanwhile).
pub fn read_file_limited(
    path: &std::path::Path,
    max: usize,
    kind_zh: &str,
    kind_en: &str,
) -> Result<Vec<u8>, crate::InputErrors> {
    use std::io::Read;
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        crate::InputErrors::single(crate::CellError::new(
            &shown,
            1,
            "",
            "",
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        ))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > max as u64 {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        return Err(crate::InputErrors::single(too_big(
            &shown, len, max, kind_zh, kind_en,
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > max {
        return Err(crate::InputErrors::single(too_big(
            &shown,
            bytes.len(),
            max,
            kind_zh,
            kind_en,
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_its_limit_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'1'; 2048]).unwrap();
        let e = read_file_limited(&p, 1024, "引擎", "engine").unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            format!(
                "{}:1:: file too large: engine files may be at most 1.0 KiB, this one is 2.0 KiB",
                p.display()
            )
        );
        assert_eq!(read_file_limited(&p, 2048, "", "").unwrap().len(), 2048);
    }

    #[test]
    fn the_distance_limit_is_4000_points() {
        assert_eq!((MAX_DISTANCE_PAIRS as f64).sqrt() as usize, 4_000);
    }
}
