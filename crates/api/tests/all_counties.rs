//! Every county of the 7th-census yearbook that still has a code in the NBS 2023 list is set up
//! with `create_county` into one database, and read back: its 常住人口 by age band and sex is the
//! yearbook's row, its townships are the 2023 code list (codes and names, in order).
//!
//! It also prints the figures the benchmark (`bench/counties.sh`, release build) reports: the time
//! for all of them, the slowest single county and the size of the database. The test asserts
//! the data, never the time.

use std::time::Instant;

use junheng_api::{dispatch, Ctx};
use junheng_reference::national;
use serde_json::json;

#[tokio::test(flavor = "current_thread")]
#[ignore = "takes minutes: run in release by bench/counties.sh"]
async fn every_census_county_with_a_2023_code_is_set_up_in_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.db");
    let ctx = Ctx::open_sqlite(&path, false).await.unwrap();
    let n = national();
    let codes: Vec<&str> = n
        .census_rows()
        .iter()
        .map(|r| r.code.as_str())
        .filter(|c| n.county(c).is_some())
        .collect();
    // 2,943 units in the yearbook, 36 of them with a code abolished since 2020 (330103 下城区
    // and the rest of the reform's list); the count is the reference facts' figure.
    assert_eq!(n.census_rows().len(), 2943);
    assert_eq!(codes.len(), 2943 - 36);

    let all = Instant::now();
    let mut slowest = (0.0f64, "");
    for code in &codes {
        let t = Instant::now();
        dispatch(&ctx, "create_county", json!({ "code": code }))
            .await
            .unwrap_or_else(|e| panic!("{code}: {e:?}"));
        let s = t.elapsed().as_secs_f64();
        if std::env::var("ALLC_TRACE").is_ok() {
            eprintln!("{code} {s:.3} total {:.1}", all.elapsed().as_secs_f64());
        }
        if s > slowest.0 {
            slowest = (s, code);
        }
    }
    let create_s = all.elapsed().as_secs_f64();

    for code in &codes {
        let d = ctx.store.load_dataset(code).await.unwrap().unwrap();
        assert_eq!(
            d.population,
            n.census(code).unwrap().population,
            "{code}: population differs from the yearbook"
        );
        let stored: Vec<(&str, &str)> = d
            .townships
            .iter()
            .map(|t| (t.code.as_str(), t.name.as_str()))
            .collect();
        let listed: Vec<(&str, &str)> = n
            .townships(code)
            .iter()
            .map(|t| (t.code.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(
            stored, listed,
            "{code}: townships differ from the 2023 list"
        );
    }
    let summaries = ctx.store.counties().await.unwrap();
    assert_eq!(summaries.len(), codes.len());

    ctx.store.close().await;
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "county add: {} counties in {create_s:.1} s ({:.1} ms each on average); slowest {} in {:.0} ms; database {:.1} MiB",
        codes.len(),
        create_s * 1000.0 / codes.len() as f64,
        slowest.1,
        slowest.0 * 1000.0,
        bytes as f64 / 1048576.0
    );
}
