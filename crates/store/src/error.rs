/// Storage failures, each saying what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {path}: {message}")]
    Open { path: String, message: String },
    #[error("database {path} was written by a newer Junheng (schema {found}, this build knows up to {known}); it was not changed")]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Conflict(String),
}

impl StoreError {
    /// Stable code for the API boundary.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Open { .. } => "store.open",
            StoreError::NewerSchema { .. } => "store.newer_schema",
            StoreError::Sql(_) => "store.sql",
            StoreError::Corrupt(_) => "store.corrupt",
            StoreError::Conflict(_) => "store.conflict",
        }
    }
}
