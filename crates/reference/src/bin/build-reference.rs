//! Builds data/reference/national.bin from the committed sources.
//!
//! ```sh
//! cargo run -p junheng-reference --features build --bin build-reference            # write
//! cargo run -p junheng-reference --features build --bin build-reference -- --check # compare only
//! ```
//! `--root DIR` reads another checkout. Errors are `FILE:ROW:COLUMN: message`, in English
//! when `JUNHENG_LANG=en`.

use std::process::ExitCode;

use junheng_reference::build::{self, paths, Inputs};

fn main() -> ExitCode {
    let lang = std::env::var("JUNHENG_LANG").unwrap_or_else(|_| "zh".into());
    let mut root = build::repo_root();
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--root" => match args.next() {
                Some(dir) => root = dir.into(),
                None => return usage("--root needs a directory"),
            },
            "--help" | "-h" => return usage(""),
            other => return usage(&format!("unknown argument {other}")),
        }
    }
    let built = match Inputs::read(&root).and_then(|i| build::build(&i)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", e.located(&lang));
            return ExitCode::FAILURE;
        }
    };
    let r = &built.report;
    println!(
        "counties {} (provinces {}, prefectures {}), townships {}, census rows {} county-level + {} province/prefecture ({} rows coded NA skipped, the national row among them), outlines {}, seats {}, bulletins {} rows in {} counties",
        r.counties, r.provinces, r.prefectures, r.townships, r.census_counties, r.census_divisions,
        r.census_uncoded_skipped, r.outlines, r.seats, r.bulletin_rows, r.bulletin_counties
    );
    println!(
        "division names: {} from the census yearbook, {} from DataV, pseudo-prefectures {:?}, disagreements {:?}",
        r.names.from_census.len(),
        r.names.from_datav.len(),
        r.names.pseudo,
        r.names.disagreements
    );
    println!("body {} bytes, file {} bytes", r.body_bytes, r.file_bytes);
    let out = root.join(paths::OUTPUT);
    if check {
        let same = std::fs::read(&out)
            .map(|b| b == built.bytes)
            .unwrap_or(false);
        if same {
            println!("{} is up to date", paths::OUTPUT);
            ExitCode::SUCCESS
        } else {
            eprintln!("{} differs from what the sources build", paths::OUTPUT);
            ExitCode::FAILURE
        }
    } else {
        match std::fs::write(&out, &built.bytes) {
            Ok(()) => {
                println!("wrote {}", paths::OUTPUT);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", out.display());
                ExitCode::FAILURE
            }
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("{problem}");
    }
    eprintln!("usage: build-reference [--check] [--root DIR]");
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
