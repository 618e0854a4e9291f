use std::path::PathBuf;

use junheng_api::{dispatch, resolve_db_path, Ctx};
use junheng_io::demo_dataset;
use junheng_store::{SqliteStore, Store as _};
use serde_json::{json, Value};

use crate::Format;

fn db_path(flag: Option<PathBuf>) -> PathBuf {
    resolve_db_path(flag.as_deref(), None)
}

/// The database path of a command that reads an existing database: a missing file is an
/// error (opening would create an empty one).
pub fn existing_db(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    let path = db_path(flag);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "error: database {} does not exist; create it with `junheng demo --db {}`",
            path.display(),
            path.display()
        ))
    }
}

pub async fn demo(flag: Option<PathBuf>) -> Result<String, String> {
    let path = db_path(flag);
    let store = SqliteStore::open(&path)
        .await
        .map_err(|e| format!("error: {e}"))?;
    let data = demo_dataset().map_err(|e| format!("error: {e}"))?;
    store
        .save_dataset(&data)
        .await
        .map_err(|e| format!("error: {e}"))?;
    store.close().await;
    Ok(format!(
        "created {} with the demo county {} ({}): {} residents, {} townships, {} facilities (示例数据)",
        path.display(),
        data.county.name,
        data.county.code,
        data.population.total(),
        data.townships.len(),
        data.facilities.len()
    ))
}

pub async fn assess(
    flag: Option<PathBuf>,
    county: Option<String>,
    overrides: Option<PathBuf>,
    format: Format,
) -> Result<String, String> {
    let norms = crate::norms_file::catalogue(overrides)?;
    let path = existing_db(flag)?;
    let mut ctx = Ctx::open_sqlite(&path, false)
        .await
        .map_err(|e| format!("error: {e}"))?;
    // A provincial file sits under the county's own stored overrides.
    ctx.norms = norms;
    let out = dispatch(&ctx, "assess", json!({ "county": county }))
        .await
        .map_err(|e| format!("error: {}", e.message))?;
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(&out).expect("json")),
        Format::Table => Ok(assess_table(&out)),
    }
}

fn assess_table(out: &Value) -> String {
    let opt = |v: &Value, scale: f64, digits: usize| {
        v.as_f64()
            .map(|x| format!("{:.*}", digits, x * scale))
            .unwrap_or_else(|| "—".into())
    };
    let mut s = format!(
        "{:<12} {:<10} {:>9} {:>6} {:>8} {:>7} {:>6} {:>7} {:>8} {:>7}\n",
        "code",
        "name",
        "常住人口",
        "托位",
        "托位/千人",
        "60+",
        "床位",
        "护理型%",
        "床位/千老人",
        "学校达标"
    );
    let rows =
        std::iter::once(&out["county"]).chain(out["townships"].as_array().into_iter().flatten());
    for z in rows {
        s.push_str(&format!(
            "{:<12} {:<10} {:>9} {:>6} {:>8} {:>7} {:>6} {:>7} {:>8} {:>4}/{}\n",
            z["code"].as_str().unwrap_or(""),
            z["name"].as_str().unwrap_or(""),
            z["resident_population"].to_string(),
            z["childcare_slots"].to_string(),
            opt(&z["slots_per_1000"], 1.0, 2),
            z["population_60_plus"].to_string(),
            z["institution_beds"].to_string(),
            opt(&z["nursing_bed_share"], 100.0, 1),
            opt(&z["beds_per_1000_elderly"], 1.0, 1),
            z["schools_meeting_standard"],
            z["schools_total"],
        ));
    }
    s
}

pub async fn rpc(
    flag: Option<PathBuf>,
    cmd: Option<String>,
    payload: &str,
    list: bool,
) -> Result<String, String> {
    if list {
        return Ok(junheng_api::COMMANDS
            .iter()
            .map(|c| format!("{}\t{:?}", c.name, c.access))
            .collect::<Vec<_>>()
            .join("\n"));
    }
    let cmd = cmd.ok_or("error: name a command, or use --list")?;
    let payload: Value =
        serde_json::from_str(payload).map_err(|e| format!("error: payload is not JSON: {e}"))?;
    let path = existing_db(flag)?;
    let ctx = Ctx::open_sqlite(&path, false)
        .await
        .map_err(|e| format!("error: {e}"))?;
    let out = dispatch(&ctx, &cmd, payload)
        .await
        .map_err(|e| serde_json::to_string(&e).expect("json"))?;
    Ok(serde_json::to_string_pretty(&out).expect("json"))
}

pub fn norms(overrides: Option<PathBuf>, format: Format) -> Result<String, String> {
    let c = crate::norms_file::catalogue(overrides)?;
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(c.norms()).expect("json")),
        Format::Table => Ok(c
            .norms()
            .iter()
            .map(|n| {
                format!(
                    "{}\t{} {}\t{}\t{}",
                    n.id, n.value, n.unit, n.title_zh, n.source
                )
            })
            .collect::<Vec<_>>()
            .join("\n")),
    }
}
