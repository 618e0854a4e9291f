//! `junheng county add|list|remove` — counties set up from the bundled national data.

use std::path::PathBuf;

use base64::Engine;
use junheng_api::Lang;
use serde_json::{json, Value};

use crate::db::{lang, open_existing, open_or_create, run_command, DbArg};
use crate::error::CliError;
use crate::output::table_or_json;
use crate::FormatArg;

#[derive(clap::Subcommand)]
pub enum CountyCmd {
    /// Set up a county from the bundled national data: its 7th-census table (常住人口 by age
    /// and sex), its townships (NBS 2023 codes), its outline and seat, and the township
    /// populations of its census bulletin where one is bundled. Prints what it found and what
    /// is missing; nothing is invented. Province, prefecture, unknown and abolished codes are
    /// refused with the reason and nothing is written.
    Add {
        /// 6-digit county-level code (NBS 2023), e.g. 330122.
        code: String,
        #[command(flatten)]
        db: DbArg,
        /// For a unit created after the 2020 census: its resident population by age band and
        /// sex, in the 户籍 table layout (年龄组,男,女 or age_band,male,female).
        #[arg(long)]
        population: Option<PathBuf>,
        #[command(flatten)]
        out: FormatArg,
    },
    /// The counties stored: code, name, province, prefecture, townships and data completeness.
    ///
    /// JSON: [{"code", "name", "province", "prefecture", "townships",
    /// "townships_with_population", "townships_with_boundary", "townships_estimated_boundary",
    /// "townships_with_seat", "places", "childcare_facilities", "elderly_facilities", "schools",
    /// "school_sections", "sample_facilities", "has_hukou", "has_outline",
    /// "resident_population", "unallocated_population"}].
    List {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        out: FormatArg,
    },
    /// Remove a county and everything stored for it (scenarios, overrides, change log).
    Remove {
        code: String,
        #[command(flatten)]
        db: DbArg,
        /// Confirm the removal.
        #[arg(long)]
        yes: bool,
    },
}

fn notes(report: &Value, key: &str, lang: Lang) -> Vec<String> {
    report[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            n[match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            }]
            .as_str()
            .unwrap_or("")
            .to_string()
        })
        .collect()
}

pub async fn run(cmd: CountyCmd) -> Result<String, CliError> {
    match cmd {
        CountyCmd::Add {
            code,
            db,
            population,
            out: FormatArg { format },
        } => {
            let mut payload = json!({ "code": code });
            if let Some(file) = population {
                let f = junheng_io::read_import_file(&file)?;
                payload["population_file_name"] = json!(f.shown);
                payload["population_base64"] =
                    json!(base64::engine::general_purpose::STANDARD.encode(f.bytes));
            }
            // The code is checked before any file is created or touched.
            junheng_api::check_county_code(&code, payload.get("population_base64").is_some())?;
            let (ctx, path) = open_or_create(db.db.as_deref()).await?;
            let report = run_command(&ctx, "create_county", payload).await?;
            Ok(table_or_json(format, &report, &|r| add_table(r, &path)))
        }
        CountyCmd::List {
            db,
            out: FormatArg { format },
        } => {
            let ctx = open_existing(db.db.as_deref()).await?;
            let out = run_command(&ctx, "list_counties", json!({})).await?;
            Ok(table_or_json(format, &out, &list_table))
        }
        CountyCmd::Remove { code, db, yes } => {
            if !yes {
                return Err(CliError::refused(
                    format!("删除县（区）{code} 将删除其数据、方案和修改记录；请加 --yes 确认"),
                    format!("removing county {code} deletes its data, scenarios and change log; add --yes to confirm"),
                ));
            }
            let ctx = open_existing(db.db.as_deref()).await?;
            run_command(&ctx, "remove_county", json!({ "code": code })).await?;
            Ok(format!("removed county {code}"))
        }
    }
}

/// What `county add` found and what is missing, in the user's language.
fn add_table(report: &Value, path: &str) -> String {
    let lang = lang();
    let mut out = vec![format!(
        "{} {} {} {} → {}",
        report["code"].as_str().unwrap_or(""),
        report["province"]["name"].as_str().unwrap_or(""),
        report["prefecture"]["name"].as_str().unwrap_or(""),
        report["name"].as_str().unwrap_or(""),
        path
    )];
    let (found, missing) = match lang {
        Lang::Zh => ("已有", "缺少"),
        Lang::En => ("found", "missing"),
    };
    out.extend(
        notes(report, "found", lang)
            .into_iter()
            .map(|n| format!("  {found}: {n}")),
    );
    out.extend(
        notes(report, "missing", lang)
            .into_iter()
            .map(|n| format!("  {missing}: {n}")),
    );
    out.join("\n")
}

fn list_table(out: &Value) -> String {
    let mut s = format!(
        "{:<7} {:<12} {:<10} {:<12} {:>10} {:>8} {:>8} {:>8} {:>6} {:>6}\n",
        "code",
        "name",
        "province",
        "prefecture",
        "常住人口",
        "乡镇",
        "有人口",
        "有边界",
        "设施",
        "未分配"
    );
    for c in out.as_array().into_iter().flatten() {
        let n = |k: &str| c[k].as_u64().unwrap_or(0);
        s.push_str(&format!(
            "{:<7} {:<12} {:<10} {:<12} {:>10} {:>8} {:>8} {:>8} {:>6} {:>6}\n",
            c["code"].as_str().unwrap_or(""),
            c["name"].as_str().unwrap_or(""),
            c["province"].as_str().unwrap_or(""),
            c["prefecture"].as_str().unwrap_or(""),
            n("resident_population"),
            n("townships"),
            n("townships_with_population"),
            n("townships_with_boundary"),
            n("childcare_facilities") + n("elderly_facilities") + n("schools"),
            n("unallocated_population"),
        ));
    }
    s
}
