//! 基准实例文件 — the plain-text instance formats of the location benchmarks (OR-Library
//! p-median and capacitated, Lorena–Senne and SJC, Swain) and the MCLP point tables, read
//! within the limits of [`crate::limits`] with located errors. A header's point count is
//! checked against [`MAX_DISTANCE_PAIRS`] before anything is allocated for it.

mod capacitated;
mod cover;
mod optima;
mod orlib;

pub use capacitated::*;
pub use cover::*;
pub use optima::*;
pub use orlib::*;

use junheng_core::limits::{Domain, FieldError};

use crate::limits::{too_big, MAX_DISTANCE_PAIRS, MAX_ENGINE_FILE_BYTES, MAX_NUMBERS_PER_LINE};
use crate::{decode_text, CellError, InputErrors};

/// The text of an engine file within [`MAX_ENGINE_FILE_BYTES`].
fn engine_text(file: &str, bytes: &[u8]) -> Result<String, InputErrors> {
    if bytes.len() > MAX_ENGINE_FILE_BYTES {
        return Err(InputErrors::single(too_big(
            file,
            bytes.len(),
            MAX_ENGINE_FILE_BYTES,
            "实例",
            "instance",
        )));
    }
    Ok(decode_text(file, bytes)?.0)
}

fn at(file: &str, line: usize, column: &str, value: &str, zh: String, en: String) -> InputErrors {
    InputErrors::single(CellError::new(file, line, column, value, zh, en))
}

/// One non-blank line split into numbers, with its 1-based line number.
struct NumberLine {
    line: usize,
    numbers: Vec<f64>,
}

/// Non-blank lines of whitespace-separated finite numbers, read one at a time so a file is
/// never held twice; the first bad line ends the reading.
struct NumberLines<'a> {
    file: &'a str,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    /// Line number of the last line read (for "the file ends here" errors).
    last: usize,
}

impl<'a> NumberLines<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        NumberLines {
            file,
            lines: text.lines().enumerate(),
            last: 1,
        }
    }

    fn next_line(&mut self) -> Result<Option<NumberLine>, InputErrors> {
        for (k, raw) in self.lines.by_ref() {
            let t = raw.trim();
            if t.is_empty() {
                continue;
            }
            let line = k + 1;
            self.last = line;
            let mut numbers = Vec::new();
            for cell in t.split_whitespace() {
                if numbers.len() == MAX_NUMBERS_PER_LINE {
                    return Err(at(
                        self.file,
                        line,
                        "",
                        "",
                        format!("一行最多 {MAX_NUMBERS_PER_LINE} 个数"),
                        format!("at most {MAX_NUMBERS_PER_LINE} numbers on a line"),
                    ));
                }
                match cell.parse::<f64>() {
                    Ok(x) if x.is_finite() => numbers.push(x),
                    _ => {
                        return Err(at(
                            self.file,
                            line,
                            &(numbers.len() + 1).to_string(),
                            cell,
                            "应为数字".into(),
                            "expected a number".into(),
                        ))
                    }
                }
            }
            return Ok(Some(NumberLine { line, numbers }));
        }
        Ok(None)
    }

    /// The next line with exactly `names.len()` numbers.
    fn expect(&mut self, names: &[&str]) -> Result<NumberLine, InputErrors> {
        let Some(l) = self.next_line()? else {
            return Err(at(
                self.file,
                self.last,
                "",
                "",
                format!("文件在此结束，缺少一行 “{}”", names.join(" ")),
                format!(
                    "the file ends here, a line `{}` is missing",
                    names.join(" ")
                ),
            ));
        };
        if l.numbers.len() != names.len() {
            return Err(at(
                self.file,
                l.line,
                "",
                "",
                format!(
                    "应为 {} 个数（{}），实际 {} 个",
                    names.len(),
                    names.join(" "),
                    l.numbers.len()
                ),
                format!(
                    "expected {} numbers ({}), found {}",
                    names.len(),
                    names.join(" "),
                    l.numbers.len()
                ),
            ));
        }
        Ok(l)
    }

    /// An error when another non-blank line follows what the header announced.
    fn expect_end(&mut self, announced_zh: &str, announced_en: &str) -> Result<(), InputErrors> {
        match self.next_line()? {
            None => Ok(()),
            Some(l) => Err(at(
                self.file,
                l.line,
                "",
                "",
                format!("行数多于表头声明的{announced_zh}"),
                format!("more lines than the {announced_en} announced"),
            )),
        }
    }
}

/// A whole number ≥ 1 (a count in a header).
fn positive_count(file: &str, line: usize, column: &str, v: f64) -> Result<usize, InputErrors> {
    if v.fract() != 0.0 || v < 1.0 || v > usize::MAX as f64 {
        return Err(at(
            file,
            line,
            column,
            &v.to_string(),
            "应为正整数".into(),
            "expected a positive whole number".into(),
        ));
    }
    Ok(v as usize)
}

/// Refuses `n` points whose distance matrix would pass [`MAX_DISTANCE_PAIRS`], before any
/// allocation for them.
fn check_points(file: &str, line: usize, column: &str, n: usize) -> Result<(), InputErrors> {
    if n.checked_mul(n)
        .is_none_or(|pairs| pairs > MAX_DISTANCE_PAIRS)
    {
        let most = (MAX_DISTANCE_PAIRS as f64).sqrt() as usize;
        return Err(at(
            file,
            line,
            column,
            &n.to_string(),
            format!(
                "点数 {n} 超出上限：距离矩阵（点数 × 点数）最多 {MAX_DISTANCE_PAIRS} 个，即最多 {most} 个点"
            ),
            format!(
                "{n} points are beyond the limit: the distance matrix (points × points) may hold {MAX_DISTANCE_PAIRS} entries, i.e. {most} points"
            ),
        ));
    }
    Ok(())
}

/// A value checked against its domain, the error located at `line`, `column`.
fn in_domain(
    file: &str,
    line: usize,
    column: &str,
    domain: &Domain,
    v: f64,
) -> Result<f64, InputErrors> {
    domain
        .check(v)
        .map_err(|e| field_error(file, line, column, &v.to_string(), e))
}

fn field_error(file: &str, line: usize, column: &str, value: &str, e: FieldError) -> InputErrors {
    at(file, line, column, value, e.message_zh, e.message_en)
}
