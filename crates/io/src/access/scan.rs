//! Row scanning shared by the three access files: CSV records split as bytes (UTF-8 cells
//! borrowed, GBK cells decoded), XLSX rows through [`Table`], required columns by header, and
//! the per-file error list with its cap.

use std::io::Read;
use std::path::Path;

use encoding_rs::GB18030;

use super::{MAX_ACCESS_ERRORS, MAX_ACCESS_ROW_BYTES};
use crate::csv_bytes::{CsvBytes, SplitError};
use crate::{CellError, Table};

/// One file's errors, at most [`MAX_ACCESS_ERRORS`] listed and the rest counted, so a file of a
/// million bad rows cannot exhaust memory with messages.
pub(super) struct Errors {
    file: String,
    pub(super) list: Vec<CellError>,
    pub(super) more: usize,
    pub(super) first_more_row: usize,
}

impl Errors {
    pub(super) fn new(file: &str) -> Errors {
        Errors {
            file: file.to_string(),
            list: Vec::new(),
            more: 0,
            first_more_row: 0,
        }
    }

    pub(super) fn push(&mut self, row: usize, column: &str, value: &str, zh: String, en: String) {
        if self.list.len() < MAX_ACCESS_ERRORS {
            self.list
                .push(CellError::new(&self.file, row, column, value, zh, en));
        } else {
            if self.more == 0 {
                self.first_more_row = row;
            }
            self.more += 1;
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The errors in row order (stable, so a row's own order stays), then the count line.
    pub(super) fn into_vec(mut self) -> Vec<CellError> {
        self.list.sort_by_key(|e| e.row);
        if self.more > 0 {
            let more = self.more;
            self.list.push(CellError::new(
                &self.file,
                self.first_more_row,
                "",
                "",
                format!("另有 {more} 处错误未列出（每个文件最多列出 {MAX_ACCESS_ERRORS} 处）"),
                format!("{more} more errors not listed (at most {MAX_ACCESS_ERRORS} per file)"),
            ));
        }
        self.list
    }
}

/// A non-negative finite number, with the messages of [`crate::RowReader::amount`].
pub(super) fn amount(text: &str) -> Result<f64, (&'static str, &'static str)> {
    if text.is_empty() {
        return Err((
            "不能为空，应为非负数",
            "must not be empty: expected a non-negative number",
        ));
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        Ok(x) if x < 0.0 => Err((
            "应为非负数，不能为负数",
            "expected a non-negative number, got a negative one",
        )),
        _ => Err(("应为数字", "expected a number")),
    }
}

pub(super) fn unreadable(file: &str, e: impl std::fmt::Display) -> CellError {
    CellError::new(
        file,
        1,
        "",
        "",
        format!("无法读取文件：{e}"),
        format!("cannot read the file: {e}"),
    )
}

pub(super) fn too_large(file: &str, size: u64, max: u64) -> CellError {
    let mib = |b: u64| b / (1 << 20);
    CellError::new(
        file,
        1,
        "",
        "",
        format!(
            "文件过大（{} MiB），此类文件最大 {} MiB",
            mib(size),
            mib(max)
        ),
        format!(
            "the file is too large ({} MiB); at most {} MiB for this kind of file",
            mib(size),
            mib(max)
        ),
    )
}

pub(super) fn is_xlsx(path: &Path) -> bool {
    path.to_string_lossy().to_lowercase().ends_with(".xlsx")
}

/// Positions of the required columns in a header (cells trimmed, BOM removed). A missing or
/// repeated required column is an error at row 1 naming it.
pub(super) fn positions<const N: usize>(
    headers: &[String],
    required: [&str; N],
    errors: &mut Errors,
) -> Option<[usize; N]> {
    let mut at = [0usize; N];
    let mut ok = true;
    for (k, name) in required.iter().enumerate() {
        let found: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim_start_matches('\u{feff}') == *name)
            .map(|(i, _)| i)
            .collect();
        match found[..] {
            [i] => at[k] = i,
            [] => {
                ok = false;
                errors.push(
                    1,
                    name,
                    "",
                    format!("缺少必需的列 “{name}”"),
                    format!("missing required column `{name}`"),
                );
            }
            [a, b, ..] => {
                ok = false;
                errors.push(
                    1,
                    name,
                    "",
                    format!("列 “{name}” 出现多次（第 {} 列和第 {} 列）", a + 1, b + 1),
                    format!(
                        "column `{name}` appears more than once (columns {} and {})",
                        a + 1,
                        b + 1
                    ),
                );
            }
        }
    }
    ok.then_some(at)
}

/// `str::trim` (Unicode white space, e.g. the full-width U+3000), skipped when the cell starts
/// and ends with a visible ASCII character, as ids and numbers do.
#[inline]
pub(super) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// What a row handler asks of the scan.
#[derive(PartialEq)]
pub(super) enum Flow {
    Go,
    Stop,
}

/// The file is not UTF-8: read it again as GBK.
pub(super) struct NotUtf8;

/// How a CSV scan ended.
pub(super) struct ScanEnd {
    /// The required columns were found in the header (or given).
    pub(super) header: bool,
    /// The line after the last one read (1 + line breaks read).
    pub(super) next_line: usize,
    /// The input was read to its end, which closed a line (not inside a quoted cell).
    pub(super) clean: bool,
}

/// Calls `row(line, cells, errors)` for every non-blank CSV record after the header, with the
/// required cells trimmed. `columns` = positions already known (a scan that starts after the
/// header, mid-file); `None` reads them from the first non-blank record. `gbk` decodes every
/// cell from GB18030; otherwise a cell that is not UTF-8 ends the scan with [`NotUtf8`] (the
/// caller starts again as GBK, the rule of [`crate::decode_text`]: UTF-8 unless any byte says
/// otherwise).
pub(super) fn scan_csv<R: Read, const N: usize>(
    src: R,
    required: [&str; N],
    columns: Option<[usize; N]>,
    gbk: bool,
    errors: &mut Errors,
    mut row: impl FnMut(usize, [&str; N], &mut Errors) -> Flow,
) -> Result<ScanEnd, NotUtf8> {
    let bad_text = |errors: &mut Errors, line: usize| {
        errors.push(
            line,
            "",
            "",
            "文件既不是 UTF-8 也不是 GBK 编码的文本".into(),
            "the file is neither UTF-8 nor GBK text".into(),
        );
    };
    let split_error = |errors: &mut Errors, e: SplitError| match e {
        SplitError::Io(e) => errors.push(
            1,
            "",
            "",
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        ),
        SplitError::TooLong { line } => errors.push(
            line,
            "",
            "",
            format!("此行超过 {MAX_ACCESS_ROW_BYTES} 字节（引号是否未闭合？）"),
            format!("the row is longer than {MAX_ACCESS_ROW_BYTES} bytes (an unclosed quote?)"),
        ),
    };
    let mut at = columns;
    let stopped = |at: Option<[usize; N]>, line: usize| ScanEnd {
        header: at.is_some(),
        next_line: line,
        clean: false,
    };
    let mut csv = match CsvBytes::new(src, MAX_ACCESS_ROW_BYTES) {
        Ok(c) => c,
        Err(e) => {
            split_error(errors, e);
            return Ok(stopped(None, 1));
        }
    };
    let mut cells: Vec<String> = Vec::new();
    loop {
        let line = match csv.next_record() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                split_error(errors, e);
                return Ok(stopped(at, csv.line()));
            }
        };
        let rec = &csv.record;
        // Decode: UTF-8 cells borrowed from the record, or GBK cells decoded into `cells`.
        let utf8 = if gbk {
            cells.clear();
            for k in 0..rec.len() {
                match GB18030.decode_without_bom_handling_and_without_replacement(rec.field(k)) {
                    Some(s) => cells.push(trim(&s).to_string()),
                    None => {
                        bad_text(errors, line);
                        return Ok(stopped(at, csv.line()));
                    }
                }
            }
            ""
        } else {
            // One check for the record; a cell boundary inside a character (a byte cut by a
            // delimiter) then shows as a failed `get` below.
            match std::str::from_utf8(&rec.data) {
                Ok(s) => s,
                Err(_) => return Err(NotUtf8),
            }
        };
        let cell = |k: usize| -> Option<&str> {
            if gbk {
                Some(cells.get(k).map_or("", String::as_str))
            } else {
                utf8.get(rec.range(k)).map(trim)
            }
        };
        let mut blank = true;
        for k in 0..rec.len() {
            match cell(k) {
                Some(c) => blank &= c.is_empty(),
                None => return Err(NotUtf8),
            }
        }
        if blank {
            continue;
        }
        let cell = |k: usize| cell(k).unwrap_or("");
        let Some(cols) = at else {
            let headers: Vec<String> = (0..rec.len()).map(|k| cell(k).to_string()).collect();
            match positions(&headers, required, errors) {
                Some(p) => at = Some(p),
                None => return Ok(stopped(None, csv.line())),
            }
            continue;
        };
        if row(line, cols.map(cell), errors) == Flow::Stop {
            return Ok(stopped(at, csv.line()));
        }
    }
    if at.is_none() {
        errors.push(
            1,
            "",
            "",
            "文件为空：缺少表头行".into(),
            "the file is empty: no header row".into(),
        );
    }
    Ok(ScanEnd {
        header: at.is_some(),
        next_line: csv.line(),
        clean: csv.last_ended,
    })
}

/// The same rows from an XLSX workbook's first sheet (through [`Table`]); `true` when the
/// header had the required columns.
pub(super) fn scan_xlsx<const N: usize>(
    shown: &str,
    bytes: &[u8],
    required: [&str; N],
    errors: &mut Errors,
    mut row: impl FnMut(usize, [&str; N], &mut Errors) -> Flow,
) -> bool {
    let table = match Table::read_xlsx(shown, bytes) {
        Ok(t) => t,
        Err(e) => {
            for c in e.0 {
                errors.push(c.row, &c.column, &c.value, c.message_zh, c.message_en);
            }
            return false;
        }
    };
    let Some(cols) = positions(&table.headers, required, errors) else {
        return false;
    };
    for r in &table.rows {
        let text = cols.map(|c| r.cells.get(c).map_or("", String::as_str));
        if row(r.number, text, errors) == Flow::Stop {
            break;
        }
    }
    true
}

/// Reads the whole file if it is within `max` bytes.
pub(super) fn read_bounded(
    path: &Path,
    shown: &str,
    max: u64,
    errors: &mut Errors,
) -> Option<Vec<u8>> {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            errors.list.push(unreadable(shown, e));
            return None;
        }
    };
    if size > max {
        errors.list.push(too_large(shown, size, max));
        return None;
    }
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            errors.list.push(unreadable(shown, e));
            None
        }
    }
}
