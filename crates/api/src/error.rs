use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The error every host returns: a stable `code` the UI translates, an English `message` for
/// logs and the CLI, and `params` for the translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub params: Value,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>, params: Value) -> Self {
        ApiError {
            code: code.to_string(),
            message: message.into(),
            params,
        }
    }

    pub fn unknown_command(cmd: &str) -> Self {
        Self::new(
            "api.unknown_command",
            format!("unknown command `{cmd}`"),
            json!({ "cmd": cmd }),
        )
    }

    pub fn bad_request(cmd: &str, detail: &str) -> Self {
        Self::new(
            "api.bad_request",
            format!("bad request for `{cmd}`: {detail}"),
            json!({ "cmd": cmd, "detail": detail }),
        )
    }

    pub fn no_county() -> Self {
        Self::new(
            "data.no_county",
            "no county is stored yet: run `junheng demo` or import data",
            json!({}),
        )
    }

    pub fn county_not_found(code: &str) -> Self {
        Self::new(
            "data.county_not_found",
            format!("county {code} is not stored"),
            json!({ "code": code }),
        )
    }
}

impl From<junheng_store::StoreError> for ApiError {
    fn from(e: junheng_store::StoreError) -> Self {
        ApiError::new(e.code(), e.to_string(), json!({}))
    }
}

impl From<junheng_io::InputErrors> for ApiError {
    fn from(e: junheng_io::InputErrors) -> Self {
        let cells: Vec<Value> = e
            .0
            .iter()
            .map(|c| json!({ "file": c.file, "row": c.row, "column": c.column, "value": c.value, "message_zh": c.message_zh, "message_en": c.message_en }))
            .collect();
        ApiError::new("input.invalid", e.to_string(), json!({ "errors": cells }))
    }
}
