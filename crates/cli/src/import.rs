use std::path::PathBuf;

use base64::Engine;
use serde_json::{json, Value};

use crate::db::{open_existing, run_command, CountyArg, DbArg};
use crate::error::CliError;
use crate::output::table_or_json;
use crate::FormatArg;
use junheng_io::FileBytes;

/// The options every import takes.
#[derive(clap::Args, Clone, Debug)]
pub struct ImportArgs {
    /// The file to import.
    file: PathBuf,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    county: CountyArg,
    /// Check only; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Who imports (recorded in the change log).
    #[arg(long)]
    author: Option<String>,
    /// `table`: what was imported (or would be, with --dry-run); `json`: the import's report.
    #[command(flatten)]
    out: FormatArg,
}

/// What `junheng import` can bring in.
#[derive(clap::Subcommand)]
pub enum ImportCmd {
    /// Facilities of every kind (CSV UTF-8/GBK or XLSX; English or Chinese template headers).
    /// Rows whose id is stored replace that facility; the rest are added. Every bad cell is
    /// printed as FILE:ROW:COLUMN: message and nothing is written.
    Facilities {
        #[command(flatten)]
        args: ImportArgs,
        /// Frame of the file's coordinates (WGS84/CGCS2000 are converted to the stored GCJ-02).
        #[arg(long, value_enum, default_value = "gcj02")]
        crs: CrsArg,
    },
    /// Township 常住人口 (columns code, resident_population and optionally name; or the Chinese
    /// template headers 乡镇（街道）代码, 名称, 常住人口). Each township keeps its age structure at
    /// the new total; what townships give up or take goes to or from the county's 未分配
    /// remainder, so a partial file never shrinks the county.
    Zones {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// 村/社区 points with their 常住人口 (村/社区代码, 名称, 经度, 纬度, 常住人口, or code, name,
    /// lon, lat, population). They replace the county's points and put its residents where they
    /// live in the accessibility grid.
    Places {
        #[command(flatten)]
        args: ImportArgs,
        #[arg(long, value_enum, default_value = "gcj02")]
        crs: CrsArg,
    },
    /// School sections (the `balance` columns, or the Chinese template headers): each school
    /// code must be a school among the county's facilities; their sections are replaced.
    Schools {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// One year's actuals (动态监测), in the yearly template: a row per facility (设施编号, 在托人数,
    /// 入住人数, 其中失能人数, 小学/初中/高中在校生) and a 全县 row (出生登记人数, 死亡登记人数,
    /// 全县在托婴幼儿数, 年末常住人口, 年末户籍人口). Prints what changed since the year before.
    Actuals {
        #[command(flatten)]
        args: ImportArgs,
        /// The year the figures are for.
        #[arg(long)]
        year: i32,
    },
    /// The county's 户籍人口 (registered population) by census age band and sex, for the 户籍
    /// view of the projection: rows `age_band,male,female` (or 年龄组,男,女), bands 0, 1-4, 5-9
    /// … 80-84, 85+, each once.
    Hukou {
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Township boundaries (GeoJSON FeatureCollection; each feature's `code` (or 区划代码) is a
    /// 9-digit township code of the county). Coordinates in WGS84 or CGCS2000 are converted to
    /// GCJ-02, the frame Junheng stores; area, centroid and label point are recomputed.
    Boundaries {
        #[command(flatten)]
        args: ImportArgs,
        /// Frame of the file's coordinates.
        #[arg(long, value_enum, default_value = "wgs84")]
        crs: CrsArg,
    },
}

/// Coordinate frame of a file.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
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

fn list_len(v: &Value, key: &str) -> usize {
    v[key].as_array().map_or(0, |a| a.len())
}

/// One line saying what the import did (or would do, on a dry run).
fn summary(command: &str, shown: &str, r: &Value, dry_run: bool) -> String {
    let body = match command {
        "import_hukou" => format!(
            "户籍人口 {} ({:+} against the 常住人口)",
            r["total"],
            r["minus_resident"].as_i64().unwrap_or(0)
        ),
        "import_boundaries" => format!(
            "{} features: {} townships updated{}",
            r["features"],
            list_len(r, "updated"),
            Some(list_len(r, "facilities_outside"))
                .filter(|n| *n > 0)
                .map(|n| format!("; facilities now outside their township: {n}"))
                .unwrap_or_default()
        ),
        "import_zones" => format!(
            "{} rows: {} townships set; county population {}, unallocated {}{}",
            r["rows"],
            list_len(r, "updated"),
            r["county_population"],
            r["unallocated_population"],
            r["county_growth"]
                .as_u64()
                .filter(|g| *g > 0)
                .map(|g| format!(" (the townships hold {g} more than the county had)"))
                .unwrap_or_default()
        ),
        "import_places" => format!(
            "{} village/community points, {} residents",
            r["rows"], r["population"]
        ),
        "import_actuals" => {
            let mut s = format!(
                "{} actuals of {} facilities{}",
                r["year"],
                r["facilities"],
                if r["county_row"] == true {
                    " and the county"
                } else {
                    ""
                }
            );
            for c in r["changes_since_previous_year"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let n = |v: &Value| v.as_f64().map_or("—".to_string(), |x| format!("{x}"));
                s.push_str(&format!(
                    "\n  {} {} {}: {} → {}",
                    c["subject"].as_str().unwrap_or(""),
                    c["name"].as_str().unwrap_or(""),
                    c["field"].as_str().unwrap_or(""),
                    n(&c["previous"]),
                    n(&c["value"])
                ));
            }
            s
        }
        "import_schools" => format!(
            "{} school sections of {} schools",
            r["rows"],
            list_len(r, "schools")
        ),
        _ => format!(
            "{} rows: {} added, {} updated",
            r["rows"],
            list_len(r, "added"),
            list_len(r, "updated")
        ),
    };
    let mut out = format!(
        "{shown} {body}{}",
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    );
    // Warnings do not stop an import; they are what the planner should look at again.
    let zh = !crate::db::lang_is_en();
    for w in r["warnings"].as_array().into_iter().flatten() {
        let m = if zh {
            &w["message_zh"]
        } else {
            &w["message_en"]
        };
        out.push_str(&format!(
            "\n{}: {}",
            if zh { "提示" } else { "warning" },
            m.as_str().unwrap_or("")
        ));
    }
    out
}

pub async fn run(cmd: ImportCmd) -> Result<String, CliError> {
    let mut year_arg = None;
    let (command, args, crs) = match cmd {
        ImportCmd::Facilities { args, crs } => ("import_facilities", args, Some(crs.key())),
        ImportCmd::Zones { args } => ("import_zones", args, None),
        ImportCmd::Places { args, crs } => ("import_places", args, Some(crs.key())),
        ImportCmd::Schools { args } => ("import_schools", args, None),
        ImportCmd::Hukou { args } => ("import_hukou", args, None),
        ImportCmd::Actuals { args, year } => {
            year_arg = Some(year);
            ("import_actuals", args, None)
        }
        ImportCmd::Boundaries { args, crs } => ("import_boundaries", args, Some(crs.key())),
    };
    let FileBytes { shown, bytes } = junheng_io::read_import_file(&args.file)?;
    let ctx = open_existing(args.db.db.as_deref()).await?;
    let mut payload = json!({
        "county": args.county.county,
        "file_name": shown,
        "base64": base64::engine::general_purpose::STANDARD.encode(bytes),
        "dry_run": args.dry_run,
    });
    if let Some(crs) = crs {
        payload["crs"] = json!(crs);
    }
    if let Some(a) = &args.author {
        payload["author"] = json!(a);
    }
    if let Some(y) = year_arg {
        payload["year"] = json!(y);
    }
    let report = run_command(&ctx, command, payload).await?;
    Ok(table_or_json(args.out.format, &report, &|r| {
        summary(command, &shown, r, args.dry_run)
    }))
}
