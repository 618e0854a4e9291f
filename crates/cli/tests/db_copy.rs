//! `junheng db copy`: the demo county and 海原县 with edits, an undone change, overrides and a
//! scenario go SQLite → PostgreSQL → a new SQLite file, and every command answers the same on
//! all three.

mod common;

use common::junheng;
use junheng_store_pg::test_cluster::TestCluster;
use serde_json::{json, Value};

fn ok(args: &[&str]) -> String {
    let (code, out, err) = junheng(args);
    assert_eq!(code, 0, "junheng {args:?}: {err}");
    out
}

fn rpc(db: &str, county: &str, cmd: &str, payload: Value) -> Value {
    let out = ok(&[
        "rpc",
        "--db",
        db,
        "--county",
        county,
        cmd,
        &payload.to_string(),
    ]);
    serde_json::from_str(&out).unwrap()
}

#[test]
fn counties_go_to_postgres_and_back_with_every_answer_unchanged() {
    let Some(cluster) = TestCluster::start("db_copy") else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pg = rt.block_on(cluster.fresh_database());
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    ok(&["demo", "--db", a]);
    ok(&["county", "add", "640522", "--db", a]);

    // Edits: a rename, a close undone, a norm override, a scenario saved twice.
    let facilities = rpc(a, "331125", "get_facilities", json!({}));
    let f = facilities[0].clone();
    let mut renamed = f.clone();
    renamed["name"] = json!("城关托育中心（迁移）");
    rpc(
        a,
        "331125",
        "edit_facility",
        json!({"author": "张工", "action": "edit", "summary": "改名", "before": f, "after": renamed}),
    );
    let g = facilities[1].clone();
    let mut closed = g.clone();
    closed["status"] = json!("closed");
    rpc(
        a,
        "331125",
        "edit_facility",
        json!({"author": "李工", "action": "close", "summary": "关停", "before": g, "after": closed}),
    );
    rpc(a, "331125", "undo_edit", json!({}));
    rpc(
        a,
        "640522",
        "set_norm_override",
        json!({"id": "elderly.beds_per_1000_elderly", "value": 45, "source": "宁夏规划"}),
    );
    let s = rpc(
        a,
        "331125",
        "save_scenario",
        json!({"scenario": {"id": "", "name": "方案一", "description": "", "interventions": [], "norm_overrides": [], "assumptions": {}, "version": 0}}),
    );
    rpc(a, "331125", "save_scenario", json!({ "scenario": s }));

    let out = ok(&["db", "copy", "--from", a, "--to", &pg]);
    assert!(
        out.contains("331125 云和县") && out.contains("640522 海原县"),
        "{out}"
    );
    ok(&["db", "copy", "--from", &pg, "--to", b]);
    // Copying again is refused without --replace and changes nothing.
    let (code, _, err) = junheng(&["db", "copy", "--from", a, "--to", b, "--county", "331125"]);
    assert_ne!(code, 0);
    assert!(err.contains("already holds county 331125"), "{err}");

    let commands = [
        ("get_dashboard", json!({})),
        ("get_outlook", json!({})),
        ("list_scenarios", json!({})),
        ("get_change_log", json!({})),
        ("list_norms", json!({})),
        ("get_facilities", json!({})),
    ];
    for county in ["331125", "640522"] {
        for (cmd, payload) in &commands {
            let want = rpc(a, county, cmd, payload.clone());
            assert_eq!(
                rpc(&pg, county, cmd, payload.clone()),
                want,
                "{cmd} of {county} on PostgreSQL"
            );
            assert_eq!(
                rpc(b, county, cmd, payload.clone()),
                want,
                "{cmd} of {county} after the round trip"
            );
        }
    }
    // The log came along with its states: redo brings back the undone close everywhere.
    let log = rpc(b, "331125", "get_change_log", json!({}));
    assert_eq!(log["entries"].as_array().map(Vec::len), Some(2), "{log}");
    let redo = rpc(b, "331125", "redo_edit", json!({}));
    assert_eq!(redo["entry"]["action"], "close");
    let list = ok(&["county", "list", "--db", &pg, "--format", "json"]);
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
}
