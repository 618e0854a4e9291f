use std::path::PathBuf;

use base64::Engine;
use junheng_api::{dispatch, Ctx};
use serde_json::json;

/// What `junheng import` can bring in.
#[derive(clap::Subcommand)]
pub enum ImportCmd {
    /// Facilities of every kind (CSV UTF-8/GBK or XLSX; English or Chinese template headers).
    /// Rows whose id is stored replace that facility; the rest are added. Every bad cell is
    /// printed as FILE:ROW:COLUMN: message and nothing is written.
    Facilities {
        file: PathBuf,
        #[arg(long)]
        db: Option<PathBuf>,
        /// Frame of the file's coordinates (WGS84/CGCS2000 are converted to the stored GCJ-02).
        #[arg(long, value_enum, default_value = "gcj02")]
        crs: CrsArg,
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Township 常住人口 (columns code, resident_population and optionally name; or the Chinese
    /// template headers 乡镇（街道）代码, 名称, 常住人口). Each township keeps its age structure at
    /// the new total; the county becomes the sum of its townships.
    Zones {
        file: PathBuf,
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long)]
        dry_run: bool,
    },
    /// The county's 户籍人口 (registered population) by census age band and sex, for the 户籍
    /// view of the projection: rows `age_band,male,female` (or 年龄组,男,女), bands 0, 1-4, 5-9
    /// … 80-84, 85+, each once.
    Hukou {
        file: PathBuf,
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Township boundaries (GeoJSON FeatureCollection; each feature's `code` (or 区划代码) is a
    /// 9-digit township code of the county). Coordinates in WGS84 or CGCS2000 are converted to
    /// GCJ-02, the frame Junheng stores; area, centroid and label point are recomputed.
    Boundaries {
        file: PathBuf,
        #[arg(long)]
        db: Option<PathBuf>,
        /// Frame of the file's coordinates.
        #[arg(long, value_enum, default_value = "wgs84")]
        crs: CrsArg,
        #[arg(long)]
        dry_run: bool,
    },
}

/// Coordinate frame of a boundary file.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CrsArg {
    Wgs84,
    Cgcs2000,
    Gcj02,
}

impl CrsArg {
    fn key(self) -> &'static str {
        match self {
            CrsArg::Wgs84 => "wgs84",
            CrsArg::Cgcs2000 => "cgcs2000",
            CrsArg::Gcj02 => "gcj02",
        }
    }
}

pub async fn run(cmd: ImportCmd) -> Result<String, String> {
    let (command, file, db, dry_run, crs) = match cmd {
        ImportCmd::Facilities {
            file,
            db,
            crs,
            dry_run,
        } => ("import_facilities", file, db, dry_run, Some(crs.key())),
        ImportCmd::Zones { file, db, dry_run } => ("import_zones", file, db, dry_run, None),
        ImportCmd::Hukou { file, db, dry_run } => ("import_hukou", file, db, dry_run, None),
        ImportCmd::Boundaries {
            file,
            db,
            crs,
            dry_run,
        } => ("import_boundaries", file, db, dry_run, Some(crs.key())),
    };
    let path = crate::db::existing_db(db)?;
    let shown = file.display().to_string();
    let bytes = std::fs::read(&file).map_err(|e| format!("{shown}: cannot read the file: {e}"))?;
    let ctx = Ctx::open_sqlite(&path, false)
        .await
        .map_err(|e| format!("error: {}", e.message))?;
    let mut payload = json!({
        "file_name": shown,
        "base64": base64::engine::general_purpose::STANDARD.encode(bytes),
        "dry_run": dry_run,
    });
    if let Some(crs) = crs {
        payload["crs"] = json!(crs);
    }
    let result = dispatch(&ctx, command, payload).await;
    let lang = std::env::var("JUNHENG_LANG").unwrap_or_else(|_| "zh".into());
    match result {
        Ok(report) if report.get("minus_resident").is_some() => Ok(format!(
            "{} 户籍人口 {} ({:+} against the census 常住人口){}",
            shown,
            report["total"],
            report["minus_resident"].as_i64().unwrap_or(0),
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )),
        Ok(report) if report.get("features").is_some() => Ok(format!(
            "{} {} features: {} townships updated{}{}",
            shown,
            report["features"],
            report["updated"].as_array().map_or(0, |a| a.len()),
            report["facilities_outside"]
                .as_array()
                .filter(|a| !a.is_empty())
                .map(|a| format!("; facilities now outside their township: {}", a.len()))
                .unwrap_or_default(),
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )),
        Ok(report) => Ok(format!(
            "{} {} rows: {} added, {} updated{}{}",
            shown,
            report["rows"],
            report["added"].as_array().map_or(0, |a| a.len()),
            report["updated"].as_array().map_or(0, |a| a.len()),
            report["county_population"]
                .as_u64()
                .map(|p| format!("; county population {p}"))
                .unwrap_or_default(),
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )),
        Err(e) if e.code == "input.invalid" => {
            let lines: Vec<String> = e.params["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let msg = if lang.starts_with("en") {
                        &c["message_en"]
                    } else {
                        &c["message_zh"]
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
                .collect();
            Err(lines.join("\n"))
        }
        Err(e) => Err(format!("error: {}", e.message)),
    }
}
