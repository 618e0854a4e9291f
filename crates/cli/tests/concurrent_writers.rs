//! Two writers on the same county at once — two `junheng` processes, and two requests to
//! `junheng serve` — on SQLite and on PostgreSQL. Every write either lands (and is in the data
//! and the change log) or fails loudly with `store.conflict`; never both "done" and gone.

mod common;

mod server_common;
use server_common::{free_port, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::junheng;
use junheng_store_pg::test_cluster::TestCluster;
use serde_json::{json, Value};

const ROUNDS: usize = 6;

fn facilities(db: &str) -> Vec<Value> {
    let (code, out, err) = junheng(&["rpc", "--db", db, "get_facilities", "{}"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn edit(f: &Value, name: &str) -> String {
    let mut after = f.clone();
    after["name"] = json!(name);
    json!({ "author": "并发测试", "action": "edit", "summary": name, "before": f, "after": after })
        .to_string()
}

/// What one writer was told: landed, or refused with which code.
#[derive(Debug, PartialEq)]
enum Told {
    Landed,
    Refused(String),
}

fn told_by_process(child: std::process::Child) -> Told {
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        return Told::Landed;
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let v: Value = serde_json::from_str(err.trim()).unwrap_or(json!({ "code": err.trim() }));
    Told::Refused(v["code"].as_str().unwrap_or("").to_string())
}

fn spawn_edit(db: &str, payload: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["rpc", "--db", db, "edit_facility", payload])
        .env_remove("JUNHENG_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn post(port: u16, body: &str) -> Told {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST /api/rpc HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    if out.starts_with("HTTP/1.1 200") {
        return Told::Landed;
    }
    let json = out.split("\r\n\r\n").nth(1).unwrap_or("");
    let v: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    Told::Refused(v["code"].as_str().unwrap_or(&out[..12]).to_string())
}

/// Checks one round: `names` were written at once to the facility at `index`; exactly one
/// landed when they came from the same read, the other was told `store.conflict`, and the
/// stored name is the one that landed.
fn check_same_row(db: &str, index: usize, names: [&str; 2], told: [Told; 2]) -> usize {
    let landed: Vec<&str> = names
        .iter()
        .zip(&told)
        .filter(|(_, t)| **t == Told::Landed)
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(
        landed.len(),
        1,
        "exactly one of two same-row writers lands: {told:?}"
    );
    for t in &told {
        if let Told::Refused(code) = t {
            assert_eq!(code, "store.conflict", "the other is told why: {told:?}");
        }
    }
    assert_eq!(
        facilities(db)[index]["name"],
        landed[0],
        "the stored name is the one that landed"
    );
    1
}

fn run_writers(db: &str, port: u16) {
    let mut landed = 0;
    for round in 0..ROUNDS {
        // Two processes, the same facility from the same read.
        let list = facilities(db);
        let names = [format!("进程甲{round}"), format!("进程乙{round}")];
        let a = spawn_edit(db, &edit(&list[0], &names[0]));
        let b = spawn_edit(db, &edit(&list[0], &names[1]));
        let told = [told_by_process(a), told_by_process(b)];
        landed += check_same_row(db, 0, [&names[0], &names[1]], told);
        // Two processes, different facilities: both land.
        let list = facilities(db);
        let names = [format!("并行甲{round}"), format!("并行乙{round}")];
        let a = spawn_edit(db, &edit(&list[1], &names[0]));
        let b = spawn_edit(db, &edit(&list[2], &names[1]));
        assert_eq!(
            [told_by_process(a), told_by_process(b)],
            [Told::Landed, Told::Landed]
        );
        let now = facilities(db);
        assert_eq!(
            (now[1]["name"].as_str(), now[2]["name"].as_str()),
            (Some(names[0].as_str()), Some(names[1].as_str()))
        );
        landed += 2;
        // Two requests to the server, the same facility from the same read.
        let list = facilities(db);
        let names = [format!("请求甲{round}"), format!("请求乙{round}")];
        let bodies = names.clone().map(|n| json!({ "cmd": "edit_facility", "payload": serde_json::from_str::<Value>(&edit(&list[3], &n)).unwrap() }).to_string());
        let [ba, bb] = bodies;
        let ta = std::thread::spawn(move || post(port, &ba));
        let tb = std::thread::spawn(move || post(port, &bb));
        let told = [ta.join().unwrap(), tb.join().unwrap()];
        landed += check_same_row(db, 3, [&names[0], &names[1]], told);
    }
    // Every write that said "done" is in the log; nothing else is.
    let (_, out, _) = junheng(&["rpc", "--db", db, "get_change_log", "{}"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["entries"].as_array().unwrap().len(), landed, "{out}");
}

fn start_server(db: &str, ui: &str) -> (Server, u16) {
    let port = free_port();
    let s = Server(
        Command::new(env!("CARGO_BIN_EXE_junheng"))
            .args(["serve", "--db", db, "--ui-dir", ui, "--allow-writes"])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let t = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (s, port)
}

#[test]
fn two_writers_at_once_lose_nothing_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let ui = dir.path().to_str().unwrap().to_string();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    let sqlite = dir.path().join("c.db").to_str().unwrap().to_string();
    assert_eq!(junheng(&["demo", "--db", &sqlite]).0, 0);
    let (_server, port) = start_server(&sqlite, &ui);
    run_writers(&sqlite, port);
    drop(_server);

    let Some(cluster) = TestCluster::start("concurrent_writers") else {
        return;
    };
    let pg = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(cluster.fresh_database());
    let (code, _, err) = junheng(&["db", "copy", "--from", &sqlite, "--to", &pg]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = junheng(&["rpc", "--db", &pg, "get_change_log", "{}"]);
    let before: Value = serde_json::from_str(&out).unwrap();
    let already = before["entries"].as_array().unwrap().len();
    assert_eq!(already, 4 * ROUNDS);
    let (_server, port) = start_server(&pg, &ui);
    // Count only what this run adds to the copied log.
    run_writers_offset(&pg, port, already);
}

fn run_writers_offset(db: &str, port: u16, offset: usize) {
    let mut landed = 0;
    for round in 0..ROUNDS {
        let list = facilities(db);
        let names = [format!("PG进程甲{round}"), format!("PG进程乙{round}")];
        let a = spawn_edit(db, &edit(&list[0], &names[0]));
        let b = spawn_edit(db, &edit(&list[0], &names[1]));
        landed += check_same_row(
            db,
            0,
            [&names[0], &names[1]],
            [told_by_process(a), told_by_process(b)],
        );
        let list = facilities(db);
        let names = [format!("PG请求甲{round}"), format!("PG请求乙{round}")];
        let bodies = names.clone().map(|n| json!({ "cmd": "edit_facility", "payload": serde_json::from_str::<Value>(&edit(&list[3], &n)).unwrap() }).to_string());
        let [ba, bb] = bodies;
        let ta = std::thread::spawn(move || post(port, &ba));
        let tb = std::thread::spawn(move || post(port, &bb));
        landed += check_same_row(
            db,
            3,
            [&names[0], &names[1]],
            [ta.join().unwrap(), tb.join().unwrap()],
        );
    }
    let (_, out, _) = junheng(&["rpc", "--db", db, "get_change_log", "{}"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        log["entries"].as_array().unwrap().len(),
        offset + landed,
        "{out}"
    );
}
