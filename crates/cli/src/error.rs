//! How the command line reports a failure: in one place, in the user's language
//! (`JUNHENG_LANG=en` for English), every error with its stable code (`error[code]: message`)
//! except bad input cells, each printed on its own located line (`FILE:ROW:COLUMN: message`).

use junheng_api::{ApiError, ErrorCode, Lang};
use junheng_core::limits::FieldError;
use junheng_io::InputErrors;

/// A failed command.
#[derive(Debug)]
pub enum CliError {
    /// An error of the command surface (database commands, imports).
    Api(ApiError),
    /// `junheng rpc`: the error as every host returns it, printed as JSON for scripts.
    Rpc(ApiError),
    /// Bad cells or lines of an input file (engine commands reading plain files).
    Input(InputErrors),
    /// A command-line argument outside its domain, missing, or in conflict with another.
    Arg { arg: String, zh: String, en: String },
    /// The database named does not exist (and the command does not create one).
    NoDatabase(String),
    /// The command needs a confirmation or a different kind of database to go ahead.
    Refused { zh: String, en: String },
    /// A file could not be written, or a folder created.
    Write { path: String, detail: String },
    /// The engine refused a well-formed input (e.g. a disconnected graph found while solving).
    Engine(String),
    /// A check ran and failed; the report says which figures are out of tolerance.
    CheckFailed(String),
    /// `junheng serve` stopped (its own messages).
    Serve(String),
}

impl CliError {
    /// A bad argument with the same message in both languages (names and values only).
    pub fn arg(arg: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        CliError::Arg {
            arg: arg.to_string(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// An argument outside its domain, with the domain's own messages.
    pub fn field(arg: &str, e: &FieldError) -> Self {
        CliError::arg(arg, e.message_zh.clone(), e.message_en.clone())
    }

    pub fn refused(zh: impl Into<String>, en: impl Into<String>) -> Self {
        CliError::Refused {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn write(path: &std::path::Path, detail: impl std::fmt::Display) -> Self {
        CliError::Write {
            path: path.display().to_string(),
            detail: detail.to_string(),
        }
    }

    /// The stable code scripts can match on.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Api(e) | CliError::Rpc(e) => e.code.as_str(),
            CliError::Input(_) => ErrorCode::InputInvalid.as_str(),
            CliError::Arg { .. } => "cli.bad_argument",
            CliError::NoDatabase(_) => "cli.no_database",
            CliError::Refused { .. } => "cli.refused",
            CliError::Write { .. } => "cli.write_failed",
            CliError::Engine(_) => "cli.engine",
            CliError::CheckFailed(_) => "cli.check_failed",
            CliError::Serve(_) => "cli.serve",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            CliError::Api(e) | CliError::Rpc(e) => e.localized(lang),
            CliError::Input(e) => e.located(if en { "en" } else { "zh" }),
            CliError::Arg { arg, zh, en: msg } => format!("{arg}: {}", if en { msg } else { zh }),
            CliError::NoDatabase(p) if en => format!(
                "database {p} does not exist; create it with `junheng demo --db {p}` or `junheng county add CODE --db {p}`"
            ),
            CliError::NoDatabase(p) => format!(
                "数据库 {p} 不存在；请用 `junheng demo --db {p}` 或 `junheng county add 代码 --db {p}` 创建（database {p} does not exist）"
            ),
            CliError::Refused { zh, en: msg } => (if en { msg } else { zh }).clone(),
            CliError::Write { path, detail } if en => format!("{path}: cannot write: {detail}"),
            CliError::Write { path, detail } => format!("{path}：无法写入：{detail}"),
            CliError::Engine(s) | CliError::CheckFailed(s) | CliError::Serve(s) => s.clone(),
        }
    }

    /// The text printed on stderr.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            CliError::Rpc(e) => serde_json::to_string(e).expect("an error serialises"),
            CliError::Input(e) => e.located(if lang == Lang::En { "en" } else { "zh" }),
            CliError::Api(e) if e.code == ErrorCode::InputInvalid => {
                let cells = located_cells(e, lang);
                if cells.is_empty() {
                    self.headed(lang)
                } else {
                    cells.join("\n")
                }
            }
            // The check's report first, then the verdict.
            CliError::CheckFailed(report) => format!(
                "{report}\n{}[{}]",
                if lang == Lang::En { "error" } else { "错误" },
                self.code()
            ),
            _ => self.headed(lang),
        }
    }

    fn headed(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("error[{}]: {}", self.code(), self.message(lang)),
            Lang::Zh => format!("错误[{}]：{}", self.code(), self.message(lang)),
        }
    }
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> Self {
        CliError::Api(e)
    }
}

impl From<junheng_store::StoreError> for CliError {
    fn from(e: junheng_store::StoreError) -> Self {
        CliError::Api(e.into())
    }
}

impl From<InputErrors> for CliError {
    fn from(e: InputErrors) -> Self {
        CliError::Input(e)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_carries_its_code_in_both_languages() {
        let e = CliError::arg("--p", "须为 1–5", "must be 1–5");
        assert_eq!(
            e.render(Lang::En),
            "error[cli.bad_argument]: --p: must be 1–5"
        );
        assert_eq!(e.render(Lang::Zh), "错误[cli.bad_argument]：--p: 须为 1–5");
        let e = CliError::from(ApiError::county_not_found("330122"));
        assert_eq!(
            e.render(Lang::En),
            "error[data.county_not_found]: County 330122 is not in the database."
        );
        let e = CliError::NoDatabase("x.db".into());
        assert!(e
            .render(Lang::En)
            .starts_with("error[cli.no_database]: database x.db does not exist"));
    }

    #[test]
    fn input_errors_are_located_lines_without_a_heading() {
        let cell =
            junheng_io::CellError::new("a.csv", 3, "births", "x", "应为数字", "expected a number");
        let e = CliError::from(InputErrors::single(cell));
        assert_eq!(
            e.render(Lang::En),
            "a.csv:3:births: expected a number (value: \"x\")"
        );
        assert_eq!(e.code(), "input.invalid");
    }
}
