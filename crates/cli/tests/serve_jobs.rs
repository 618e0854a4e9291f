//! Long work over HTTP: a page opens `GET /api/progress/{job}` (server-sent events), runs a
//! command with that job id, reads its progress and stops it with `cancel_job`.

mod server_common;
use server_common::{free_port, Server};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn post(port: u16, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST /api/rpc HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        body
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status: u16 = out[9..12].parse().unwrap();
    let json = out.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}

/// Reads the progress stream of `job`, sending each event's data as it arrives.
fn watch(port: u16, job: &str, tx: mpsc::Sender<Value>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /api/progress/{job} HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    for line in BufReader::new(s).lines() {
        let Ok(line) = line else { break };
        if let Some(data) = line.strip_prefix("data: ") {
            let v: Value = serde_json::from_str(data).unwrap();
            let done = v["done"] == true;
            if tx.send(v).is_err() || done {
                break;
            }
        }
    }
}

#[test]
fn progress_streams_as_events_and_cancel_job_stops_the_search() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>均衡</title>",
    )
    .unwrap();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_junheng"))
            .args([
                "serve",
                "--allow-writes",
                "--db",
                dir.path().join("s.db").to_str().unwrap(),
            ])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--ui-dir", dir.path().to_str().unwrap()])
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Candidate sites enough for the equity search to enumerate for a second or more.
    let (_, all) = post(port, &json!({"cmd": "get_facilities", "payload": {}}));
    let childcare: Vec<Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"].as_str().is_some_and(|id| id.starts_with("CC")))
        .cloned()
        .collect();
    for i in 0..35 {
        let mut f = childcare[i % childcare.len()].clone();
        f["id"] = json!(format!("CAND{i:02}"));
        f["name"] = json!(format!("候选点{i}"));
        f["status"] = json!("candidate");
        let d = 0.001 * (1 + i / childcare.len()) as f64;
        f["location"]["lon"] = json!(f["location"]["lon"].as_f64().unwrap() + d);
        f["location"]["lat"] = json!(f["location"]["lat"].as_f64().unwrap() - d);
        let (status, v) = post(
            port,
            &json!({"cmd": "edit_facility", "payload":
                { "author": "测试", "action": "add", "summary": "候选点", "after": f }}),
        );
        assert_eq!(status, 200, "{v}");
    }

    let (tx, rx) = mpsc::channel();
    let watcher = std::thread::spawn(move || watch(port, "page-7", tx));
    let run = std::thread::spawn(move || {
        let r = post(
            port,
            &json!({"cmd": "optimize_sites", "job": "page-7", "payload":
                {"category": "childcare", "model": "equity", "new_sites": 4, "radius_m": 3000}}),
        );
        (r, Instant::now())
    });
    let mut seen = Vec::new();
    while !seen.iter().any(|p: &Value| {
        p["stage"] == "progress.stage.solve" && p["fraction"].as_f64() > Some(0.15)
    }) {
        seen.push(
            rx.recv_timeout(Duration::from_secs(20))
                .expect("progress events"),
        );
    }
    assert!(seen.len() >= 2, "{seen:?}");
    let cancelled_at = Instant::now();
    let (status, v) = post(
        port,
        &json!({"cmd": "cancel_job", "payload": {"job": "page-7"}}),
    );
    assert_eq!((status, &v["running"]), (200, &json!(true)), "{v}");
    let ((status, v), answered) = run.join().unwrap();
    assert_eq!(status, 409, "{v}");
    assert_eq!(v["code"], "job.cancelled");
    assert!(answered - cancelled_at < Duration::from_secs(2));
    // The stream ends with `done`, its fraction short of the end.
    let last = loop {
        let p = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the done event");
        if p["done"] == true {
            break p;
        }
    };
    assert!(last["fraction"].as_f64().unwrap() < 0.95, "{last}");
    watcher.join().unwrap();
    eprintln!("events before cancel: {seen:?}");
}
