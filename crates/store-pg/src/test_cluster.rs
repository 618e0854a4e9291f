//! A throw-away PostgreSQL cluster for tests (`scripts/pg-test-cluster.sh`): started in a
//! temporary folder on a free loopback port, stopped and deleted when dropped. Where the
//! PostgreSQL binaries are missing a test is skipped with a message, except under CI (`CI`
//! set), where that is a failure.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running cluster; `Drop` stops it.
pub struct TestCluster {
    dir: PathBuf,
    script: PathBuf,
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub admin_url: String,
    port: u16,
    next: AtomicUsize,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-test-cluster.sh")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl TestCluster {
    /// Starts a cluster, or `None` (with a message on stderr) when PostgreSQL is not installed
    /// and `CI` is not set. Panics when it cannot start, or is missing under CI.
    pub fn start(test: &str) -> Option<TestCluster> {
        let script = script();
        let found = Command::new("bash")
            .arg(&script)
            .arg("bindir")
            .output()
            .expect("bash runs");
        if !found.status.success() {
            let msg = format!(
                "{test}: PostgreSQL server binaries not found (scripts/install-deps.sh test installs Debian's postgresql)"
            );
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("{msg}; under CI this is a failure");
            }
            eprintln!("SKIPPED {msg}");
            return None;
        }
        let dir =
            std::env::temp_dir().join(format!("junheng-pg-{}-{}", std::process::id(), free_port()));
        let port = free_port();
        let out = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .arg(port.to_string())
            .output()
            .expect("bash runs");
        if !out.status.success() {
            let _ = Command::new("bash")
                .arg(&script)
                .arg("stop")
                .arg(&dir)
                .status();
            panic!(
                "{test}: the test cluster did not start: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let admin_url = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Some(TestCluster {
            dir,
            script,
            admin_url,
            port,
            next: AtomicUsize::new(0),
        })
    }

    /// The URL of database `name` in this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates a new empty database and returns its URL.
    pub async fn fresh_database(&self) -> String {
        let name = format!("jh_{}", self.next.fetch_add(1, Ordering::SeqCst));
        let pool = sqlx::PgPool::connect(&self.admin_url)
            .await
            .expect("admin connection");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&pool)
            .await
            .expect("CREATE DATABASE");
        pool.close().await;
        self.url(&name)
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}
