use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::{decode_text, CellError, InputErrors};

/// A rectangular table read from CSV (UTF-8 or GBK) or the first sheet of an XLSX workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub file: String,
    /// Column keys: the headers as written, renamed by aliases or a column map.
    pub headers: Vec<String>,
    /// The headers as written in the file; errors name columns by these.
    pub original_headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// 1-based row number in the file (the header is row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// Reads `bytes` as XLSX when the name ends in `.xlsx`, else as CSV text.
    pub fn read(file: &str, bytes: &[u8]) -> Result<Table, InputErrors> {
        if file.to_lowercase().ends_with(".xlsx") {
            Self::read_xlsx(file, bytes)
        } else {
            let (text, _) = decode_text(file, bytes)?;
            Self::read_csv(file, &text)
        }
    }

    pub fn read_csv(file: &str, text: &str) -> Result<Table, InputErrors> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut lines = Vec::new();
        let mut lines_seen = LineCounter::default();
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| {
                InputErrors::single(CellError::new(
                    file,
                    e.position().map(|p| p.line() as usize).unwrap_or(i + 1),
                    "",
                    "",
                    format!("CSV 格式错误：{e}"),
                    format!("malformed CSV: {e}"),
                ))
            })?;
            // The reader skips blank lines without counting them, so the line is recounted from
            // the byte offset to match what an editor shows.
            let line = rec
                .position()
                .map(|p| lines_seen.line_of(text, p.byte() as usize))
                .unwrap_or(i + 1);
            lines.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        }
        Self::from_lines(file, lines)
    }

    pub fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Table, InputErrors> {
        let fail =
            |zh: String, en: String| InputErrors::single(CellError::new(file, 1, "", "", zh, en));
        let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| {
            fail(
                format!("无法读取 XLSX 工作簿：{e}"),
                format!("cannot read the XLSX workbook: {e}"),
            )
        })?;
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| {
                fail(
                    "工作簿中没有工作表".into(),
                    "the workbook has no sheet".into(),
                )
            })?
            .map_err(|e| {
                fail(
                    format!("无法读取第一个工作表：{e}"),
                    format!("cannot read the first sheet: {e}"),
                )
            })?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let lines = range
            .rows()
            .enumerate()
            .map(|(i, r)| {
                let cells = r.iter().map(cell_text).collect();
                (first_row as usize + i + 1, cells)
            })
            .collect();
        Self::from_lines(file, lines)
    }

    fn from_lines(file: &str, lines: Vec<(usize, Vec<String>)>) -> Result<Table, InputErrors> {
        let mut it = lines
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
        let Some((_, headers)) = it.next() else {
            return Err(InputErrors::single(CellError::new(
                file,
                1,
                "",
                "",
                "文件为空：缺少表头行",
                "the file is empty: no header row",
            )));
        };
        let rows = it
            .map(|(number, cells)| TableRow { number, cells })
            .collect();
        let headers: Vec<String> = headers
            .into_iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table {
            file: file.to_string(),
            original_headers: headers.clone(),
            headers,
            rows,
        })
    }

    /// Applies the planner's column mapping (file header → column key; an empty key ignores the
    /// column). Headers not in the map keep their automatic meaning.
    pub fn apply_column_map(&mut self, map: &HashMap<String, String>) {
        for (i, h) in self.headers.iter_mut().enumerate() {
            if let Some(key) = map.get(&self.original_headers[i]) {
                *h = if key.is_empty() {
                    format!("\u{0}ignored{i}")
                } else {
                    key.clone()
                };
            }
        }
    }

    /// Renames headers found in `aliases` (e.g. Chinese template headers) to their column keys.
    pub fn rename_headers(&mut self, aliases: &[(&str, &str)]) {
        for h in self.headers.iter_mut() {
            let bare = h.trim_start_matches('\u{feff}').trim();
            if let Some((_, key)) = aliases.iter().find(|(alias, _)| *alias == bare) {
                *h = key.to_string();
            }
        }
    }

    /// Checks that every required column is present and returns their positions. Lists every
    /// missing column at once.
    pub fn columns(&self, required: &[&str]) -> Result<Columns, InputErrors> {
        let index: HashMap<String, usize> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        let missing: Vec<CellError> = required
            .iter()
            .filter(|c| !index.contains_key(**c))
            .map(|c| {
                CellError::new(
                    &self.file,
                    1,
                    c,
                    "",
                    format!("缺少必需的列 “{c}”"),
                    format!("missing required column `{c}`"),
                )
            })
            .collect();
        if missing.is_empty() {
            Ok(Columns {
                index,
                labels: self.original_headers.clone(),
            })
        } else {
            Err(InputErrors(missing))
        }
    }
}

/// Turns record byte offsets into 1-based line numbers, counting newlines only between one
/// record and the next so a whole file costs one pass.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_of(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut start = byte.min(bytes.len());
        // A record's position may point at the blank lines skipped before it.
        while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
            start += 1;
        }
        if start >= self.byte {
            self.newlines += bytes[self.byte..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
        } else {
            self.newlines = bytes[..start].iter().filter(|b| **b == b'\n').count();
        }
        self.byte = start;
        self.newlines + 1
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Column positions by header name.
#[derive(Debug, Clone)]
pub struct Columns {
    index: HashMap<String, usize>,
    /// The file's own header of each column position.
    labels: Vec<String>,
}

impl Columns {
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// A reader over one row that records every bad cell into `errors`.
    pub fn row<'a>(
        &'a self,
        table: &'a Table,
        row: &'a TableRow,
        errors: &'a mut Vec<CellError>,
    ) -> RowReader<'a> {
        RowReader {
            cols: self,
            file: &table.file,
            row,
            errors,
        }
    }
}

/// Typed access to the cells of one row; a bad cell is recorded and a neutral value returned,
/// so that one pass finds every error in the file.
pub struct RowReader<'a> {
    cols: &'a Columns,
    file: &'a str,
    row: &'a TableRow,
    errors: &'a mut Vec<CellError>,
}

impl RowReader<'_> {
    pub fn number(&self) -> usize {
        self.row.number
    }

    /// Errors recorded so far (in the whole file), to tell whether a read just failed.
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// The raw text of a cell ("" when the column is absent or the row is short).
    pub fn text(&self, col: &str) -> String {
        self.cols
            .index
            .get(col)
            .and_then(|&i| self.row.cells.get(i))
            .cloned()
            .unwrap_or_default()
    }

    pub fn error(&mut self, col: &str, zh: impl Into<String>, en: impl Into<String>) {
        let value = self.text(col);
        // Name the column as the file does (e.g. 经度, not lon), so the planner finds it.
        let label = self
            .cols
            .index
            .get(col)
            .and_then(|&i| self.cols.labels.get(i))
            .map(String::as_str)
            .unwrap_or(col);
        self.errors.push(CellError::new(
            self.file,
            self.row.number,
            label,
            &value,
            zh,
            en,
        ));
    }

    pub fn required(&mut self, col: &str) -> String {
        let v = self.text(col);
        if v.is_empty() {
            self.error(col, "不能为空", "must not be empty");
        }
        v
    }

    /// A non-negative whole number; empty → `None`.
    pub fn opt_count(&mut self, col: &str) -> Option<u32> {
        let v = self.text(col);
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(x) if x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64 => Some(x as u32),
            Ok(x) if x < 0.0 => {
                self.error(
                    col,
                    "应为非负整数，不能为负数",
                    "expected a non-negative whole number, got a negative one",
                );
                None
            }
            _ => {
                self.error(col, "应为非负整数", "expected a non-negative whole number");
                None
            }
        }
    }

    pub fn count(&mut self, col: &str) -> u32 {
        if self.text(col).is_empty() {
            self.error(
                col,
                "不能为空，应为非负整数",
                "must not be empty: expected a non-negative whole number",
            );
            return 0;
        }
        self.opt_count(col).unwrap_or(0)
    }

    /// A count where an empty cell means zero (class counts of other facility kinds).
    pub fn count_or_zero(&mut self, col: &str) -> u32 {
        self.opt_count(col).unwrap_or(0)
    }

    /// A finite, non-negative number; empty → `None`.
    pub fn opt_amount(&mut self, col: &str) -> Option<f64> {
        let v = self.text(col);
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => Some(x),
            Ok(x) if x < 0.0 => {
                self.error(
                    col,
                    "应为非负数，不能为负数",
                    "expected a non-negative number, got a negative one",
                );
                None
            }
            _ => {
                self.error(col, "应为数字", "expected a number");
                None
            }
        }
    }

    pub fn amount(&mut self, col: &str) -> f64 {
        if self.text(col).is_empty() {
            self.error(
                col,
                "不能为空，应为非负数",
                "must not be empty: expected a non-negative number",
            );
            return 0.0;
        }
        self.opt_amount(col).unwrap_or(0.0)
    }

    /// A number in `[min, max]` (coordinates).
    pub fn number_in(&mut self, col: &str, min: f64, max: f64) -> f64 {
        let v = self.text(col);
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= min && x <= max => x,
            _ => {
                self.error(
                    col,
                    format!("应为 {min} 到 {max} 之间的数字"),
                    format!("expected a number between {min} and {max}"),
                );
                0.0
            }
        }
    }

    /// One of a closed set of values; `allowed` is listed in the message.
    pub fn choice<T: Copy>(&mut self, col: &str, options: &[(&str, T)]) -> Option<T> {
        let v = self.text(col);
        if let Some((_, t)) = options.iter().find(|(k, _)| k.eq_ignore_ascii_case(&v)) {
            return Some(*t);
        }
        let allowed: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        self.error(
            col,
            format!("应为以下之一：{}", allowed.join(" / ")),
            format!("expected one of: {}", allowed.join(", ")),
        );
        None
    }

    pub fn boolean(&mut self, col: &str) -> bool {
        self.choice(
            col,
            &[
                ("true", true),
                ("false", false),
                ("是", true),
                ("否", false),
                ("1", true),
                ("0", false),
            ],
        )
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_column_is_listed() {
        let t = Table::read_csv("f.csv", "a,b\n1,2\n").unwrap();
        let err = t.columns(&["a", "c", "d"]).unwrap_err();
        let cols: Vec<&str> = err.0.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(cols, ["c", "d"]);
        assert_eq!(
            err.0[0].located("en"),
            "f.csv:1:c: missing required column `c`"
        );
    }

    #[test]
    fn cells_are_checked_with_rows_counted_from_the_header() {
        let t = Table::read_csv("f.csv", "n,x\n3,-1\n\nabc,2.5\n").unwrap();
        let cols = t.columns(&["n", "x"]).unwrap();
        let mut errors = Vec::new();
        let mut got = Vec::new();
        for row in &t.rows {
            let mut r = cols.row(&t, row, &mut errors);
            got.push((r.count("n"), r.opt_amount("x")));
        }
        assert_eq!(got, [(3, None), (0, Some(2.5))]);
        let located: Vec<String> = errors.iter().map(|e| e.located("en")).collect();
        assert_eq!(
            located,
            [
                "f.csv:2:x: expected a non-negative number, got a negative one (value: \"-1\")",
                "f.csv:4:n: expected a non-negative whole number (value: \"abc\")",
            ]
        );
    }
}
