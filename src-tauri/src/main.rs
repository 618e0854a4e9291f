//! Desktop host: opens the database in the OS app-data directory (or `--db PATH` /
//! `$JUNHENG_DB`), seeds the demo county on first start, and forwards every UI call to the one
//! command surface of junheng-api.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use junheng_api::{dispatch, resolve_db_path, ApiError, Ctx};
use serde_json::Value;
use tauri::Manager;

/// The only Tauri command: `{cmd, payload}` in, the command's JSON or an `ApiError` out.
#[tauri::command]
async fn rpc(ctx: tauri::State<'_, Ctx>, cmd: String, payload: Value) -> Result<Value, ApiError> {
    dispatch(&ctx, &cmd, payload).await
}

fn db_flag() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = app.path().app_data_dir().ok();
            let path = resolve_db_path(db_flag().as_deref(), data_dir.as_deref());
            let ctx = tauri::async_runtime::block_on(Ctx::open_sqlite(&path, true))
                .map_err(|e| format!("{}: {}", path.display(), e.message))?;
            app.manage(ctx);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![rpc])
        .run(tauri::generate_context!())
        .expect("error while running the Junheng desktop app");
}
