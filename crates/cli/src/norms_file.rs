use std::path::PathBuf;

use junheng_core::standards::Catalogue;

/// The national catalogue with an override file applied (all or nothing), or as is.
pub fn catalogue(overrides: Option<PathBuf>) -> Result<Catalogue, String> {
    let national = Catalogue::national();
    let Some(path) = overrides else {
        return Ok(national);
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{shown}: cannot read the override file: {e}"))?;
    national
        .with_overrides(&text, &shown)
        .map_err(|e| format!("error: {e}"))
}
