/// Why the embedded reference data could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("not a Junheng reference file (bad magic)")]
    NotReference,
    #[error("reference file format {found}, this build reads {known}")]
    Version { found: u16, known: u16 },
    #[error("reference file is damaged: {0}")]
    Corrupt(String),
}

impl ReferenceError {
    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        ReferenceError::Corrupt(what.into())
    }

    /// Stable code for the API boundary.
    pub fn code(&self) -> &'static str {
        match self {
            ReferenceError::NotReference => "reference.not_reference",
            ReferenceError::Version { .. } => "reference.version",
            ReferenceError::Corrupt(_) => "reference.corrupt",
        }
    }
}
