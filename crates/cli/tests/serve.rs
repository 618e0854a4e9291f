//! `junheng serve` end to end over loopback: the same command surface as the desktop, read-only
//! unless allowed, errors as `{code, message, params}` JSON.

mod server_common;
use server_common::{free_port, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn post(port: u16, body: &str) -> (u16, serde_json::Value) {
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
    (
        status,
        serde_json::from_str(json).unwrap_or(serde_json::Value::Null),
    )
}

#[test]
fn serves_read_commands_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>均衡</title>",
    )
    .unwrap();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_junheng"))
            .args(["serve", "--db", dir.path().join("s.db").to_str().unwrap()])
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
    let (status, v) = post(port, r#"{"cmd":"assess","payload":{}}"#);
    assert_eq!(status, 200);
    assert_eq!(v["county"]["name"], "云和县");
    assert_eq!(v["county"]["resident_population"].as_f64(), Some(129_216.0));
    let (status, v) = post(
        port,
        r#"{"cmd":"set_norm_override","payload":{"id":"elderly.beds_per_1000_elderly","value":45}}"#,
    );
    assert_eq!(status, 403);
    assert_eq!(v["code"], "api.read_only");
    let (status, v) = post(port, r#"{"cmd":"nope"}"#);
    assert_eq!(status, 404);
    assert_eq!(v["code"], "api.unknown_command");
}
