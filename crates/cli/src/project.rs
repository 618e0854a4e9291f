//! `junheng project` — cohort-component population projection of a county (or the nation) from
//! the 7th-census yearbook table, with optional known births, migration and assumptions.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use junheng_core::limits::LAST_PROJECTION_YEAR as LAST_YEAR;
use junheng_core::projection::{
    project_census, validate_national, E0Path, FertilityAssumption, Rates, RegionInputs, Variant,
    YearSummary, BASE_DATE, BASE_YEAR,
};
use junheng_io::{read_births_file, read_census_file, read_migration_file, CensusRow};
use serde::Serialize;

use crate::error::CliError;
use crate::output::{render, FormatCsvArg, Views};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum VariantArg {
    Low,
    Medium,
    High,
}

/// `junheng project --census FILE --region CODE|national [--from 2020] [--to 2035] …`
#[derive(Args, Debug)]
pub struct ProjectArgs {
    /// 7th-census county yearbook table (CSV UTF-8/GBK or XLSX), e.g.
    /// data/census/china_census2020_county_yearbook.csv.
    #[arg(long)]
    pub census: PathBuf,
    /// 6-digit 区划代码 of the county, or `national` for the 全国 row.
    #[arg(long, required_unless_present_any = ["validate_national", "bench_all_counties"])]
    pub region: Option<String>,
    /// First year-end reported (2020 = 2020-12-31; flows of 2020 cover Nov–Dec only).
    #[arg(long, default_value_t = BASE_YEAR)]
    pub from: i32,
    /// Last year-end reported.
    #[arg(long, default_value_t = 2035)]
    pub to: i32,
    /// Known births per calendar year, CSV `year,births` (persons); they replace the model.
    #[arg(long)]
    pub births: Option<PathBuf>,
    /// Medium total fertility rate from 2021 on (default 1.0 ⚠️ assumption; 2020 uses 1.3).
    #[arg(long)]
    pub tfr: Option<f64>,
    /// Fertility variant: TFR −0.2 / medium / +0.2.
    #[arg(long, value_enum, default_value = "medium")]
    pub variant: VariantArg,
    /// Male life expectancy, held for every year (with --e0-female; default: national path).
    #[arg(long, requires = "e0_female")]
    pub e0_male: Option<f64>,
    /// Female life expectancy, held for every year (with --e0-male).
    #[arg(long, requires = "e0_male")]
    pub e0_female: Option<f64>,
    /// Sex ratio at birth, males per female (7th census: 1.113).
    #[arg(long, default_value_t = 1.113)]
    pub srb: f64,
    /// Net migration, CSV `year,sex,age,net` (sex male|female, age 0..100 at year-end; 100 =
    /// 100+; net persons, negative = net out-migration).
    #[arg(long)]
    pub migration: Option<PathBuf>,
    #[command(flatten)]
    pub out: FormatCsvArg,
    /// Project the national row with NBS births 2021–2025 and compare with NBS year-end figures.
    #[arg(long)]
    pub validate_national: bool,
    /// Benchmark: project every county-level row 2020→2035 and report the wall time.
    #[arg(long, hide = true)]
    pub bench_all_counties: bool,
}

fn is_national(row: &CensusRow) -> bool {
    row.code.is_none() && row.province == "全国"
}

/// County-level rows: 6-digit codes not ending in 00 (provinces end in 0000, prefectures in
/// 00), plus the NA-coded development zones and islands (not the national row, not the
/// "省直辖县级行政区划" aggregates whose county name repeats the prefecture).
fn is_county(row: &CensusRow) -> bool {
    match &row.code {
        Some(c) => c.len() == 6 && !c.ends_with("00"),
        None => !is_national(row) && row.county != row.prefecture,
    }
}

fn find_region<'a>(
    rows: &'a [CensusRow],
    region: &str,
    file: &str,
) -> Result<&'a CensusRow, CliError> {
    let want = region.trim();
    let found = if want.eq_ignore_ascii_case("national") || want == "全国" {
        rows.iter().find(|r| is_national(r))
    } else {
        rows.iter().find(|r| r.code.as_deref() == Some(want))
    };
    found.ok_or_else(|| {
        CliError::arg(
            "--region",
            format!("{file} 中没有 `{want}`（请用文件中的 6 位区划代码，或 `national`）"),
            format!(
                "`{want}` not found in {file} (use a 6-digit 区划代码 of the file, or `national`)"
            ),
        )
    })
}

/// JSON output, fields in this order. `region.code` is null for the national row (coded NA in
/// the yearbook).
#[derive(Serialize)]
struct Output<'a> {
    region: Region<'a>,
    base_date: &'a str,
    years: &'a [YearSummary],
}

#[derive(Serialize)]
struct Region<'a> {
    code: Option<&'a str>,
    name: &'a str,
}

fn assumptions(args: &ProjectArgs) -> (E0Path, FertilityAssumption) {
    let e0 = match (args.e0_male, args.e0_female) {
        (Some(male), Some(female)) => E0Path::Fixed { male, female },
        _ => E0Path::national_default(),
    };
    let mut fertility = FertilityAssumption {
        srb: args.srb,
        variant: match args.variant {
            VariantArg::Low => Variant::Low,
            VariantArg::Medium => Variant::Medium,
            VariantArg::High => Variant::High,
        },
        ..Default::default()
    };
    if let Some(tfr) = args.tfr {
        fertility.tfr = tfr;
    }
    (e0, fertility)
}

pub fn run(args: ProjectArgs) -> Result<String, CliError> {
    if args.validate_national {
        return validate(&args.census);
    }
    if args.bench_all_counties {
        return bench(&args);
    }
    if args.from < BASE_YEAR || args.to < args.from || args.to > LAST_YEAR {
        return Err(CliError::arg(
            "--from/--to",
            format!(
                "须满足 {BASE_YEAR} ≤ from ≤ to ≤ {LAST_YEAR}，收到 {}..{}",
                args.from, args.to
            ),
            format!(
                "expected {BASE_YEAR} ≤ from ≤ to ≤ {LAST_YEAR}, got {}..{}",
                args.from, args.to
            ),
        ));
    }
    let mut inputs = RegionInputs::default();
    if let Some(path) = &args.births {
        inputs.births = read_births_file(path)?;
    }
    if let Some(path) = &args.migration {
        inputs.migration = read_migration_file(path)?;
    }
    let rows = read_census_file(&args.census)?;
    let region = args.region.as_deref().unwrap_or("national");
    let row = find_region(&rows, region, &args.census.display().to_string())?;
    let (e0, fertility) = assumptions(&args);
    let rates = Rates::new(&e0, &fertility, args.to).map_err(assumption)?;
    let years: Vec<YearSummary> = project_census(&row.population, &rates, &inputs)
        .iter()
        .filter(|y| y.year >= args.from)
        .map(|y| y.summary())
        .collect();
    let out = Output {
        region: Region {
            code: row.code.as_deref(),
            name: &row.county,
        },
        base_date: BASE_DATE,
        years: &years,
    };
    Ok(render(
        args.out.format,
        &out,
        Views {
            table: &table,
            csv: Some(&csv),
        },
    ))
}

/// A projection assumption out of its domain (TFR, e0, SRB): an argument of the command.
fn assumption(e: impl std::fmt::Display) -> CliError {
    CliError::arg(
        "--tfr/--e0-*/--srb",
        format!("预测假设无效：{e}"),
        format!("invalid assumption: {e}"),
    )
}

fn csv(out: &Output) -> String {
    let mut s = YearSummary::COLUMNS.join(",");
    s.push('\n');
    for y in out.years {
        s.push_str(&y.year.to_string());
        for v in y.values() {
            s.push(',');
            s.push_str(&v.to_string());
        }
        s.push('\n');
    }
    s.trim_end().to_string()
}

/// Whole persons per year-end, one row a year.
fn table(out: &Output) -> String {
    let mut s = format!(
        "{} {} ({})\n",
        out.region.code.unwrap_or("全国"),
        out.region.name,
        out.base_date
    );
    for c in YearSummary::COLUMNS {
        s.push_str(&format!("{c:>11}"));
    }
    s.push('\n');
    for y in out.years {
        s.push_str(&format!("{:>11}", y.year));
        for v in y.values() {
            s.push_str(&format!("{v:>11.0}"));
        }
        s.push('\n');
    }
    s
}

fn validate(census: &Path) -> Result<String, CliError> {
    let rows = read_census_file(census)?;
    let row = find_region(&rows, "national", &census.display().to_string())?;
    let checks = validate_national(&row.population).map_err(|e| CliError::Engine(e.to_string()))?;
    let mut s = String::from(
        "National row (全国, 31 provinces) projected from 2020-11-01 with NBS births 2021–2025\n\
         (1062, 956, 902, 954, 792 万), default e0; totals include 200万 active military.\n\n",
    );
    s.push_str(&format!(
        "{:<12} {:>5} {:>14} {:>12} {:>9} {:>10}\n",
        "indicator", "year", "projected(万)", "NBS(万)", "error", "tolerance"
    ));
    for c in &checks {
        s.push_str(&format!(
            "{:<12} {:>5} {:>14.1} {:>12.0} {:>+8.3}% {:>9}%\n",
            c.indicator,
            c.year,
            c.projected / 1e4,
            c.nbs / 1e4,
            c.error_pct,
            c.tolerance_pct
        ));
    }
    if checks.iter().all(|c| c.passes()) {
        s.push_str("\nall four within their tolerance");
        Ok(s)
    } else {
        Err(CliError::CheckFailed(format!(
            "{s}\nsome errors exceed their tolerance"
        )))
    }
}

fn bench(args: &ProjectArgs) -> Result<String, CliError> {
    let t0 = Instant::now();
    let rows = read_census_file(&args.census)?;
    let read = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let (e0, fertility) = assumptions(args);
    let rates = Rates::new(&e0, &fertility, 2035).map_err(assumption)?;
    let inputs = RegionInputs::default();
    let mut counties = 0usize;
    let mut years = 0usize;
    let mut checksum = 0.0;
    for row in rows.iter().filter(|r| is_county(r)) {
        let out = project_census(&row.population, &rates, &inputs);
        counties += 1;
        years += out.len();
        checksum += out.last().map(|y| y.summary().total).unwrap_or(0.0);
    }
    let secs = t1.elapsed().as_secs_f64();
    Ok(format!(
        "counties: {counties}\nyears projected: {years} (2020→2035)\nseconds (projection, wall): {secs:.4}\n\
         years/sec: {:.0}\nseconds (reading the census file): {read:.4}\nsum of 2035 totals: {checksum:.0}",
        years as f64 / secs
    ))
}
