//! 输入文件 — the files a host reads by path (the command line's engine inputs, override files,
//! imports): each refused above its byte limit before it is read, then parsed by the reader of
//! its format, every error located (file, line or row, column).

use std::collections::BTreeMap;
use std::path::Path;

use junheng_core::locate::Problem;
use junheng_core::projection::SingleAges;
use junheng_core::standards::{Catalogue, StandardsError};
use junheng_core::SchoolSection;

use crate::limits::{
    read_file_limited, MAX_CSV_BYTES, MAX_ENGINE_FILE_BYTES, MAX_GEOJSON_BYTES, MAX_OVERRIDES_BYTES,
};
use crate::{decode_text, CellError, CensusRow, CoverPoints, InputErrors};

/// A file as shown in messages, with its bytes.
pub struct FileBytes {
    pub shown: String,
    pub bytes: Vec<u8>,
}

fn read(path: &Path, max: usize, kind_zh: &str, kind_en: &str) -> Result<FileBytes, InputErrors> {
    Ok(FileBytes {
        shown: path.display().to_string(),
        bytes: read_file_limited(path, max, kind_zh, kind_en)?,
    })
}

/// A CSV (UTF-8/GBK) or XLSX table within [`MAX_CSV_BYTES`] (the XLSX reader applies its own,
/// smaller, limits).
pub fn read_table_file(path: &Path) -> Result<FileBytes, InputErrors> {
    read(path, MAX_CSV_BYTES, "表格", "table")
}

/// A plain-text benchmark instance within [`MAX_ENGINE_FILE_BYTES`].
pub fn read_instance_file(path: &Path) -> Result<FileBytes, InputErrors> {
    read(path, MAX_ENGINE_FILE_BYTES, "实例", "instance")
}

/// A file to import (CSV, XLSX or GeoJSON), within the largest limit of those kinds; the
/// import's own reader then applies the limit of its kind.
pub fn read_import_file(path: &Path) -> Result<FileBytes, InputErrors> {
    read(path, MAX_CSV_BYTES.max(MAX_GEOJSON_BYTES), "导入", "import")
}

/// OR-Library p-median graph (see [`crate::read_orlib`]).
pub fn read_orlib_file(path: &Path) -> Result<Problem, InputErrors> {
    let f = read_instance_file(path)?;
    crate::read_orlib(&f.shown, &f.bytes)
}

/// Lorena–Senne capacitated instance (see [`crate::read_lorena`]).
pub fn read_lorena_file(path: &Path) -> Result<Problem, InputErrors> {
    let f = read_instance_file(path)?;
    crate::read_lorena(&f.shown, &f.bytes)
}

/// OR-Library pmedcap1 instance and its optimum (see [`crate::read_beasley_cap`]).
pub fn read_beasley_cap_file(path: &Path) -> Result<(Problem, f64), InputErrors> {
    let f = read_instance_file(path)?;
    crate::read_beasley_cap(&f.shown, &f.bytes)
}

/// MCLP/LSCP points table `id,x,y,demand[,candidate][,fixed]` (see [`crate::read_cover_points`]).
pub fn read_cover_points_file(path: &Path, haversine: bool) -> Result<CoverPoints, InputErrors> {
    let f = read_table_file(path)?;
    crate::read_cover_points(&f.shown, &f.bytes, haversine)
}

/// Lorena–Pereira SJC instance (see [`crate::read_sjc_points`]).
pub fn read_sjc_file(path: &Path) -> Result<CoverPoints, InputErrors> {
    let f = read_instance_file(path)?;
    crate::read_sjc_points(&f.shown, &f.bytes)
}

/// Swain's `swain.dat` (see [`crate::read_swain`]).
pub fn read_swain_file(path: &Path) -> Result<CoverPoints, InputErrors> {
    let f = read_instance_file(path)?;
    crate::read_swain(&f.shown, &f.bytes)
}

/// 第七次人口普查 county yearbook table (see [`crate::read_census`]).
pub fn read_census_file(path: &Path) -> Result<Vec<CensusRow>, InputErrors> {
    let f = read_table_file(path)?;
    crate::read_census(&f.shown, &f.bytes)
}

/// Known births `year,births` (see [`crate::read_births`]).
pub fn read_births_file(path: &Path) -> Result<BTreeMap<i32, f64>, InputErrors> {
    let f = read_table_file(path)?;
    crate::read_births(&f.shown, &f.bytes)
}

/// Net migration `year,sex,age,net` (see [`crate::read_migration`]).
pub fn read_migration_file(path: &Path) -> Result<BTreeMap<i32, SingleAges>, InputErrors> {
    let f = read_table_file(path)?;
    crate::read_migration(&f.shown, &f.bytes)
}

/// School sections in the `balance` layout (see [`crate::read_school_sections`]).
pub fn read_school_sections_file(path: &Path) -> Result<Vec<SchoolSection>, InputErrors> {
    let f = read_table_file(path)?;
    crate::read_school_sections(&f.shown, &f.bytes)
}

/// 标准覆盖文件 — a provincial or county override file (TOML, or JSON by its extension) applied
/// to `base` all or nothing; a syntax error names its line, a bad override its position and id.
pub fn read_overrides_file(path: &Path, base: &Catalogue) -> Result<Catalogue, InputErrors> {
    let f = read(path, MAX_OVERRIDES_BYTES, "标准覆盖", "override")?;
    let (text, _) = decode_text(&f.shown, &f.bytes)?;
    base.with_overrides(&text, &f.shown)
        .map_err(|e| InputErrors::single(override_error(&f.shown, &text, &e)))
}

/// The 1-based line of the first mention of `id` in quotes (the override entry that names it);
/// line 1 when the file does not spell it that way.
fn line_of(text: &str, id: &str) -> usize {
    let quoted = format!("\"{id}\"");
    text.lines()
        .position(|l| l.contains(&quoted))
        .map_or(1, |k| k + 1)
}

fn override_error(file: &str, text: &str, e: &StandardsError) -> CellError {
    match e {
        StandardsError::Syntax {
            line,
            format,
            message,
            ..
        } => CellError::new(
            file,
            (*line).max(1),
            "",
            "",
            format!("不是有效的 {format}：{message}"),
            format!("not valid {format}: {message}"),
        ),
        StandardsError::UnknownId { id, .. } => CellError::new(
            file,
            line_of(text, id),
            "id",
            id,
            format!("标准库中没有编号为 {id} 的标准"),
            format!("unknown norm id `{id}`"),
        ),
        StandardsError::OutOfRange {
            id,
            value,
            unit,
            range,
            ..
        } => CellError::new(
            file,
            line_of(text, id),
            "value",
            &value.to_string(),
            format!("{id} 的取值超出允许范围 {range} {unit}"),
            format!("{id}: outside the allowed range {range} {unit}"),
        ),
        StandardsError::Invalid { id, message, .. } => CellError::new(
            file,
            line_of(text, id),
            "",
            "",
            format!("{id}：{message}"),
            format!("{id}: {message}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, body: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    fn first(e: InputErrors) -> String {
        e.0[0].located("en")
    }

    #[test]
    fn an_instance_file_names_its_bad_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "g.txt", b"3 2 1\n1 2 5\n1 9 4\n");
        let shown = p.display().to_string();
        let e = first(read_orlib_file(&p).err().unwrap());
        assert_eq!(e, format!("{shown}:3:v: vertex out of 1..3 (value: \"9\")"));
        let p = write(&dir, "s.txt", b"2 1\n0 0 5 x\n");
        let e = first(read_lorena_file(&p).err().unwrap());
        assert!(e.contains("s.txt:2:"), "{e}");
    }

    #[test]
    fn a_table_file_names_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "b.csv", b"year,births\n2021,abc\n");
        let e = first(read_births_file(&p).err().unwrap());
        assert!(e.contains("b.csv:2:births: "), "{e}");
        let p = write(&dir, "pts.csv", b"id,x,y,demand\na,0,0,1\nb,1,zz,1\n");
        let e = first(read_cover_points_file(&p, false).err().unwrap());
        assert!(e.contains("pts.csv:3:y: "), "{e}");
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("none.csv");
        let e = first(read_census_file(&p).err().unwrap());
        assert!(e.contains("none.csv:1:: cannot read the file"), "{e}");
    }

    #[test]
    fn an_override_file_is_limited_and_its_errors_located() {
        let dir = tempfile::tempdir().unwrap();
        let national = Catalogue::national();
        // TOML syntax: the line is named.
        let p = write(&dir, "o.toml", b"[[override]]\nid = \"x\"\nvalue = = 3\n");
        let e = first(read_overrides_file(&p, &national).err().unwrap());
        assert!(e.contains("o.toml:3:: not valid TOML"), "{e}");
        // An unknown id: the entry and the id are named.
        let p = write(
            &dir,
            "u.toml",
            b"[[override]]\nid = \"no.such\"\nvalue = 3\nsource = \"s\"\n",
        );
        let e = first(read_overrides_file(&p, &national).err().unwrap());
        assert!(
            e.starts_with(&format!("{}:2:id: unknown norm id", p.display())),
            "{e}"
        );
        // Above the limit: refused before it is read.
        let big = vec![b'#'; MAX_OVERRIDES_BYTES + 1];
        let p = write(&dir, "big.toml", &big);
        let e = first(read_overrides_file(&p, &national).err().unwrap());
        assert!(e.contains("big.toml:1:: file too large"), "{e}");
        // A good one applies.
        let p = write(
            &dir,
            "ok.toml",
            b"[[override]]\nid = \"elderly.beds_per_1000_elderly\"\nvalue = 45\nsource = \"s\"\n",
        );
        let c = read_overrides_file(&p, &national).unwrap();
        assert_eq!(c.value("elderly.beds_per_1000_elderly"), 45.0);
    }
}
