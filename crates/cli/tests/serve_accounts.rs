//! `junheng serve` with accounts, end to end over loopback: sign-in with an HttpOnly,
//! SameSite=Strict cookie and a CSRF token; reads within the user's scope; writes only for
//! planners and admins within scope and with the token; 401/403 with nothing written; an audit
//! row per write; failures slowed, then the account locked; and the hardening every request
//! passes (Host allow-list, security headers, desktop-only commands).

mod common;

mod server_common;
use server_common::{free_port, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::junheng;
use serde_json::{json, Value};

struct Reply {
    status: u16,
    /// Lower-cased, for matching names and flags.
    headers: String,
    /// As sent (cookie values are case-sensitive).
    raw_headers: String,
    json: Value,
}

fn http(port: u16, method: &str, path: &str, body: &str, extra: &[(&str, &str)]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    write!(s, "{head}\r\n{body}").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status: u16 = out[9..12].parse().unwrap();
    let (headers, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    Reply {
        status,
        headers: headers.to_ascii_lowercase(),
        raw_headers: headers.to_string(),
        json: serde_json::from_str(body).unwrap_or(Value::Null),
    }
}

fn add_user(db: &str, name: &str, role: &str, scope: &str, password: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args([
            "user",
            "add",
            name,
            "--role",
            role,
            "--scope",
            scope,
            "--db",
            db,
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    assert!(child.wait().unwrap().success());
}

fn start(db: &str, ui: &str, port: u16, extra: &[&str]) -> Server {
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_junheng"))
            .args(["serve", "--db", db, "--ui-dir", ui])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
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
    server
}

struct Signed {
    cookie: String,
    csrf: String,
}

fn login(port: u16, user: &str, password: &str) -> (Reply, Option<Signed>) {
    let r = http(
        port,
        "POST",
        "/api/login",
        &json!({ "user": user, "password": password }).to_string(),
        &[],
    );
    let cookie = r
        .raw_headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .map(|l| l["set-cookie:".len()..].trim().to_string());
    let signed = cookie.map(|c| Signed {
        cookie: c.split(';').next().unwrap().to_string(),
        csrf: r.json["csrf"].as_str().unwrap_or("").to_string(),
    });
    (r, signed)
}

fn rpc(port: u16, who: Option<&Signed>, csrf: bool, cmd: &str, payload: Value) -> Reply {
    let mut extra = vec![];
    if let Some(s) = who {
        extra.push(("Cookie", s.cookie.as_str()));
        if csrf {
            extra.push(("x-csrf-token", s.csrf.as_str()));
        }
    }
    http(
        port,
        "POST",
        "/api/rpc",
        &json!({ "cmd": cmd, "payload": payload }).to_string(),
        &extra,
    )
}

fn override_45(county: &str) -> Value {
    json!({ "county": county, "id": "elderly.beds_per_1000_elderly", "value": 45, "source": "县规划〔2026〕1号" })
}

#[test]
fn accounts_roles_scopes_and_csrf_decide_what_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let ui = dir.path().to_str().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>均衡</title>",
    )
    .unwrap();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);
    assert_eq!(junheng(&["county", "add", "640522", "--db", db]).0, 0);
    // 丽水市 covers 云和县 331125; 宁夏 640000 covers 海原县 640522.
    add_user(db, "wang", "planner", "331100", "planner-pass-1");
    add_user(db, "li", "viewer", "640000", "viewer-pass-1");
    add_user(db, "root", "admin", "000000", "admin-pass-1");
    let (code, out, _) = junheng(&["user", "list", "--db", db, "--format", "json"]);
    assert_eq!(code, 0);
    let users: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(users.as_array().unwrap().len(), 3);
    assert_eq!(users[2]["name"], "wang");
    assert_eq!(users[2]["scope"], json!(["331100"]));

    let port = free_port();
    let _server = start(db, ui, port, &[]);

    // No session: 401 for reads and writes alike.
    let r = rpc(
        port,
        None,
        false,
        "get_dashboard",
        json!({ "county": "331125" }),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (401, Some("auth.required"))
    );
    // Wrong password, unknown user: 401, no cookie.
    let (r, s) = login(port, "wang", "wrong-password");
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (401, Some("auth.bad_credentials"))
    );
    assert!(s.is_none());
    let (r, _) = login(port, "nobody", "whatever-123");
    assert_eq!(r.status, 401);

    let (r, wang) = login(port, "wang", "planner-pass-1");
    assert_eq!(r.status, 200);
    let set_cookie = r
        .headers
        .lines()
        .find(|l| l.starts_with("set-cookie:"))
        .unwrap();
    assert!(set_cookie.contains("httponly"), "{set_cookie}");
    assert!(set_cookie.contains("samesite=strict"), "{set_cookie}");
    assert!(!set_cookie.contains("secure"), "no TLS here: {set_cookie}");
    assert_eq!(r.json["role"], "planner");
    let wang = wang.unwrap();
    assert_eq!(wang.csrf.len(), 43);

    // Reads: in scope yes, out of scope 403.
    let r = rpc(
        port,
        Some(&wang),
        false,
        "get_dashboard",
        json!({ "county": "331125" }),
    );
    assert_eq!(r.status, 200);
    let r = rpc(
        port,
        Some(&wang),
        false,
        "get_dashboard",
        json!({ "county": "640522" }),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (403, Some("auth.out_of_scope"))
    );
    // With no county named, the one county in scope is used.
    let r = rpc(port, Some(&wang), false, "list_norms", json!({}));
    assert_eq!(r.status, 200, "{}", r.json);
    let r = rpc(port, Some(&wang), false, "list_counties", json!({}));
    let codes: Vec<&str> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["331125"]);

    // Writes: without the CSRF token 403 and nothing written; with it, done and audited.
    let norms = |who: &Signed, county: &str| {
        rpc(
            port,
            Some(who),
            false,
            "list_norms",
            json!({ "county": county }),
        )
        .json["norms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == "elderly.beds_per_1000_elderly")
            .unwrap()["value"]
            .clone()
    };
    let before = norms(&wang, "331125");
    assert_ne!(before, json!(45.0));
    let r = rpc(
        port,
        Some(&wang),
        false,
        "set_norm_override",
        override_45("331125"),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (403, Some("auth.csrf"))
    );
    assert_eq!(norms(&wang, "331125"), before);
    let r = rpc(
        port,
        Some(&wang),
        true,
        "set_norm_override",
        override_45("640522"),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (403, Some("auth.out_of_scope"))
    );
    let r = rpc(
        port,
        Some(&wang),
        true,
        "set_norm_override",
        override_45("331125"),
    );
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(norms(&wang, "331125"), json!(45.0));

    // A viewer reads in scope and cannot write at all.
    let (_, li) = login(port, "li", "viewer-pass-1");
    let li = li.unwrap();
    assert_eq!(
        rpc(
            port,
            Some(&li),
            false,
            "get_dashboard",
            json!({ "county": "640522" })
        )
        .status,
        200
    );
    let r = rpc(
        port,
        Some(&li),
        true,
        "set_norm_override",
        override_45("640522"),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (403, Some("auth.forbidden"))
    );
    // The admin sees every county.
    let (_, root) = login(port, "root", "admin-pass-1");
    let r = rpc(
        port,
        Some(&root.unwrap()),
        false,
        "list_counties",
        json!({}),
    );
    assert_eq!(r.json.as_array().unwrap().len(), 2);

    // A desktop-only command is not served to anyone.
    let r = rpc(
        port,
        Some(&wang),
        true,
        "save_to_downloads",
        json!({ "file_name": "x.txt", "base64": "aGk=" }),
    );
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (403, Some("api.not_served"))
    );

    // Session info, then sign out: the cookie no longer works.
    let r = http(
        port,
        "GET",
        "/api/session",
        "",
        &[("Cookie", wang.cookie.as_str())],
    );
    assert_eq!((r.status, r.json["user"].as_str()), (200, Some("wang")));
    assert_eq!(r.json["csrf"].as_str(), Some(wang.csrf.as_str()));
    let r = http(
        port,
        "POST",
        "/api/logout",
        "",
        &[("Cookie", wang.cookie.as_str())],
    );
    assert_eq!(r.status, 200);
    let r = rpc(
        port,
        Some(&wang),
        false,
        "get_dashboard",
        json!({ "county": "331125" }),
    );
    assert_eq!(r.status, 401);

    // The audit log: the write that landed and the ones refused after sign-in.
    let (code, out, _) = junheng(&["user", "audit", "--db", db]);
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let summary: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|r| (r[1], r[2], r[3], r[4])).collect();
    assert_eq!(
        summary,
        [
            ("wang", "save_to_downloads", "", "api.not_served"),
            ("li", "set_norm_override", "640522", "auth.forbidden"),
            ("wang", "set_norm_override", "331125", "ok"),
            ("wang", "set_norm_override", "640522", "auth.out_of_scope"),
            ("wang", "set_norm_override", "331125", "auth.csrf"),
        ][1..]
            .to_vec(),
        "{out}"
    );
}

#[test]
fn failed_sign_ins_are_slowed_then_lock_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    assert_eq!(junheng(&["demo", "--db", db]).0, 0);
    add_user(db, "zhao", "planner", "331125", "right-pass-1");
    // Eight failures already counted (as if from earlier attempts).
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use junheng_store::Store;
        let s = junheng_store::SqliteStore::open(std::path::Path::new(db))
            .await
            .unwrap();
        for _ in 0..8 {
            s.auth()
                .login_failed("zhao", 10, "2000-01-01T00:00:00Z")
                .await
                .unwrap();
        }
        s.close().await;
    });
    let port = free_port();
    let _server = start(db, dir.path().to_str().unwrap(), port, &[]);
    // The ninth failure is answered late (the delay grows with the count).
    let t = Instant::now();
    let (r, _) = login(port, "zhao", "wrong-pass-9");
    assert_eq!(r.status, 401);
    assert!(t.elapsed() >= Duration::from_secs(2), "{:?}", t.elapsed());
    // The tenth locks the account: even the right password is refused for a while.
    let (r, _) = login(port, "zhao", "wrong-pass-10");
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (429, Some("auth.locked"))
    );
    let (r, s) = login(port, "zhao", "right-pass-1");
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (429, Some("auth.locked"))
    );
    assert!(s.is_none());
    // A new password lifts the lock.
    let mut child = Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["user", "passwd", "zhao", "--db", db, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "new-pass-2").unwrap();
    assert!(child.wait().unwrap().success());
    let (r, _) = login(port, "zhao", "new-pass-2");
    assert_eq!(r.status, 200);
}

#[test]
fn every_answer_is_hardened_and_writes_without_accounts_stay_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let ui = dir.path().to_str().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>均衡</title>",
    )
    .unwrap();
    // --allow-writes on a non-loopback address is refused before anything starts.
    let (code, _, err) = junheng(&[
        "serve",
        "--db",
        db,
        "--ui-dir",
        ui,
        "--listen",
        "0.0.0.0:0",
        "--allow-writes",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("loopback"), "{err}");
    let port = free_port();
    let _server = start(db, ui, port, &["--allow-writes"]);
    let page = http(port, "GET", "/", "", &[]);
    assert_eq!(page.status, 200);
    for h in [
        "content-security-policy: default-src 'self'",
        "frame-ancestors 'none'",
        "x-content-type-options: nosniff",
    ] {
        assert!(page.headers.contains(h), "{h} missing in {}", page.headers);
    }
    // A page that reached the server by DNS rebinding names its own host.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /api/session HTTP/1.1\r\nHost: rebind.attacker.example:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 421"), "{out}");
    // A cross-site origin is refused; a non-JSON body is refused unread.
    let r = rpc_with(port, &[("Origin", "http://evil.example")]);
    assert_eq!(r.status, 403);
    let r = http(port, "POST", "/api/rpc?cmd=get_dashboard", "{}", &[]);
    assert_eq!(r.status, 400);
    // Without accounts on loopback, --allow-writes lets one person write, and it is audited.
    let r = rpc(
        port,
        None,
        false,
        "set_norm_override",
        override_45("331125"),
    );
    assert_eq!(r.status, 200, "{}", r.json);
    let (_, out, _) = junheng(&["user", "audit", "--db", db]);
    assert!(
        out.contains("(local)\tset_norm_override\t331125\tok"),
        "{out}"
    );
    // Bodies: a non-file command over 1 MiB is refused; unknown API paths are JSON 404s.
    let big = json!({ "cmd": "get_dashboard", "payload": { "county": "x".repeat(1_100_000) } })
        .to_string();
    let r = http(port, "POST", "/api/rpc", &big, &[]);
    assert_eq!(
        (r.status, r.json["code"].as_str()),
        (413, Some("api.too_large"))
    );
    let r = http(port, "POST", "/api/nothing", "{}", &[]);
    assert_eq!(r.status, 404);
}

fn rpc_with(port: u16, extra: &[(&str, &str)]) -> Reply {
    http(
        port,
        "POST",
        "/api/rpc",
        &json!({ "cmd": "get_dashboard", "payload": {} }).to_string(),
        extra,
    )
}
