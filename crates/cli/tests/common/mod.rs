//! Running the `junheng` binary the way a user does, for the CLI integration tests.

use std::process::Command;

/// Runs `junheng ARGS` with English messages and no `JUNHENG_DB`; returns (exit code, stdout,
/// stderr).
pub fn junheng(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .env_remove("JUNHENG_DB")
        .env("JUNHENG_LANG", "en")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}
