//! What every backend does the same way with a stored row: enums as their serde keys, JSON
//! columns, the fields a stale row differs in, a change row run backwards, and the time stamps
//! the change log and accounts carry. Backends share these so that their answers are identical.

use crate::{ChangeItem, StoreError};

pub fn parse_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// An enum from the key it is stored as (its serde name).
pub fn from_key<T: serde::de::DeserializeOwned>(what: &str, key: &str) -> Result<T, StoreError> {
    parse_json(
        what,
        &serde_json::Value::String(key.to_string()).to_string(),
    )
}

/// The key an enum is stored as (its serde name).
pub fn key<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("enum key expected, got {other:?}"),
    }
}

/// A value as stored JSON text.
pub fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

/// Names the fields in which two JSON-serialisable rows differ, for a conflict message.
pub fn changed_fields<T: serde::Serialize>(stored: &T, expected: &T) -> String {
    let a = serde_json::to_value(stored).unwrap_or_default();
    let b = serde_json::to_value(expected).unwrap_or_default();
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            let mut keys: Vec<&String> = a
                .keys()
                .chain(b.keys())
                .filter(|k| a.get(*k) != b.get(*k))
                .collect();
            keys.sort();
            keys.dedup();
            keys.iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ => "its value".into(),
    }
}

/// The conflict of a row found changed since the writer read it.
pub fn stale(what: String, fields: String) -> StoreError {
    StoreError::Conflict(format!(
        "{what} was changed since it was read ({fields}); reload and try again"
    ))
}

/// The same row run backwards (`after` → `before`), for undo.
pub fn reversed(item: &ChangeItem) -> ChangeItem {
    match item.clone() {
        ChangeItem::Facility {
            id,
            before,
            after,
            position,
        } => ChangeItem::Facility {
            id,
            before: after,
            after: before,
            position,
        },
        ChangeItem::Population {
            township,
            before,
            after,
        } => ChangeItem::Population {
            township,
            before: after,
            after: before,
        },
        ChangeItem::Unallocated { before, after } => ChangeItem::Unallocated {
            before: after,
            after: before,
        },
        ChangeItem::Geometry {
            township,
            before,
            after,
        } => ChangeItem::Geometry {
            township,
            before: after,
            after: before,
        },
        ChangeItem::Township {
            code,
            before,
            after,
        } => ChangeItem::Township {
            code,
            before: after,
            after: before,
        },
        ChangeItem::Places { before, after } => ChangeItem::Places {
            before: after,
            after: before,
        },
        ChangeItem::FacilityActual {
            facility,
            year,
            before,
            after,
        } => ChangeItem::FacilityActual {
            facility,
            year,
            before: after,
            after: before,
        },
        ChangeItem::CountyActual {
            year,
            before,
            after,
        } => ChangeItem::CountyActual {
            year,
            before: after,
            after: before,
        },
    }
}

/// UTC now to the second, ISO 8601 (`2026-01-31T08:00:00Z`), as rows record their times.
pub fn now_seconds() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// UTC now to the millisecond (`2026-01-31T08:00:00.123Z`), as the change log records it.
pub fn now_millis() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
