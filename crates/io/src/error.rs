use std::fmt;

use crate::limits::MAX_ERRORS;

/// One bad cell or line: where it is and what was expected, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub file: String,
    /// 1-based line/row number; the header is row 1. 0 on the closing line that counts the
    /// errors not listed.
    pub row: usize,
    /// Column name as in the header (empty for a whole-row or whole-file problem).
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
    /// On the closing line only: how many errors were found beyond the [`MAX_ERRORS`] listed.
    pub omitted: usize,
}

impl CellError {
    pub fn new(
        file: &str,
        row: usize,
        column: &str,
        value: &str,
        message_zh: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        CellError {
            file: file.to_string(),
            row,
            column: column.to_string(),
            value: clip(value),
            message_zh: message_zh.into(),
            message_en: message_en.into(),
            omitted: 0,
        }
    }

    /// The closing line of a long list: `omitted` more errors were found and not listed.
    pub fn more(file: &str, omitted: usize) -> Self {
        let mut e = CellError::new(file, 0, "", "", "", "");
        e.set_omitted(omitted);
        e
    }

    fn set_omitted(&mut self, omitted: usize) {
        self.omitted = omitted;
        self.message_zh = Self::summary("zh", omitted);
        self.message_en = Self::summary("en", omitted);
    }

    fn summary(lang: &str, omitted: usize) -> String {
        if lang.starts_with("en") {
            format!("{omitted} more error(s) not listed (only the first {MAX_ERRORS} are shown)")
        } else {
            format!("另有 {omitted} 处错误未列出（只列出前 {MAX_ERRORS} 处）")
        }
    }

    /// Whether this is the closing line that counts the errors not listed.
    pub fn is_summary(&self) -> bool {
        self.omitted > 0
    }

    /// `FILE:ROW:COLUMN: message` in the chosen language (`zh` or `en`); the closing line of
    /// a long list is `FILE: message`.
    pub fn located(&self, lang: &str) -> String {
        let msg = if lang.starts_with("en") {
            &self.message_en
        } else {
            &self.message_zh
        };
        if self.is_summary() {
            // From the count itself: a list still being collected has not refreshed its text.
            return format!("{}: {}", self.file, Self::summary(lang, self.omitted));
        }
        let value = if self.value.is_empty() {
            String::new()
        } else if lang.starts_with("en") {
            format!(" (value: {:?})", self.value)
        } else {
            format!("（值：{:?}）", self.value)
        };
        format!(
            "{}:{}:{}: {}{}",
            self.file, self.row, self.column, msg, value
        )
    }
}

/// Values quoted in a message are cut to 100 characters: a 10 MB cell is named, not repeated.
fn clip(value: &str) -> String {
    const SHOWN: usize = 100;
    match value.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located("zh"))
    }
}

/// Collects located errors, keeping the first [`MAX_ERRORS`] and counting the rest in one
/// closing line, so a file where every cell is wrong costs bounded memory and output.
pub trait ErrorSink {
    /// Records one error (or counts it, past the limit).
    fn add(&mut self, e: CellError);
    /// Counts one more error without making it when the list is already full (a file where
    /// every cell is wrong then costs a counter, not a message per cell); false when the error
    /// should be made and added.
    fn counted_past_limit(&mut self) -> bool;
    /// Errors found so far, listed or not.
    fn found(&self) -> usize;
}

impl ErrorSink for Vec<CellError> {
    fn add(&mut self, e: CellError) {
        if self.counted_past_limit() {
            return;
        }
        if self.len() >= MAX_ERRORS {
            self.push(CellError::more(&e.file, 1));
        } else {
            self.push(e);
        }
    }

    fn counted_past_limit(&mut self) -> bool {
        match self.last_mut().filter(|l| l.is_summary()) {
            // The messages are brought up to date when the list becomes InputErrors.
            Some(last) => {
                last.omitted += 1;
                true
            }
            None => false,
        }
    }

    fn found(&self) -> usize {
        errors_found(self)
    }
}

/// A file that could not be read: every problem found, not just the first — at most
/// [`MAX_ERRORS`] of them, then one line counting the others.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s) in input; first: {}", errors_found(.0), .0.first().map(|e| e.located("en")).unwrap_or_default())]
pub struct InputErrors(pub Vec<CellError>);

/// Errors in a list, counting those summarised on its closing line.
pub fn errors_found(errors: &[CellError]) -> usize {
    match errors.last() {
        Some(last) if last.is_summary() => errors.len() - 1 + last.omitted,
        _ => errors.len(),
    }
}

impl InputErrors {
    pub fn single(e: CellError) -> Self {
        InputErrors(vec![e])
    }

    /// The errors of `errors`, capped at [`MAX_ERRORS`] plus the closing line, whoever
    /// collected them.
    pub fn capped(errors: Vec<CellError>) -> Self {
        let mut out = if errors.len() <= MAX_ERRORS + 1 {
            errors
        } else {
            let mut out = Vec::with_capacity(MAX_ERRORS + 1);
            for e in errors {
                out.add(e);
            }
            out
        };
        if let Some(last) = out.last_mut().filter(|l| l.is_summary()) {
            let n = last.omitted;
            last.set_omitted(n);
        }
        InputErrors(out)
    }

    /// `value` when no cell was bad, else every error found (capped).
    pub fn or_ok<T>(errors: Vec<CellError>, value: T) -> Result<T, InputErrors> {
        if errors.is_empty() {
            Ok(value)
        } else {
            Err(InputErrors::capped(errors))
        }
    }

    /// Errors found, including those counted on the closing line.
    pub fn found(&self) -> usize {
        errors_found(&self.0)
    }

    /// One located line per error (and the closing line), in `zh` or `en`.
    pub fn located(&self, lang: &str) -> String {
        self.0
            .iter()
            .map(|e| e.located(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(row: usize) -> CellError {
        CellError::new("f.csv", row, "x", "v", "坏", "bad")
    }

    #[test]
    fn past_the_limit_errors_are_counted_on_one_closing_line() {
        let mut v = Vec::new();
        for row in 0..MAX_ERRORS + 1_000 {
            v.add(err(row + 2));
        }
        assert_eq!(v.len(), MAX_ERRORS + 1);
        assert_eq!(v.found(), MAX_ERRORS + 1_000);
        assert_eq!(v[MAX_ERRORS - 1].row, MAX_ERRORS + 1);
        let e = InputErrors::capped(v);
        assert_eq!(
            e.0.last().unwrap().located("en"),
            "f.csv: 1000 more error(s) not listed (only the first 200 are shown)"
        );
        assert_eq!(
            e.0.last().unwrap().located("zh"),
            "f.csv: 另有 1000 处错误未列出（只列出前 200 处）"
        );
        assert!(e
            .to_string()
            .starts_with("1200 error(s) in input; first: f.csv:2:x:"));
    }

    #[test]
    fn an_uncapped_list_is_capped_when_it_becomes_input_errors() {
        let v: Vec<CellError> = (0..MAX_ERRORS + 5).map(err).collect();
        let e = InputErrors::or_ok(v, ()).unwrap_err();
        assert_eq!((e.0.len(), e.found()), (MAX_ERRORS + 1, MAX_ERRORS + 5));
        let exact: Vec<CellError> = (0..MAX_ERRORS).map(err).collect();
        assert_eq!(InputErrors::capped(exact).0.len(), MAX_ERRORS);
    }

    #[test]
    fn a_huge_value_is_quoted_cut() {
        let big = "名".repeat(10_000);
        let e = CellError::new("f.csv", 2, "name", &big, "太长", "too long");
        assert_eq!(e.value.chars().count(), 101);
        assert!(e.located("en").len() < 400);
    }
}
