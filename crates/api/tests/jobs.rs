//! Long work in a job: progress is reported while it runs, `cancel_job` stops it promptly with
//! `job.cancelled`, and a cancelled import leaves the database byte for byte as it was.

use std::time::{Duration, Instant};

use junheng_api::{dispatch, dispatch_job, Ctx};
use serde_json::{json, Value};

async fn demo_ctx(dir: &tempfile::TempDir) -> Ctx {
    Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap()
}

/// An equity search that enumerates many choices: the demo county's townships and
/// `CANDIDATES` added candidate sites, taken `NEW_SITES` at a time.
const NEW_SITES: usize = 4;
const CANDIDATES: usize = 30;

/// Adds candidate childcare sites a few hundred metres from the demo's childcare facilities.
async fn add_candidates(ctx: &Ctx) {
    let all = dispatch(ctx, "get_facilities", json!({})).await.unwrap();
    let childcare: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"].as_str().is_some_and(|id| id.starts_with("CC")))
        .collect();
    assert!(!childcare.is_empty(), "{all}");
    for i in 0..CANDIDATES {
        let mut f = childcare[i % childcare.len()].clone();
        f["id"] = json!(format!("CAND{i:02}"));
        f["name"] = json!(format!("候选点{i}"));
        f["status"] = json!("candidate");
        let d = 0.001 * (1 + i / childcare.len()) as f64;
        f["location"]["lon"] = json!(f["location"]["lon"].as_f64().unwrap() + d);
        f["location"]["lat"] = json!(f["location"]["lat"].as_f64().unwrap() - d);
        dispatch(
            ctx,
            "edit_facility",
            json!({ "author": "测试", "action": "add", "summary": "候选点", "after": f }),
        )
        .await
        .unwrap();
    }
}

fn big_equity() -> Value {
    json!({"category": "childcare", "model": "equity", "new_sites": NEW_SITES, "radius_m": 3000})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_site_search_answers_job_cancelled_promptly() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    add_candidates(&ctx).await;

    // Uncancelled, the same search runs for this long.
    let t = Instant::now();
    dispatch(&ctx, "optimize_sites", big_equity())
        .await
        .unwrap();
    let full = t.elapsed();
    eprintln!("uncancelled equity search: {full:?}");

    let job = ctx.watch_job("siting-1").unwrap();
    let mut progress = job.watch();
    let run = {
        let ctx = ctx.clone();
        tokio::spawn(async move {
            let t = Instant::now();
            let r = dispatch_job(&ctx, "optimize_sites", big_equity(), Some("siting-1")).await;
            (r, t.elapsed())
        })
    };
    // The first report of the search itself, then cancel.
    let mut seen = Vec::new();
    loop {
        progress.changed().await.unwrap();
        let p = progress.borrow_and_update().clone();
        seen.push(p.clone());
        if p.stage == "progress.stage.solve" && p.fraction > 0.15 {
            break;
        }
    }
    let cancelled_at = Instant::now();
    let c = dispatch(&ctx, "cancel_job", json!({ "job": "siting-1" }))
        .await
        .unwrap();
    assert_eq!(c["running"], true);
    let (r, took) = run.await.unwrap();
    let after_cancel = cancelled_at.elapsed();
    let e = r.unwrap_err();
    assert_eq!(e.code.as_str(), "job.cancelled");
    eprintln!("cancelled after {took:?}, {after_cancel:?} after cancel_job; reports {seen:?}");
    assert!(after_cancel < Duration::from_secs(2), "{after_cancel:?}");
    // The search had work left when it stopped: the bar was short of its end, and the whole
    // run is more than the cancelled one.
    assert!(seen.last().unwrap().fraction < 0.9, "{seen:?}");
    assert!(took * 4 < full, "cancelled {took:?}, whole {full:?}");
    // Fractions never go back.
    assert!(seen.windows(2).all(|w| w[0].fraction <= w[1].fraction));
    // The job is gone: a new run with the same id starts afresh and completes.
    dispatch_job(
        &ctx,
        "optimize_sites",
        json!({"category": "childcare", "model": "equity", "new_sites": 1, "radius_m": 3000}),
        Some("siting-1"),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_job_cancelled_before_it_starts_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    let c = dispatch(&ctx, "cancel_job", json!({ "job": "early" }))
        .await
        .unwrap();
    assert_eq!(c["running"], false);
    let e = dispatch_job(&ctx, "get_outlook", json!({}), Some("early"))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "job.cancelled");
    // Another caller's job of the same id is not touched.
    let other = ctx.with_caller("session-b");
    dispatch_job(&other, "get_outlook", json!({}), Some("early"))
        .await
        .unwrap();
    // Bad ids are refused with a located message.
    for bad in ["", "a b", &"x".repeat(65)] {
        let e = dispatch(&ctx, "cancel_job", json!({ "job": bad }))
            .await
            .unwrap_err();
        assert_eq!(e.code.as_str(), "api.bad_request", "{bad}");
    }
}

/// The database's files as they are on disk (the WAL holds what is not yet checkpointed).
fn db_bytes(dir: &tempfile::TempDir) -> Vec<(String, Vec<u8>)> {
    ["j.db", "j.db-wal"]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read(dir.path().join(f)).unwrap_or_default(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_import_leaves_the_database_byte_identical() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_ctx(&dir).await;
    // The demo's facilities with one figure changed: a real change to write.
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/demo/facilities.csv"
    ))
    .unwrap()
    .replace(
        "CC04,云和县实验幼儿园托班,kindergarten_nursery_class,331125003,119.564000,28.100350,public,true,existing,2020,full_day,85,",
        "CC04,云和县实验幼儿园托班,kindergarten_nursery_class,331125003,119.564000,28.100350,public,true,existing,2020,full_day,90,",
    );
    assert!(csv.contains(",full_day,90,"));
    let payload = json!({
        "file_name": "设施.csv",
        "base64": base64::engine::general_purpose::STANDARD.encode(csv.as_bytes()),
    });
    let before = db_bytes(&dir);

    // Cancelled at the last moment it may be: the file is read and checked, the change built.
    let job = ctx.watch_job("imp").unwrap();
    job.on_progress(Box::new(|job, p| {
        if p.stage == "progress.stage.commit" {
            job.cancel();
        }
    }));
    let mut stages = job.watch();
    let e = dispatch_job(&ctx, "import_facilities", payload.clone(), Some("imp"))
        .await
        .unwrap_err();
    assert_eq!(e.code.as_str(), "job.cancelled");
    assert_eq!(stages.borrow_and_update().stage, "progress.stage.commit");
    assert!(
        db_bytes(&dir) == before,
        "a cancelled import changed the database"
    );
    let facilities = dispatch(&ctx, "get_facilities", json!({})).await.unwrap();
    let cc04 = facilities
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "CC04")
        .unwrap()
        .clone();
    assert_eq!(cc04["childcare"]["registered_slots"], 85, "{cc04}");

    // The same import not cancelled writes, so the comparison above could fail.
    let r = dispatch_job(&ctx, "import_facilities", payload, Some("imp2"))
        .await
        .unwrap();
    assert!(r["change"].is_object(), "{r}");
    assert!(db_bytes(&dir) != before);
}
