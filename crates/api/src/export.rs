use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{school_balance_of, ApiError, Ctx, ErrorCode};

/// A file produced for the user, carried as base64 so every host can pass it on.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportFile {
    pub file_name: String,
    pub mime: String,
    pub base64: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ExportSchoolBalanceRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
}

/// The school-balance workbook (督导评估 layout) of the county.
pub async fn export_school_balance(
    ctx: &Ctx,
    req: ExportSchoolBalanceRequest,
) -> Result<ExportFile, ApiError> {
    let v = ctx.view(req.county.as_deref()).await?;
    let balance = school_balance_of(&v);
    let data = &v.data;
    let bytes = junheng_report::school_balance_xlsx(
        &data.county.name,
        &balance.levels,
        &balance.improvements,
    )
    .map_err(|e| ApiError::new(ErrorCode::ExportFailed, e.to_string(), json!({})))?;
    Ok(ExportFile {
        file_name: format!(
            "{}_{}_义务教育优质均衡.xlsx",
            data.county.code, data.county.name
        ),
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SaveDownloadRequest {
    pub file_name: String,
    pub base64: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SavedFile {
    pub path: String,
}

/// Saves an exported file into the user's Downloads folder (the desktop webview cannot
/// download by itself). Never overwrites: a number is added to the name when it exists.
pub async fn save_to_downloads(
    _ctx: &Ctx,
    req: SaveDownloadRequest,
) -> Result<SavedFile, ApiError> {
    let name = std::path::Path::new(&req.file_name)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .filter(|n| !n.is_empty() && !n.starts_with('.'))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::ExportBadName,
                "the file name is not valid",
                json!({ "file_name": req.file_name }),
            )
        })?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(req.base64.as_bytes())
        .map_err(|e| ApiError::new(ErrorCode::BadBase64, e.to_string(), json!({})))?;
    let dir = directories::UserDirs::new()
        .and_then(|u| u.download_dir().map(|d| d.to_path_buf()))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("Downloads")))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::ExportNoDownloads,
                "no Downloads folder was found",
                json!({}),
            )
        })?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| ApiError::new(ErrorCode::ExportWriteFailed, e.to_string(), json!({})))?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.clone(), String::new()),
    };
    let mut path = dir.join(&name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem} ({n}){ext}"));
    }
    std::fs::write(&path, bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::ExportWriteFailed,
            e.to_string(),
            json!({ "path": path.display().to_string() }),
        )
    })?;
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}
