//! A CSV source read whole, with every cell access able to say where it failed.

use super::BuildError;

/// Largest source file accepted (the GeoJSON outlines are 7.7 MB).
pub const MAX_SOURCE_BYTES: usize = 32 << 20;
/// Most data rows in one CSV source (the township list has 41,352).
pub const MAX_ROWS: usize = 100_000;
/// Longest name accepted (the longest 2023 township name is well under this).
pub const MAX_NAME_CHARS: usize = 64;
/// Longest free-text cell (URLs, notes, source kinds).
pub const MAX_TEXT_CHARS: usize = 512;
/// Largest head count in any cell: above China's population, so a typo with extra digits
/// is caught.
pub const MAX_COUNT: u64 = 2_000_000_000;

/// One data row and the line it starts on (the header is line 1).
pub struct Row {
    pub line: usize,
    record: csv::StringRecord,
}

/// A column by header name.
#[derive(Clone, Copy)]
pub struct Col<'h> {
    index: usize,
    pub name: &'h str,
}

pub struct Table<'f> {
    pub file: &'f str,
    headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl<'f> Table<'f> {
    pub fn read(file: &'f str, bytes: &[u8]) -> Result<Table<'f>, BuildError> {
        if bytes.len() > MAX_SOURCE_BYTES {
            return Err(BuildError::new(
                file,
                0,
                "",
                format!("文件超过 {} 字节上限", MAX_SOURCE_BYTES),
                format!("file larger than the {MAX_SOURCE_BYTES}-byte limit"),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(bytes);
        let mut lines = LineCounter::new(bytes);
        let located = |e: &csv::Error, lines: &mut LineCounter<'_>| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
            BuildError::new(
                file,
                line,
                "",
                format!("CSV 格式错误：{e}"),
                format!("malformed CSV: {e}"),
            )
        };
        let headers = reader
            .headers()
            .map_err(|e| located(&e, &mut lines))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| located(&e, &mut lines))?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            if rows.len() == MAX_ROWS {
                return Err(BuildError::new(
                    file,
                    line,
                    "",
                    format!("超过 {MAX_ROWS} 行上限"),
                    format!("more than {MAX_ROWS} rows"),
                ));
            }
            rows.push(Row { line, record });
        }
        Ok(Table {
            file,
            headers,
            rows,
        })
    }

    pub fn column<'h>(&self, name: &'h str) -> Result<Col<'h>, BuildError> {
        match self.headers.iter().position(|h| h == name) {
            Some(index) => Ok(Col { index, name }),
            None => Err(BuildError::new(
                self.file,
                1,
                name,
                format!("缺少列“{name}”"),
                format!("column \"{name}\" is missing"),
            )),
        }
    }

    pub fn error(&self, row: &Row, col: Col<'_>, zh: String, en: String) -> BuildError {
        BuildError::new(self.file, row.line, col.name, zh, en)
    }

    pub fn raw<'r>(&self, row: &'r Row, col: Col<'_>) -> &'r str {
        row.record.get(col.index).unwrap_or("")
    }

    /// Free text up to [`MAX_TEXT_CHARS`], trimmed; may be empty.
    pub fn text(&self, row: &Row, col: Col<'_>) -> Result<String, BuildError> {
        let v = self.raw(row, col).trim();
        if v.chars().count() > MAX_TEXT_CHARS || v.chars().any(char::is_control) {
            return Err(self.error(
                row,
                col,
                format!("文本过长（上限 {MAX_TEXT_CHARS} 字）或含控制字符"),
                format!("text longer than {MAX_TEXT_CHARS} characters or with control characters"),
            ));
        }
        Ok(v.to_string())
    }

    /// A non-empty name of at most [`MAX_NAME_CHARS`] characters.
    pub fn name(&self, row: &Row, col: Col<'_>) -> Result<String, BuildError> {
        let v = self.raw(row, col).trim();
        let n = v.chars().count();
        if n == 0 || n > MAX_NAME_CHARS || v.chars().any(char::is_control) {
            return Err(self.error(
                row,
                col,
                format!("应为 1–{MAX_NAME_CHARS} 字的名称，实为“{v}”"),
                format!("expected a name of 1–{MAX_NAME_CHARS} characters, found {v:?}"),
            ));
        }
        Ok(v.to_string())
    }

    /// A code of exactly `width` ASCII digits.
    pub fn digits(&self, row: &Row, col: Col<'_>, width: usize) -> Result<u32, BuildError> {
        let v = self.raw(row, col).trim();
        if v.len() == width && v.bytes().all(|b| b.is_ascii_digit()) {
            Ok(v.parse().expect("at most nine digits"))
        } else {
            Err(self.error(
                row,
                col,
                format!("应为 {width} 位数字代码，实为“{v}”"),
                format!("expected a {width}-digit code, found {v:?}"),
            ))
        }
    }

    /// A head count: digits only, at most [`MAX_COUNT`].
    pub fn count(&self, row: &Row, col: Col<'_>) -> Result<u64, BuildError> {
        let v = self.raw(row, col).trim();
        match v.parse::<u64>() {
            Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) && n <= MAX_COUNT => Ok(n),
            _ => Err(self.error(
                row,
                col,
                format!("应为不超过 {MAX_COUNT} 的非负整数，实为“{v}”"),
                format!("expected a whole number from 0 to {MAX_COUNT}, found {v:?}"),
            )),
        }
    }

    /// A head count, or `None` where the source prints `NA` or nothing.
    pub fn opt_count(&self, row: &Row, col: Col<'_>) -> Result<Option<u64>, BuildError> {
        match self.raw(row, col).trim() {
            "NA" | "" => Ok(None),
            _ => self.count(row, col).map(Some),
        }
    }

    /// A decimal number with at most `decimals` places, as an integer in units of
    /// 10^-decimals, read from the text so no float rounding enters.
    pub fn fixed(&self, row: &Row, col: Col<'_>, decimals: u32) -> Result<i64, BuildError> {
        let v = self.raw(row, col).trim();
        parse_fixed(v, decimals).ok_or_else(|| {
            self.error(
                row,
                col,
                format!("应为最多 {decimals} 位小数的数，实为“{v}”"),
                format!("expected a number with at most {decimals} decimals, found {v:?}"),
            )
        })
    }
}

/// Line numbers from byte offsets. The csv crate's own line count is one short in CRLF files
/// (the census yearbook is one), and its byte offset of a record points at the `\n` ending the
/// previous line there but at the first byte in LF files: counting the newlines up to and
/// including that byte gives the right line in both.
struct LineCounter<'b> {
    bytes: &'b [u8],
    upto: usize,
    newlines: usize,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter {
            bytes,
            upto: 0,
            newlines: 0,
        }
    }

    /// 1-based line of the record the csv reader places at `byte`; offsets only grow.
    fn line_at(&mut self, byte: u64) -> usize {
        let end = (byte as usize + 1).min(self.bytes.len());
        if end > self.upto {
            self.newlines += self.bytes[self.upto..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.upto = end;
        }
        self.newlines + 1
    }
}

/// `-?digits[.digits]` with at most `decimals` fraction digits, scaled to an integer.
pub fn parse_fixed(v: &str, decimals: u32) -> Option<i64> {
    let (negative, unsigned) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() > 6 || !digits(int) || !digits(frac) {
        return None;
    }
    if frac.len() > decimals as usize || (unsigned.contains('.') && frac.is_empty()) {
        return None;
    }
    let scale = 10i64.pow(decimals);
    let frac_scaled = format!("{frac:0<width$}", width = decimals as usize);
    let value = int.parse::<i64>().ok()? * scale + frac_scaled.parse::<i64>().unwrap_or(0);
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_are_read_exactly() {
        assert_eq!(parse_fixed("119.569458", 6), Some(119_569_458));
        assert_eq!(parse_fixed("28.1", 6), Some(28_100_000));
        assert_eq!(parse_fixed("-0.5", 4), Some(-5_000));
        assert_eq!(parse_fixed("7", 4), Some(70_000));
        assert_eq!(parse_fixed("1.23456", 4), None);
        assert_eq!(parse_fixed("1.", 4), None);
        assert_eq!(parse_fixed("", 4), None);
        assert_eq!(parse_fixed("1e3", 4), None);
        assert_eq!(parse_fixed("NA", 6), None);
    }

    #[test]
    fn cells_say_where_they_failed() {
        let csv = "code,name\n331125,云和县\n33112X,\n";
        let t = Table::read("f.csv", csv.as_bytes()).unwrap();
        let code = t.column("code").unwrap();
        let name = t.column("name").unwrap();
        assert_eq!(t.digits(&t.rows[0], code, 6).unwrap(), 331_125);
        let e = t.digits(&t.rows[1], code, 6).unwrap_err();
        assert_eq!(
            e.located("en"),
            "f.csv:3:code: expected a 6-digit code, found \"33112X\""
        );
        let e = t.name(&t.rows[1], name).unwrap_err();
        assert!(e
            .located("zh")
            .starts_with("f.csv:3:name: 应为 1–64 字的名称"));
        let e = t.column("areaCode").err().unwrap();
        assert_eq!(
            e.located("en"),
            "f.csv:1:areaCode: column \"areaCode\" is missing"
        );
    }

    #[test]
    fn a_row_with_a_missing_field_is_located() {
        let csv = "code,name\n331125,云和县\n331126\n";
        let e = Table::read("f.csv", csv.as_bytes()).err().unwrap();
        assert_eq!((e.row, e.file.as_str()), (3, "f.csv"));
        let crlf = csv.replace('\n', "\r\n");
        assert_eq!(Table::read("f.csv", crlf.as_bytes()).err().unwrap().row, 3);
    }

    #[test]
    fn rows_are_numbered_by_line_with_lf_crlf_and_quoted_newlines() {
        for eol in ["\n", "\r\n"] {
            let csv = format!("a,b{eol}x,y{eol}1,\"2{eol}3\"{eol}4,5{eol}");
            let t = Table::read("f.csv", csv.as_bytes()).unwrap();
            let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 3, 5], "line ending {eol:?}");
        }
    }
}
