use std::path::PathBuf;

use junheng_core::standards::Catalogue;

use crate::error::CliError;

/// The national catalogue with an override file applied (all or nothing), or as is.
pub fn catalogue(overrides: Option<PathBuf>) -> Result<Catalogue, CliError> {
    let national = Catalogue::national();
    match overrides {
        Some(path) => Ok(junheng_io::read_overrides_file(&path, &national)?),
        None => Ok(national),
    }
}
