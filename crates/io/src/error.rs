use std::fmt;

/// One bad cell or line: where it is and what was expected, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub file: String,
    /// 1-based line/row number; the header is row 1.
    pub row: usize,
    /// Column name as in the header (empty for a whole-row or whole-file problem).
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
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
            value: value.to_string(),
            message_zh: message_zh.into(),
            message_en: message_en.into(),
        }
    }

    /// `FILE:ROW:COLUMN: message` in the chosen language (`zh` or `en`).
    pub fn located(&self, lang: &str) -> String {
        let msg = if lang.starts_with("en") {
            &self.message_en
        } else {
            &self.message_zh
        };
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

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located("zh"))
    }
}

/// A file that could not be read: every problem found, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s) in input; first: {}", .0.len(), .0.first().map(|e| e.located("en")).unwrap_or_default())]
pub struct InputErrors(pub Vec<CellError>);

impl InputErrors {
    pub fn single(e: CellError) -> Self {
        InputErrors(vec![e])
    }

    /// `value` when no cell was bad, else every error found.
    pub fn or_ok<T>(errors: Vec<CellError>, value: T) -> Result<T, InputErrors> {
        if errors.is_empty() {
            Ok(value)
        } else {
            Err(InputErrors(errors))
        }
    }
}
