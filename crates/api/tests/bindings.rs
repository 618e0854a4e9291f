//! The UI's TypeScript types are generated from the Rust types; the committed file must equal
//! a fresh generation, so a change of the contract fails here until the UI follows.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p junheng-api --test bindings`.

use std::path::PathBuf;

#[test]
fn committed_typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/generated.ts");
    let fresh = junheng_api::typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings/generated.ts is stale: run UPDATE_BINDINGS=1 cargo test -p junheng-api --test bindings"
    );
    // Every command is in the map, and the map names only declared types (or built-ins).
    for c in junheng_api::COMMANDS {
        assert!(
            fresh.contains(&format!("  {}: {{ request: ", c.name)),
            "{}",
            c.name
        );
    }
    assert!(fresh.contains("export type Dashboard = "));
    assert!(fresh.contains("\"store.conflict\": { status: 409"));
}
