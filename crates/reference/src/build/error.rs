use std::fmt;

/// A bad source file, row or cell: where (file, 1-based row with the header as row 1 — or
/// the feature number of a GeoJSON file, 0 for the whole file — and column) and what was
/// expected, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: String,
    pub row: usize,
    pub column: String,
    pub message_zh: String,
    pub message_en: String,
}

impl BuildError {
    pub fn new(
        file: &str,
        row: usize,
        column: &str,
        message_zh: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        BuildError {
            file: file.to_string(),
            row,
            column: column.to_string(),
            message_zh: message_zh.into(),
            message_en: message_en.into(),
        }
    }

    /// Stable code for callers that map errors.
    pub fn code(&self) -> &'static str {
        "reference.source"
    }

    /// `FILE:ROW:COLUMN: message` in `zh` or `en`.
    pub fn located(&self, lang: &str) -> String {
        let message = if lang.starts_with("en") {
            &self.message_en
        } else {
            &self.message_zh
        };
        format!("{}:{}:{}: {}", self.file, self.row, self.column, message)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.located("zh"), self.message_en)
    }
}

impl std::error::Error for BuildError {}
