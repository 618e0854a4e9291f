//! Desktop host: opens the database in the OS app-data directory (or `--db PATH` /
//! `$JUNHENG_DB`), seeds the demo county on first start, and forwards every UI call to the one
//! command surface of junheng-api.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod startup_error;

use std::path::PathBuf;

use junheng_api::{dispatch_job, resolve_db_path, ApiError, Ctx};
use serde_json::Value;
use tauri::{Emitter, Manager};

/// The only Tauri command: `{cmd, payload, job?}` in, the command's JSON or an `ApiError` out.
/// With a job id, the command's progress goes to the window as `progress` events
/// (`{job, stage, fraction, done}`) and `cancel_job` stops it.
#[tauri::command]
async fn rpc(
    app: tauri::AppHandle,
    ctx: tauri::State<'_, Ctx>,
    cmd: String,
    payload: Value,
    job: Option<String>,
) -> Result<Value, ApiError> {
    if let Some(id) = &job {
        ctx.watch_job(id)?.on_progress(Box::new(move |_, p| {
            // A window gone away has nobody to tell; the work goes on to its answer.
            let _ = app.emit("progress", p);
        }));
    }
    dispatch_job(&ctx, &cmd, payload, job.as_deref()).await
}

fn db_flag() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

fn main() {
    let app = tauri::Builder::default()
        .setup(|app| {
            let data_dir = app.path().app_data_dir().ok();
            let flag = db_flag();
            if flag.is_none() && std::env::var_os(junheng_api::DB_ENV).is_none() {
                // The app's own data folder is made on first start; a folder the user named
                // must exist (a typo is reported, not created).
                if let Some(dir) = &data_dir {
                    std::fs::create_dir_all(dir)?;
                }
            }
            let path = resolve_db_path(flag.as_deref(), data_dir.as_deref());
            let ctx = match tauri::async_runtime::block_on(Ctx::open_sqlite(&path, true)) {
                Ok(ctx) => ctx,
                Err(e) => {
                    // The window Tauri opened before setup would show an app that cannot work.
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.hide();
                    }
                    startup_error::report_and_exit(&path, &e);
                }
            };
            app.manage(ctx);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![rpc])
        .build(tauri::generate_context!())
        .expect("error while building the Junheng desktop app");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Every committed write into the database file itself before the process ends.
            if let Some(ctx) = handle.try_state::<Ctx>() {
                tauri::async_runtime::block_on(ctx.store.close());
            }
        }
    });
}
