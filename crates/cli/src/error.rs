//! How the command line reports a failure: in one place, in the user's language
//! (`JUNHENG_LANG=en` for English), with every bad input cell on its own located line.

use junheng_api::{ApiError, ErrorCode, Lang};

/// A failed command.
#[derive(Debug)]
pub enum CliError {
    /// An error of the command surface (database commands, imports).
    Api(ApiError),
    /// A message already written for the user (engine commands reading plain files).
    Text(String),
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> Self {
        CliError::Api(e)
    }
}

impl From<String> for CliError {
    fn from(s: String) -> Self {
        CliError::Text(s)
    }
}

impl From<&str> for CliError {
    fn from(s: &str) -> Self {
        CliError::Text(s.to_string())
    }
}

impl From<junheng_store::StoreError> for CliError {
    fn from(e: junheng_store::StoreError) -> Self {
        CliError::Api(e.into())
    }
}

impl From<junheng_io::InputErrors> for CliError {
    fn from(e: junheng_io::InputErrors) -> Self {
        CliError::Api(e.into())
    }
}

/// `FILE:ROW:COLUMN: message (value)` for each bad cell of an `input.invalid` error.
fn located_cells(e: &ApiError, lang: Lang) -> Vec<String> {
    e.params["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let msg = match lang {
                Lang::En => &c["message_en"],
                Lang::Zh => &c["message_zh"],
            };
            // Row 0 is the closing line that counts the errors not listed.
            if c["row"] == 0 {
                let file = c["file"].as_str().unwrap_or("");
                return format!("{file}: {}", msg.as_str().unwrap_or(""));
            }
            let value = c["value"].as_str().unwrap_or("");
            let value = if value.is_empty() {
                String::new()
            } else {
                format!(" ({value:?})")
            };
            format!(
                "{}:{}:{}: {}{}",
                c["file"].as_str().unwrap_or(""),
                c["row"],
                c["column"].as_str().unwrap_or(""),
                msg.as_str().unwrap_or(""),
                value
            )
        })
        .collect()
}

impl CliError {
    /// The text printed on stderr.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            CliError::Text(s) => s.clone(),
            CliError::Api(e) if e.code == ErrorCode::InputInvalid => {
                let cells = located_cells(e, lang);
                if cells.is_empty() {
                    format!("error: {}", e.localized(lang))
                } else {
                    cells.join("\n")
                }
            }
            CliError::Api(e) => format!("error: {}", e.localized(lang)),
        }
    }
}
