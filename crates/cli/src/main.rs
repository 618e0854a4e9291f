//! `junheng` — the command-line host. Engine commands read plain files and print JSON; database
//! commands go through the same command surface as the desktop app.

/// The server answers many small requests at once from two worker threads; the system
/// allocator spent about a third of its time in malloc and free under the load benchmark
/// (bench/server_load.sh), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod access;
mod balance;
mod county;
mod cover;
mod db;
mod error;
mod import;
mod interrupt;
mod locate;
mod norms_file;
mod output;
mod project;
mod serve;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;
pub use crate::output::{Format, FormatArg};

#[derive(Parser)]
#[command(
    name = "junheng",
    version,
    about = "均衡 Junheng — county public-service capacity planner (托位 / 养老床位 / 义务教育学校)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create (or reset) a database holding the demo county 云和县 (331125).
    Demo {
        #[command(flatten)]
        db: db::DbArg,
    },
    /// Counties: set one up from the bundled national data, list them, remove one.
    #[command(subcommand)]
    County(county::CountyCmd),
    /// The database file: its automatic backups and restoring one.
    #[command(subcommand)]
    Db(db::DbCmd),
    /// Assess the stored county: population, 托位, 养老床位, schools meeting the standard.
    ///
    /// Without --as-of: the census base (2020) with the facilities as they stand, as always
    /// ("basis": "census_2020"). With --as-of YEAR: residents projected to year-end YEAR and the
    /// facilities in service that year ("basis": "as_of_YEAR"), as the dashboard shows them.
    ///
    /// JSON: {"county": {...}, "townships": [{...}]} with code, name, resident_population,
    /// childcare_slots, slots_per_1000, population_60_plus, institution_beds, nursing_beds,
    /// nursing_bed_share (0–1), beds_per_1000_elderly, schools_total, schools_meeting_standard,
    /// … unrounded; townships sum to the county.
    Assess {
        #[command(flatten)]
        db: db::DbArg,
        #[command(flatten)]
        county: db::CountyArg,
        /// The year to assess (2020–2035): projected year-end residents, facilities in service.
        #[arg(long)]
        as_of: Option<i32>,
        /// Provincial or county norm overrides (TOML `[[override]] id = "…" value = …`, or JSON).
        #[arg(long)]
        overrides: Option<PathBuf>,
        #[command(flatten)]
        out: FormatArg,
    },
    /// School balance (优质均衡, 教督〔2017〕6号) of a school-section file (CSV UTF-8/GBK or XLSX).
    ///
    /// Header: school_code,school_name,level,kind,students,classes,max_class_size,
    /// teachers_qualified,teachers_backbone,teachers_pe_art,teaching_area_m2,sports_area_m2,
    /// equipment_value_yuan,multimedia_rooms. JSON: {"levels": [{"level", "school_count",
    /// "students", "passes", "indicators": [{"key", "threshold", "county_mean", "cv",
    /// "cv_limit", "cv_ok", "schools_below"}], "schools": [{"school_code", "values", "met",
    /// "passes", "class_size_ok", "size_ok", …}]}], "improvements": [{"school_code", "level",
    /// "left_short", "additions": [{"resource", "amount", …}], "extra_classes",
    /// "students_over_cap"}], "totals": [{"resource", "amount"}]} — what failing schools need.
    Balance {
        #[arg(long)]
        schools: PathBuf,
        /// Also write the workbook in the layout of the county 督导评估 tables to this XLSX file.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Provincial or county norm overrides (TOML `[[override]] id = "…" value = …`, or JSON).
        #[arg(long)]
        overrides: Option<PathBuf>,
        #[command(flatten)]
        out: FormatArg,
    },
    /// Run any command of the command surface (the same ones the desktop app calls) and print
    /// its JSON response, e.g. `junheng rpc get_dashboard '{}'`.
    Rpc {
        #[command(flatten)]
        db: db::DbArg,
        /// Added to the payload as `county` when it names none.
        #[command(flatten)]
        county: db::CountyArg,
        /// Command name (see `junheng rpc --list`).
        cmd: Option<String>,
        /// JSON payload.
        #[arg(default_value = "{}")]
        payload: String,
        /// List the commands.
        #[arg(long)]
        list: bool,
    },
    /// Population projection (cohort-component, single years of age) from the 7th census.
    ///
    /// JSON: {"region": {"code", "name"}, "base_date": "2020-11-01", "years": [{"year",
    /// "total", "births", "deaths", "age_0_2", "age_3_5", "age_6_11", "age_12_14",
    /// "age_15_17", "age_60_plus", "age_65_plus", "age_80_plus"}]} at 31 Dec, unrounded.
    Project(project::ProjectArgs),
    /// Spatial accessibility (2SFCA, E2SFCA, Gaussian 2SFCA, 3SFCA, gravity) from demand/supply
    /// `id,value` and cost `origin,destination,cost` files; catchment cost ≤ --max-cost.
    Access(access::AccessArgs),
    /// Location–allocation: p-median, p-center, capacitated p-median on benchmark files.
    #[command(subcommand)]
    Locate(locate::LocateCmd),
    /// Known-optimum benchmark (pmed1–40, p-center, SJC, pmedcap1).
    #[command(hide = true)]
    LocateBench {
        #[arg(long)]
        data: PathBuf,
    },
    /// 育儿补贴 and 托育运营补贴 by year: person-years lived under age 3 (on the 户籍 basis when a
    /// 户籍 table is stored, else 常住 with a note) × 3,600 元, its central/provincial/county
    /// shares, operating subsidies for enrolled children, and a scenario's construction subsidies.
    ///
    /// JSON: {"basis", "basis_note_zh", "basis_note_en", "per_child_year_yuan",
    /// "operating_per_child_month_yuan", "total_yuan", "years": [{"year",
    /// "children_under3_person_years", "childcare_subsidy_yuan", "central_yuan",
    /// "provincial_yuan", "county_yuan", "enrolled_children", "enrolled_basis",
    /// "operating_subsidy_yuan", "construction_subsidy_yuan", "total_yuan"}]}.
    Subsidy {
        #[command(flatten)]
        db: db::DbArg,
        #[command(flatten)]
        county: db::CountyArg,
        #[arg(long, default_value_t = 2025)]
        from: i32,
        #[arg(long, default_value_t = 2035)]
        to: i32,
        /// Add the construction subsidies of this scenario's builds.
        #[arg(long)]
        scenario: Option<String>,
        #[command(flatten)]
        out: FormatArg,
    },
    /// 区域总览: every county of a prefecture (331100), a province (330000) or the country
    /// (000000) in a year — residents, need and trend from the census projection for every
    /// county, capacity, gaps and KPIs where a county's data are stored.
    ///
    /// JSON: {"scope", "scope_name", "year", "counties": [{"code", "name", "prefecture",
    /// "province", "stored", "no_population", "resident_population", "children_0_2",
    /// "aged_60_plus", "aged_6_14", "population_change", "children_0_2_change",
    /// "childcare_slots_need", "beds_need", "nursing_beds_need", "childcare_slots",
    /// "institution_beds", "childcare_gap", "beds_gap", "slots_per_1000", "enrolment_rate",
    /// "nursing_bed_share", "beds_per_1000_elderly", "schools_meeting_share", "kpis_met",
    /// "kpis_judged"}]}.
    Overview {
        #[command(flatten)]
        db: db::DbArg,
        /// A province, prefecture or 000000 (the country).
        #[arg(long)]
        scope: String,
        /// The year (2020–2035); this year when absent.
        #[arg(long)]
        year: Option<i32>,
        /// Also write the table as an XLSX workbook.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        #[command(flatten)]
        out: FormatArg,
    },
    /// Import data into the database (transactional: a file with any bad cell writes nothing).
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Serve the UI and the command surface over HTTP (`POST /api/rpc`), read-only by default;
    /// with accounts (`junheng user add`), signed-in users by role and scope.
    Serve(serve::ServeArgs),
    /// Accounts of a shared server: add, list, remove, change a password; the audit log.
    #[command(subcommand)]
    User(user::UserCmd),
    /// List the norms in force with their sources.
    Norms {
        /// Provincial or county norm overrides (TOML `[[override]] id = "…" value = …`, or JSON).
        #[arg(long)]
        overrides: Option<PathBuf>,
        #[command(flatten)]
        out: FormatArg,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            print!("{e}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("{first} (see `junheng --help`)");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async {
        match cli.command {
            Command::Demo { db } => db::demo(db).await,
            Command::County(cmd) => county::run(cmd).await,
            Command::Overview {
                db,
                scope,
                year,
                xlsx,
                out,
            } => db::overview(db, scope, year, xlsx, out.format).await,
            Command::Subsidy {
                db,
                county,
                from,
                to,
                scenario,
                out,
            } => db::subsidy(db, county, from, to, scenario, out.format).await,
            Command::Db(cmd) => db::db_cmd(cmd).await,
            Command::Assess {
                db,
                county,
                as_of,
                overrides,
                out,
            } => db::assess(db, county, as_of, overrides, out.format).await,
            Command::Balance {
                schools,
                xlsx,
                overrides,
                out,
            } => balance::run(&schools, overrides, xlsx, out.format),
            Command::Norms { overrides, out } => db::norms(overrides, out.format),
            Command::Serve(args) => serve::run(args).await.map_err(CliError::Serve),
            Command::User(cmd) => user::run(cmd).await,
            Command::Import(cmd) => import::run(cmd).await,
            Command::Locate(cmd) => locate::run(cmd),
            Command::Access(a) => access::run(a),
            Command::LocateBench { data } => locate::bench(&data),
            Command::Project(args) => project::run(args),
            Command::Rpc {
                db,
                county,
                cmd,
                payload,
                list,
            } => db::rpc(db, county, cmd, &payload, list).await,
        }
    });
    match result {
        Ok(out) => {
            // A closed pipe (`junheng … | head`) is not an error worth a panic.
            use std::io::Write;
            // Tables end in a line break of their own; one is printed.
            let _ = writeln!(std::io::stdout().lock(), "{}", out.trim_end_matches('\n'));
            ExitCode::SUCCESS
        }
        Err(e) => {
            for line in e.render(db::lang()).lines() {
                eprintln!("{line}");
            }
            ExitCode::FAILURE
        }
    }
}
