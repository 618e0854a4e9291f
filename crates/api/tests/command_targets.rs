//! The command list says which county each command acts on (servers check scopes with it):
//! every command marked `County` takes a `county` field, every `Code` one a `code` field,
//! every `Scope` one a `scope` field, and a `Global` one none of them.

use junheng_api::{dispatch, Ctx, ErrorCode, Target, COMMANDS};
use serde_json::json;

fn mentions_unknown(e: &junheng_api::ApiError, field: &str) -> bool {
    e.code == ErrorCode::BadRequest && e.message.contains(&format!("unknown field `{field}`"))
}

#[tokio::test]
async fn targets_match_the_request_fields() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::open_sqlite(&dir.path().join("t.db"), false)
        .await
        .unwrap();
    for c in COMMANDS.iter().filter(|c| c.served()) {
        let county = dispatch(&ctx, c.name, json!({ "county": "999999" })).await;
        let code = dispatch(&ctx, c.name, json!({ "code": "999999" })).await;
        let scope = dispatch(&ctx, c.name, json!({ "scope": "999999" })).await;
        let scope_taken = !matches!(&scope, Err(e) if mentions_unknown(e, "scope"));
        let county_taken = !matches!(&county, Err(e) if mentions_unknown(e, "county"));
        let code_taken = !matches!(&code, Err(e) if mentions_unknown(e, "code"));
        match c.target {
            Target::County => assert!(county_taken, "{} must take `county`", c.name),
            Target::Code => assert!(
                code_taken && !county_taken,
                "{} must take `code`, not `county`",
                c.name
            ),
            Target::Scope => assert!(
                scope_taken && !county_taken && !code_taken,
                "{} must take `scope`, not `county` or `code`",
                c.name
            ),
            Target::Global => assert!(
                !county_taken && !code_taken && !scope_taken,
                "{} is marked Global but takes a county",
                c.name
            ),
        }
    }
    let downloads = COMMANDS
        .iter()
        .find(|c| c.name == "save_to_downloads")
        .unwrap();
    assert!(!downloads.served());
}
