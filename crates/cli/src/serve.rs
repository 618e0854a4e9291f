//! `junheng serve` — the HTTP host: the built UI as static files and `POST /api/rpc` with the same
//! `{cmd, payload}` envelope the desktop uses. Read commands only unless `--allow-writes`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use junheng_api::{dispatch, Access, ApiError, Ctx, ErrorCode, COMMANDS};
use serde::Deserialize;
use serde_json::{json, Value};
use tower_http::services::{ServeDir, ServeFile};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Database file (default: $JUNHENG_DB, else the app-data directory); seeded with the demo
    /// county when empty.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Folder of the built UI (`npm run build` in ui/).
    #[arg(long, default_value = "ui/dist")]
    ui_dir: PathBuf,
    /// Also serve commands that change stored data.
    #[arg(long)]
    allow_writes: bool,
}

struct AppState {
    ctx: Ctx,
    allow_writes: bool,
}

#[derive(Deserialize)]
struct Envelope {
    cmd: String,
    #[serde(default)]
    payload: Value,
}

fn error_response(status: StatusCode, e: ApiError) -> Response {
    (status, Json(e)).into_response()
}

async fn rpc(State(state): State<Arc<AppState>>, Json(env): Json<Envelope>) -> Response {
    let access = COMMANDS
        .iter()
        .find(|c| c.name == env.cmd)
        .map(|c| c.access);
    if access == Some(Access::Write) && !state.allow_writes {
        return error_response(
            StatusCode::FORBIDDEN,
            ApiError::new(
                ErrorCode::ReadOnly,
                format!(
                    "`{}` changes data; start the server with --allow-writes",
                    env.cmd
                ),
                json!({ "cmd": env.cmd }),
            ),
        );
    }
    match dispatch(&state.ctx, &env.cmd, env.payload).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            error_response(status, e)
        }
    }
}

pub async fn run(a: ServeArgs) -> Result<String, String> {
    let location = junheng_api::DbLocation::resolve(a.db.as_deref(), None);
    let path = location.shown();
    let ctx = Ctx::open(&location, true, junheng_store::OpenMode::CreateIfMissing)
        .await
        .map_err(|e| format!("error: {}", e.localized(junheng_api::Lang::from_env())))?;
    if !a.ui_dir.join("index.html").exists() {
        return Err(format!(
            "error: {} has no index.html; build the UI first (cd ui && npm ci && npm run build)",
            a.ui_dir.display()
        ));
    }
    let state = Arc::new(AppState {
        ctx,
        allow_writes: a.allow_writes,
    });
    let static_files =
        ServeDir::new(&a.ui_dir).fallback(ServeFile::new(a.ui_dir.join("index.html")));
    let app = Router::new()
        .route("/api/rpc", post(rpc))
        .with_state(state)
        .fallback_service(static_files);
    let listener = tokio::net::TcpListener::bind(a.listen)
        .await
        .map_err(|e| format!("error: cannot listen on {}: {e}", a.listen))?;
    eprintln!(
        "junheng serve: http://{} (database {}, {})",
        a.listen,
        path,
        if a.allow_writes {
            "read/write"
        } else {
            "read-only"
        }
    );
    axum::serve(listener, app)
        .await
        .map_err(|e| format!("error: {e}"))?;
    Ok(String::new())
}
