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
    Sql(sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Conflict(String),
    /// Another writer held the database for longer than the busy timeout and the retries.
    #[error("the database is busy with another write; try again")]
    Busy,
    /// The database file is read-only (its permissions, or a read-only medium).
    #[error("database {0} is open read-only; it cannot be changed")]
    ReadOnly(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(d) = &e {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
            if let Some(code) = d.code() {
                let primary = code.parse::<i64>().map(|c| c & 0xff).unwrap_or(-1);
                if primary == 5 || primary == 6 {
                    return StoreError::Busy;
                }
                // SQLITE_READONLY (8).
                if primary == 8 {
                    return StoreError::ReadOnly(d.message().to_string());
                }
                // PostgreSQL serialization failure / deadlock: the write can be retried.
                if code == "40001" || code == "40P01" {
                    return StoreError::Busy;
                }
                // PostgreSQL unique violation: two writers created the same row at once; the
                // second is told, as a stale write is.
                if code == "23505" {
                    return StoreError::Conflict(format!(
                        "{} was created elsewhere meanwhile; reload and try again",
                        d.constraint().unwrap_or("the row")
                    ));
                }
            }
        }
        StoreError::Sql(e)
    }
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
            StoreError::Busy => "store.busy",
            StoreError::ReadOnly(_) => "store.read_only",
        }
    }
}
