use std::path::{Path, PathBuf};

use junheng_api::{default_app_data_dir, dispatch, Ctx, DbLocation, Lang, DB_ENV};
use junheng_io::demo_dataset;
use junheng_store::{list_backups, restore_backup, OpenMode, SqliteStore, Store as _};
use serde_json::{json, Value};

use crate::error::CliError;
use crate::output::{fixed, table_or_json};
use crate::Format;

/// The database a command works on.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArg {
    /// Database: a SQLite file (a path or sqlite:PATH) or a PostgreSQL URL (postgres://…);
    /// default $JUNHENG_DB, else junheng.db in the app-data directory.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// The county a command acts on.
#[derive(clap::Args, Clone, Debug)]
pub struct CountyArg {
    /// County code (6 digits); may be left out when the database holds one county.
    #[arg(long)]
    pub county: Option<String>,
}

/// The SQLite file a file-only command (backups, restore) works on.
fn sqlite_path(flag: Option<&Path>, what: &str) -> Result<PathBuf, CliError> {
    match location(flag) {
        DbLocation::Sqlite(p) => Ok(p),
        DbLocation::Postgres(_) => Err(CliError::refused(
            format!("{what} 只用于 SQLite 文件；PostgreSQL 请用 pg_dump 和 pg_restore 备份与恢复（docs/deployment.md）"),
            format!("{what} is for a SQLite file; back up and restore PostgreSQL with pg_dump and pg_restore (docs/deployment.md)"),
        )),
    }
}

/// Whether the path is the app's own default (its folder may be created), not one the user
/// typed (a missing folder there is a typo to report).
fn is_default_path(flag: Option<&Path>) -> bool {
    flag.is_none() && std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).is_none()
}

/// The database `--db` (else `$JUNHENG_DB`, else the default file) names.
pub fn location(flag: Option<&Path>) -> DbLocation {
    DbLocation::resolve(flag, None)
}

/// Opens an existing database; a missing file is an error that says how to make one.
pub async fn open_existing(flag: Option<&Path>) -> Result<Ctx, CliError> {
    let loc = location(flag);
    if let DbLocation::Sqlite(path) = &loc {
        if !path.exists() {
            return Err(CliError::NoDatabase(path.display().to_string()));
        }
    }
    Ok(Ctx::open(&loc, false, OpenMode::Existing).await?)
}

/// Opens a database for a command that may create it (demo, county add); with it, how the
/// database is shown to the user.
pub async fn open_or_create(flag: Option<&Path>) -> Result<(Ctx, String), CliError> {
    let loc = location(flag);
    if is_default_path(flag) && !loc.is_postgres() {
        if let Some(dir) = default_app_data_dir() {
            std::fs::create_dir_all(&dir).map_err(|e| CliError::write(&dir, e))?;
        }
    }
    let ctx = Ctx::open(&loc, false, OpenMode::CreateIfMissing).await?;
    Ok((ctx, loc.shown()))
}

/// Runs one command of the command surface and closes the database whatever the outcome, so
/// that the file alone holds every committed write when the process ends.
/// Ctrl-C cancels it (nothing is written) and a terminal shows its progress.
pub async fn run_command(ctx: &Ctx, cmd: &str, payload: Value) -> Result<Value, CliError> {
    crate::interrupt::watch_job(ctx)?;
    let out = junheng_api::dispatch_job(ctx, cmd, payload, Some(crate::interrupt::CLI_JOB)).await;
    crate::interrupt::clear();
    ctx.store.close().await;
    Ok(out?)
}

pub async fn demo(db: DbArg) -> Result<String, CliError> {
    let (ctx, path) = open_or_create(db.db.as_deref()).await?;
    let data = demo_dataset()?;
    let result = if ctx.store.county_codes().await?.contains(&data.county.code) {
        ctx.store.replace_county(&data).await
    } else {
        ctx.store.create_county(&data).await
    };
    ctx.store.close().await;
    result.map_err(junheng_api::ApiError::from)?;
    Ok(format!(
        "created {} with the demo county {} ({}): {} residents, {} townships, {} facilities (示例数据)",
        path,
        data.county.name,
        data.county.code,
        data.population.total(),
        data.townships.len(),
        data.facilities.len()
    ))
}

pub async fn assess(
    db: DbArg,
    county: CountyArg,
    as_of: Option<i32>,
    overrides: Option<PathBuf>,
    format: Format,
) -> Result<String, CliError> {
    let norms = crate::norms_file::catalogue(overrides)?;
    let mut ctx = open_existing(db.db.as_deref()).await?;
    // A provincial file sits under the county's own stored overrides.
    ctx.norms = norms;
    let out = run_command(
        &ctx,
        "assess",
        json!({ "county": county.county, "as_of": as_of }),
    )
    .await?;
    Ok(table_or_json(format, &out, &assess_table))
}

fn assess_table(out: &Value) -> String {
    let opt = fixed;
    let mut s = format!(
        "basis: {} ({})\n",
        out["basis"].as_str().unwrap_or(""),
        out["year"]
    );
    s.push_str(&format!(
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
    ));
    let rows = std::iter::once(&out["county"])
        .chain(out["townships"].as_array().into_iter().flatten())
        .chain(Some(&out["unallocated"]).filter(|u| !u.is_null()));
    for z in rows {
        s.push_str(&format!(
            "{:<12} {:<10} {:>9} {:>6} {:>8} {:>7} {:>6} {:>7} {:>8} {:>4}/{}\n",
            z["code"].as_str().unwrap_or(""),
            z["name"].as_str().unwrap_or(""),
            opt(&z["resident_population"], 1.0, 0),
            z["childcare_slots"].to_string(),
            opt(&z["slots_per_1000"], 1.0, 2),
            opt(&z["population_60_plus"], 1.0, 0),
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
    db: DbArg,
    county: CountyArg,
    cmd: Option<String>,
    payload: &str,
    list: bool,
) -> Result<String, CliError> {
    if list {
        return Ok(junheng_api::COMMANDS
            .iter()
            .map(|c| format!("{}\t{:?}", c.name, c.access))
            .collect::<Vec<_>>()
            .join("\n"));
    }
    let cmd = cmd.ok_or_else(|| {
        CliError::arg(
            "CMD",
            "请给出命令名，或用 --list 列出命令",
            "name a command, or use --list",
        )
    })?;
    let mut payload: Value = serde_json::from_str(payload).map_err(|e| {
        CliError::arg(
            "PAYLOAD",
            format!("不是有效的 JSON：{e}"),
            format!("not JSON: {e}"),
        )
    })?;
    if let (Some(code), Some(obj)) = (county.county, payload.as_object_mut()) {
        obj.entry("county").or_insert(json!(code));
    }
    let ctx = open_existing(db.db.as_deref()).await?;
    match run_command(&ctx, &cmd, payload).await {
        Ok(out) => Ok(serde_json::to_string_pretty(&out).expect("json")),
        // The JSON error, as every host returns it, for scripts that read it.
        Err(CliError::Api(e)) => Err(CliError::Rpc(e)),
        Err(e) => Err(e),
    }
}

pub async fn overview(
    db: DbArg,
    scope: String,
    year: Option<i32>,
    xlsx: Option<PathBuf>,
    format: Format,
) -> Result<String, CliError> {
    let ctx = open_existing(db.db.as_deref()).await?;
    let payload = json!({ "scope": scope, "year": year });
    let out = dispatch(&ctx, "get_overview", payload.clone()).await;
    let file = match (&out, &xlsx) {
        (Ok(_), Some(_)) => Some(dispatch(&ctx, "export_overview", payload).await),
        _ => None,
    };
    ctx.store.close().await;
    let out = out?;
    if let (Some(path), Some(file)) = (xlsx, file) {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(file?["base64"].as_str().unwrap_or(""))
            .map_err(|e| CliError::write(&path, e))?;
        std::fs::write(&path, bytes).map_err(|e| CliError::write(&path, e))?;
    }
    Ok(table_or_json(format, &out, &overview_table))
}

fn overview_table(out: &Value) -> String {
    let mut s = format!(
        "{} {} ({})\n{:<7} {:<12} {:>10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n",
        out["scope"].as_str().unwrap_or(""),
        out["scope_name"].as_str().unwrap_or(""),
        out["year"],
        "code",
        "name",
        "常住人口",
        "较2020",
        "0-2岁",
        "需托位",
        "托位",
        "每千托位",
        "护理型%"
    );
    let f = fixed;
    for c in out["counties"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "{:<7} {:<12} {:>10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n",
            c["code"].as_str().unwrap_or(""),
            c["name"].as_str().unwrap_or(""),
            f(&c["resident_population"], 1.0, 0),
            f(&c["population_change"], 100.0, 1),
            f(&c["children_0_2"], 1.0, 0),
            f(&c["childcare_slots_need"], 1.0, 0),
            f(&c["childcare_slots"], 1.0, 0),
            f(&c["slots_per_1000"], 1.0, 2),
            f(&c["nursing_bed_share"], 100.0, 1),
        ));
    }
    s
}

pub async fn subsidy(
    db: DbArg,
    county: CountyArg,
    from: i32,
    to: i32,
    scenario: Option<String>,
    format: Format,
) -> Result<String, CliError> {
    let ctx = open_existing(db.db.as_deref()).await?;
    let out = run_command(
        &ctx,
        "get_subsidy",
        json!({ "county": county.county, "from": from, "to": to, "scenario_id": scenario }),
    )
    .await?;
    Ok(table_or_json(format, &out, &subsidy_table))
}

fn subsidy_table(out: &Value) -> String {
    let zh = !lang_is_en();
    let mut s = format!(
        "{}\n{:<6} {:>12} {:>14} {:>12} {:>10} {:>12} {:>12} {:>14}\n",
        out[if zh { "basis_note_zh" } else { "basis_note_en" }]
            .as_str()
            .unwrap_or(""),
        "year",
        "0-2 人年",
        "育儿补贴(元)",
        "中央(元)",
        "在托",
        "运营补贴(元)",
        "建设补贴(元)",
        "合计(元)"
    );
    for y in out["years"].as_array().into_iter().flatten() {
        let n = |k: &str| y[k].as_f64().unwrap_or(0.0);
        s.push_str(&format!(
            "{:<6} {:>12.1} {:>14.0} {:>12.0} {:>10.0} {:>12.0} {:>12.0} {:>14.0}\n",
            y["year"],
            n("children_under3_person_years"),
            n("childcare_subsidy_yuan"),
            n("central_yuan"),
            n("enrolled_children"),
            n("operating_subsidy_yuan"),
            n("construction_subsidy_yuan"),
            n("total_yuan"),
        ));
    }
    s.push_str(&format!(
        "total {:.0}",
        out["total_yuan"].as_f64().unwrap_or(0.0)
    ));
    s
}

pub fn norms(overrides: Option<PathBuf>, format: Format) -> Result<String, CliError> {
    let c = crate::norms_file::catalogue(overrides)?;
    Ok(table_or_json(format, c.norms(), &|norms| {
        norms
            .iter()
            .map(|n| {
                format!(
                    "{}\t{} {}\t{}\t{}",
                    n.id, n.value, n.unit, n.title_zh, n.source
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }))
}

/// `junheng db …`: the database file itself.
#[derive(clap::Subcommand)]
pub enum DbCmd {
    /// List the automatic backups of the database (newest first): one before every import and
    /// one a day, the newest 20 kept, in a `backups` folder beside it.
    Backups {
        #[command(flatten)]
        db: DbArg,
    },
    /// Replace the database by one of its backups (after checking the backup is whole, and
    /// keeping a backup of what it replaces). Nothing may have the database open.
    Restore {
        #[command(flatten)]
        db: DbArg,
        /// The backup file to restore.
        #[arg(long)]
        from: PathBuf,
    },
    /// Copy counties between databases — a planner's SQLite file and a PostgreSQL server, either
    /// way — with everything stored for them: base data, places, actuals, norm overrides,
    /// scenarios, the 户籍 table and the change log (undo keeps working). Each county is one
    /// transaction in the target; one that is there already is refused unless --replace.
    /// Accounts and the audit log stay where they are.
    Copy {
        /// Source database (path, sqlite:PATH or postgres://…).
        #[arg(long)]
        from: PathBuf,
        /// Target database (created when it is a new SQLite file).
        #[arg(long)]
        to: PathBuf,
        /// Only this county (default: every county of the source).
        #[arg(long)]
        county: Option<String>,
        /// Replace a county the target has already.
        #[arg(long)]
        replace: bool,
    },
}

/// `junheng db copy`: every county (or one) from one store into another.
async fn copy(
    from: &Path,
    to: &Path,
    county: Option<String>,
    replace: bool,
) -> Result<String, CliError> {
    let source = Ctx::open(&location(Some(from)), false, OpenMode::Existing).await?;
    let target_loc = location(Some(to));
    let target = match Ctx::open(&target_loc, false, OpenMode::CreateIfMissing).await {
        Ok(t) => t,
        Err(e) => {
            source.store.close().await;
            return Err(e.into());
        }
    };
    let result = copy_counties(&source, &target, county, replace).await;
    source.store.close().await;
    target.store.close().await;
    let lines = result?;
    Ok(format!("{}\n→ {}", lines.join("\n"), target_loc.shown()))
}

async fn copy_counties(
    source: &Ctx,
    target: &Ctx,
    county: Option<String>,
    replace: bool,
) -> Result<Vec<String>, CliError> {
    let codes = match county {
        Some(code) => vec![code],
        None => source.store.county_codes().await?,
    };
    if codes.is_empty() {
        return Err(CliError::refused(
            "源数据库中没有任何县（区）",
            "the source database holds no county",
        ));
    }
    let there = target.store.county_codes().await?;
    let mut lines = Vec::new();
    for code in codes {
        let archive = source
            .store
            .export_county(&code)
            .await?
            .ok_or_else(|| junheng_api::ApiError::county_not_found(&code))?;
        if there.contains(&code) {
            if !replace {
                return Err(CliError::refused(
                    format!("目标数据库已有县（区）{code}，未复制任何数据（加 --replace 覆盖）"),
                    format!("the target already holds county {code}; nothing of it was copied (add --replace to overwrite it)"),
                ));
            }
            target.store.remove_county(&code).await?;
        }
        let outcome = target.store.import_county(&archive).await?;
        let d = &archive.dataset;
        lines.push(format!(
            "{} {}: {} townships, {} facilities, {} places, {} scenarios, {} changes{}",
            code,
            d.county.name,
            d.townships.len(),
            d.facilities.len(),
            d.places.len(),
            archive.scenarios.len(),
            archive.changes.len(),
            match outcome {
                junheng_store::SeqOutcome::Kept => "",
                junheng_store::SeqOutcome::Renumbered =>
                    " (change numbers renumbered after the target's own, order kept)",
            }
        ));
    }
    Ok(lines)
}

pub async fn db_cmd(cmd: DbCmd) -> Result<String, CliError> {
    match cmd {
        DbCmd::Copy {
            from,
            to,
            county,
            replace,
        } => copy(&from, &to, county, replace).await,
        DbCmd::Backups { db } => {
            let path = sqlite_path(db.db.as_deref(), "db backups")?;
            let list = list_backups(&path);
            if list.is_empty() {
                return Ok(format!("no backups of {}", path.display()));
            }
            Ok(list
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n"))
        }
        DbCmd::Restore { db, from } => {
            let path = sqlite_path(db.db.as_deref(), "db restore")?;
            let kept = restore_backup(&path, &from)
                .await
                .map_err(junheng_api::ApiError::from)?;
            // Opening it once more checks what was restored.
            let store = SqliteStore::open_with(&path, OpenMode::Existing)
                .await
                .map_err(junheng_api::ApiError::from)?;
            store.close().await;
            Ok(format!(
                "restored {} from {} (the replaced database is kept as {})",
                path.display(),
                from.display(),
                kept.display()
            ))
        }
    }
}

/// The language of the user's messages.
pub fn lang() -> Lang {
    Lang::from_env()
}

pub fn lang_is_en() -> bool {
    lang() == Lang::En
}
