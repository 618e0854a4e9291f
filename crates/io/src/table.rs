use std::collections::HashMap;

use calamine::Data;

use crate::limits::{too_big, MAX_CELLS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_CSV_BYTES, MAX_ROWS};
use crate::{decode_text, CellError, ErrorSink, InputErrors};

/// A rectangular table read from CSV (UTF-8, GBK or UTF-16) or the first sheet of an XLSX
/// workbook, within the limits of [`crate::limits`].
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

/// Rows kept while reading: the size checks run as each row arrives, before the next is read.
struct Lines<'a> {
    file: &'a str,
    lines: Vec<(usize, Vec<String>)>,
    cells: usize,
    errors: Vec<CellError>,
}

impl<'a> Lines<'a> {
    fn new(file: &'a str) -> Self {
        Lines {
            file,
            lines: Vec::new(),
            cells: 0,
            errors: Vec::new(),
        }
    }

    /// Keeps a non-empty row, or refuses the file at the first row beyond a limit.
    fn push(&mut self, line: usize, mut cells: Vec<String>) -> Result<(), InputErrors> {
        if cells.iter().all(|c| c.is_empty()) {
            return Ok(());
        }
        let limit = |zh: String, en: String| {
            InputErrors::single(CellError::new(self.file, line, "", "", zh, en))
        };
        if cells.len() > MAX_COLUMNS {
            return Err(too_many_columns(self.file, line, cells.len()));
        }
        if self.lines.len() > MAX_ROWS {
            return Err(limit(
                format!("数据行超过上限 {MAX_ROWS} 行（不含表头）"),
                format!("more than {MAX_ROWS} data rows (the limit, header not counted)"),
            ));
        }
        self.cells += cells.len();
        if self.cells > MAX_CELLS {
            return Err(limit(
                format!("单元格超过上限 {MAX_CELLS} 个"),
                format!("more than {MAX_CELLS} cells (the limit)"),
            ));
        }
        for (i, cell) in cells.iter_mut().enumerate() {
            if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
                let column = match self.lines.first() {
                    Some((_, header)) => header.get(i).map(String::as_str).unwrap_or(""),
                    None => "",
                };
                let n = cell.chars().count();
                self.errors.add(CellError::new(
                    self.file,
                    line,
                    column,
                    cell,
                    format!("单元格过长：{n} 个字符，最多 {MAX_CELL_CHARS} 个"),
                    format!("cell too long: {n} characters, at most {MAX_CELL_CHARS}"),
                ));
                // Only the error keeps (a cut of) it.
                *cell = String::new();
            }
        }
        self.lines.push((line, cells));
        Ok(())
    }

    fn finish(self) -> Result<Table, InputErrors> {
        if !self.errors.is_empty() {
            return Err(InputErrors::capped(self.errors));
        }
        Table::from_lines(self.file, self.lines)
    }
}

fn too_many_columns(file: &str, line: usize, n: usize) -> InputErrors {
    InputErrors::single(CellError::new(
        file,
        line,
        "",
        "",
        format!("此行有 {n} 列，超出上限 {MAX_COLUMNS} 列"),
        format!("this row has {n} columns, more than the limit of {MAX_COLUMNS}"),
    ))
}

impl Table {
    /// Reads `bytes` as XLSX when the name ends in `.xlsx`, else as CSV text.
    pub fn read(file: &str, bytes: &[u8]) -> Result<Table, InputErrors> {
        if file.to_lowercase().ends_with(".xlsx") {
            Self::read_xlsx(file, bytes)
        } else {
            if bytes.len() > MAX_CSV_BYTES {
                return Err(InputErrors::single(too_big(
                    file,
                    bytes.len(),
                    MAX_CSV_BYTES,
                    "CSV ",
                    "CSV",
                )));
            }
            let (text, _) = decode_text(file, bytes)?;
            Self::read_csv(file, &text)
        }
    }

    pub fn read_csv(file: &str, text: &str) -> Result<Table, InputErrors> {
        if text.len() > MAX_CSV_BYTES {
            return Err(InputErrors::single(too_big(
                file,
                text.len(),
                MAX_CSV_BYTES,
                "CSV ",
                "CSV",
            )));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut lines = Lines::new(file);
        let mut lines_seen = LineCounter::default();
        let mut record = csv::StringRecord::new();
        let mut i = 0;
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    return Err(InputErrors::single(CellError::new(
                        file,
                        e.position().map(|p| p.line() as usize).unwrap_or(i + 1),
                        "",
                        "",
                        format!("CSV 格式错误：{e}"),
                        format!("malformed CSV: {e}"),
                    )))
                }
            }
            i += 1;
            // The reader skips blank lines without counting them, so the line is recounted from
            // the byte offset to match what an editor shows.
            let line = record
                .position()
                .map(|p| lines_seen.line_of(text, p.byte() as usize))
                .unwrap_or(i);
            if record.len() > MAX_COLUMNS {
                // Refused before a string is made of each of its cells.
                return Err(too_many_columns(file, line, record.len()));
            }
            lines.push(line, record.iter().map(|c| c.trim().to_string()).collect())?;
        }
        lines.finish()
    }

    pub fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Table, InputErrors> {
        let mut sheet = crate::xlsx::first_sheet_cells(file, bytes)?.cells;
        // The table starts at the first used column, as a spreadsheet's used range does.
        let first_col = sheet.iter().map(|c| c.1).min().unwrap_or(0);
        sheet.sort_by_key(|c| (c.0, c.1));
        let mut lines = Lines::new(file);
        let mut it = sheet.into_iter().peekable();
        while let Some((row, col, text)) = it.next() {
            let mut cells: Vec<(u32, String)> = vec![(col, text)];
            while let Some((_, c, t)) = it.next_if(|c| c.0 == row) {
                cells.push((c, t));
            }
            // Within the column limit: checked cell by cell while the sheet was read.
            let width = (cells.last().map_or(first_col, |c| c.0) - first_col) as usize + 1;
            let mut line = vec![String::new(); width];
            for (c, t) in cells {
                line[(c - first_col) as usize] = t;
            }
            lines.push(row as usize + 1, line)?;
        }
        lines.finish()
    }

    fn from_lines(file: &str, lines: Vec<(usize, Vec<String>)>) -> Result<Table, InputErrors> {
        let mut it = lines.into_iter();
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

    /// Checks that every required column is present and that no column key appears twice
    /// (after aliases and the column map: `registered_slots` and `核定托位` are one column), and
    /// returns their positions. Lists every missing or repeated column at once.
    pub fn columns(&self, required: &[&str]) -> Result<Columns, InputErrors> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut errors = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            let key = h.trim_start_matches('\u{feff}').to_string();
            // Unnamed columns are never read, so two of them are harmless.
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = index.get(&key) {
                let (a, b) = (&self.original_headers[first], &self.original_headers[i]);
                let (zh, en) = if a == b {
                    (
                        format!(
                            "列 “{b}” 重复：第 {} 列和第 {} 列；请删除或改名其中之一",
                            first + 1,
                            i + 1
                        ),
                        format!(
                            "column `{b}` appears twice, columns {} and {}: remove or rename one",
                            first + 1,
                            i + 1
                        ),
                    )
                } else {
                    (
                        format!("列 “{a}”（第 {} 列）和 “{b}”（第 {} 列）都表示 {key}；请删除或改名其中之一", first + 1, i + 1),
                        format!("columns `{a}` (column {}) and `{b}` (column {}) both mean `{key}`: remove or rename one", first + 1, i + 1),
                    )
                };
                errors.add(CellError::new(&self.file, 1, b, "", zh, en));
                continue;
            }
            index.insert(key, i);
        }
        for c in required {
            if !index.contains_key(*c) {
                errors.add(CellError::new(
                    &self.file,
                    1,
                    c,
                    "",
                    format!("缺少必需的列 “{c}”"),
                    format!("missing required column `{c}`"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Columns {
                index,
                labels: self.original_headers.clone(),
            })
        } else {
            Err(InputErrors::capped(errors))
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

pub(crate) fn cell_text(d: &Data) -> String {
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
            bad: Vec::new(),
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
    /// Columns of this row already reported, so a value is not reported twice.
    bad: Vec<String>,
}

impl RowReader<'_> {
    pub fn number(&self) -> usize {
        self.row.number
    }

    /// Errors recorded so far (in the whole file), to tell whether a read just failed.
    pub fn error_count(&self) -> usize {
        self.errors.found()
    }

    /// Whether a cell of `col` in this row was already reported.
    pub fn has_error(&self, col: &str) -> bool {
        self.bad.iter().any(|c| c == col)
    }

    /// Reports a value outside its domain (from `junheng_core::domain::limits`) on its column,
    /// unless that cell was already reported.
    pub fn domain_error(&mut self, e: &junheng_core::limits::FieldError) {
        self.domain_error_at(e.field, e);
    }

    /// [`RowReader::domain_error`] on a column other than the field's name.
    pub fn domain_error_at(&mut self, col: &str, e: &junheng_core::limits::FieldError) {
        if !self.has_error(col) {
            self.error(col, e.message_zh.clone(), e.message_en.clone());
        }
    }

    /// The text of an id or name cell, checked against its domain (no control characters, not
    /// too long); required when `required`.
    pub fn checked_text(
        &mut self,
        col: &str,
        domain: &junheng_core::limits::TextDomain,
        required: bool,
    ) -> String {
        let v = if required {
            self.required(col)
        } else {
            self.text(col)
        };
        if let Err(e) = domain.check(&v) {
            self.domain_error_at(col, &e);
        }
        v
    }

    /// A number checked against its domain; `None` (and one error) when it is not a number or
    /// lies outside.
    pub fn in_domain(&mut self, col: &str, domain: &junheng_core::limits::Domain) -> Option<f64> {
        let v = self.text(col);
        let Ok(x) = v.parse::<f64>() else {
            self.error(col, "应为数字", "expected a number");
            return None;
        };
        match domain.check(x) {
            Ok(x) => Some(x),
            Err(e) => {
                self.domain_error_at(col, &e);
                None
            }
        }
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
        if !self.has_error(col) {
            self.bad.push(col.to_string());
        }
        if self.errors.counted_past_limit() {
            return;
        }
        let value = self.text(col);
        // Name the column as the file does (e.g. 经度, not lon), so the planner finds it.
        let label = self
            .cols
            .index
            .get(col)
            .and_then(|&i| self.cols.labels.get(i))
            .map(String::as_str)
            .unwrap_or(col);
        self.errors.add(CellError::new(
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
    use crate::limits::MAX_ERRORS;

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

    #[test]
    fn a_repeated_column_is_refused_naming_both() {
        let t = Table::read_csv("f.csv", "id,name,id\n1,a,2\n").unwrap();
        let e = t.columns(&["id"]).unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "f.csv:1:id: column `id` appears twice, columns 1 and 3: remove or rename one"
        );
        // The same column under its key and its Chinese template header.
        let mut t = Table::read_csv("f.csv", "id,registered_slots,核定托位\nC1,150,7\n").unwrap();
        t.rename_headers(&crate::FACILITY_HEADER_ALIASES);
        let e = t.columns(&["id"]).unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "f.csv:1:核定托位: columns `registered_slots` (column 2) and `核定托位` (column 3) both mean `registered_slots`: remove or rename one"
        );
        // … or mapped onto one key by the planner; unnamed columns are no conflict.
        let mut t = Table::read_csv("f.csv", "a,b,,\n1,2,,\n").unwrap();
        t.apply_column_map(&[("a".into(), "id".into()), ("b".into(), "id".into())].into());
        assert_eq!(t.columns(&["id"]).unwrap_err().0.len(), 1);
        let t = Table::read_csv("f.csv", "a,,\n1,,\n").unwrap();
        assert!(t.columns(&["a"]).is_ok());
    }

    #[test]
    fn rows_columns_and_cell_lengths_are_bounded() {
        let rows = format!("n\n{}", "1\n".repeat(crate::limits::MAX_ROWS));
        assert_eq!(
            Table::read_csv("f.csv", &rows).unwrap().rows.len(),
            MAX_ROWS
        );
        let e = Table::read_csv("f.csv", &format!("{rows}1\n")).unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "f.csv:100002:: more than 100000 data rows (the limit, header not counted)"
        );
        let wide = format!("{}\n", vec!["a"; MAX_COLUMNS + 1].join(","));
        let e = Table::read_csv("f.csv", &wide).unwrap_err();
        assert_eq!(
            e.0[0].message_en,
            "this row has 257 columns, more than the limit of 256"
        );
        let long = format!("id,name\nC1,{}\n", "名".repeat(MAX_CELL_CHARS + 1));
        let e = Table::read_csv("f.csv", &long).unwrap_err();
        assert_eq!(e.0[0].row, 2);
        assert_eq!(e.0[0].column, "name");
        assert_eq!(
            e.0[0].message_en,
            "cell too long: 1001 characters, at most 1000"
        );
        assert!(Table::read_csv("f.csv", &format!("id\n{}\n", "x".repeat(1000))).is_ok());
    }

    #[test]
    fn an_xlsx_table_starts_at_its_first_used_row_and_column() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(2, 1, "id").unwrap();
        sheet.write_string(2, 2, "n").unwrap();
        sheet.write_string(3, 1, "a").unwrap();
        sheet.write_number(5, 2, 7.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let t = Table::read("t.xlsx", &bytes).unwrap();
        assert_eq!(t.headers, ["id", "n"]);
        let rows: Vec<(usize, Vec<String>)> =
            t.rows.iter().map(|r| (r.number, r.cells.clone())).collect();
        assert_eq!(
            rows,
            [
                (4, vec!["a".to_string()]),
                (6, vec![String::new(), "7".to_string()])
            ]
        );
    }

    #[test]
    fn errors_past_the_limit_are_counted_not_listed() {
        let text = format!("n\n{}", "x\n".repeat(MAX_ERRORS + 50));
        let t = Table::read_csv("f.csv", &text).unwrap();
        let cols = t.columns(&["n"]).unwrap();
        let mut errors = Vec::new();
        let mut counts = Vec::new();
        for row in &t.rows {
            let mut r = cols.row(&t, row, &mut errors);
            r.count("n");
            counts.push(r.error_count());
        }
        // Every bad cell is counted as it is found, listed or not.
        assert_eq!(counts, (1..=MAX_ERRORS + 50).collect::<Vec<_>>());
        let e = InputErrors::capped(errors);
        assert_eq!(e.0.len(), MAX_ERRORS + 1);
        assert_eq!(e.0[MAX_ERRORS - 1].row, MAX_ERRORS + 1);
        assert_eq!(
            e.0[MAX_ERRORS].located("en"),
            "f.csv: 50 more error(s) not listed (only the first 200 are shown)"
        );
        assert_eq!(
            e.0[MAX_ERRORS].message_en,
            "50 more error(s) not listed (only the first 200 are shown)"
        );
    }
}
