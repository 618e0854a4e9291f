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
    for (cmd, file) in [
        ("get_dashboard", "dashboard.demo.json"),
        ("get_school_balance", "school_balance.demo.json"),
        ("list_norms", "norms.demo.json"),
        ("get_outlook", "outlook.demo.json"),
    ] {
        let real = dispatch(&ctx, cmd, json!({})).await.unwrap();
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
