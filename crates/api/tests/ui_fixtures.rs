//! The UI's fixtures are the backend's real answers for the demo county. The UI type-checks
//! them against its TypeScript types (vue-tsc) and its tests run on them, so this test is the
//! link that makes a change of a response shape fail CI until both sides agree.
//! Regenerate with `UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures`.

use std::path::PathBuf;

use junheng_api::{dispatch, Ctx};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/fixtures")
        .join(name)
}

#[tokio::test]
async fn ui_fixtures_equal_the_real_responses() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::open_sqlite(&dir.path().join("j.db"), true)
        .await
        .unwrap();
    let update = std::env::var_os("UPDATE_UI_FIXTURES").is_some();
    let mut stale = Vec::new();
    let siting =
        json!({"category": "childcare", "model": "pmedian", "new_sites": 2, "radius_m": 1000});
    for (cmd, file, payload) in [
        ("get_dashboard", "dashboard.demo.json", json!({})),
        ("get_school_balance", "school_balance.demo.json", json!({})),
        ("list_norms", "norms.demo.json", json!({})),
        ("get_outlook", "outlook.demo.json", json!({})),
        ("optimize_sites", "siting.demo.json", siting),
    ] {
        let mut real = dispatch(&ctx, cmd, payload).await.unwrap();
        // Timings differ run to run; the fixture holds the rest exactly.
        if let Some(s) = real.get_mut("seconds") {
            *s = json!(0.0);
        }
        // Compared as text: re-parsing printed floats is not always bit-exact.
        let real = serde_json::to_string_pretty(&real).unwrap() + "\n";
        let path = fixture(file);
        if update {
            std::fs::write(&path, real).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != real {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "UI fixtures differ from the backend: {stale:?}; run UPDATE_UI_FIXTURES=1 cargo test -p junheng-api --test ui_fixtures and check the UI types"
    );
}
