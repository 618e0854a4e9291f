//! `junheng serve` — the HTTP host: the built UI as static files and `POST /api/rpc` with the
//! same `{cmd, payload}` envelope the desktop uses. Without accounts it serves read commands
//! (and, for one person on a loopback address, writes with `--allow-writes`); once accounts
//! exist (`junheng user add`) every request needs a session and is checked against the user's
//! role and scope. Hardened for a shared network: Host allow-list, CSP and other security
//! headers, header and idle timeouts, a connection cap, per-command body limits.

mod conn;
mod guard;
mod progress;
mod rpc;
mod session;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::Router;
use junheng_api::{ApiError, Ctx, DbLocation, ErrorCode, Lang};
use tokio::sync::Semaphore;
use tower_http::services::{ServeDir, ServeFile};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Database: a SQLite file (default: $JUNHENG_DB, else the app-data directory; seeded with
    /// the demo county when empty) or a PostgreSQL URL (postgres://…).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Folder of the built UI (`npm run build` in ui/).
    #[arg(long, default_value = "ui/dist")]
    ui_dir: PathBuf,
    /// Without accounts: also serve commands that change stored data (one person, loopback
    /// addresses only). With accounts, planners and admins write and this is not needed.
    #[arg(long)]
    allow_writes: bool,
    /// Another host name (or name:port) clients use to reach the server, e.g. the name behind
    /// a reverse proxy. Repeatable. The listen address and localhost/127.0.0.1 with its port
    /// are always allowed; any other Host header is refused (DNS rebinding).
    #[arg(long = "allow-host")]
    allow_hosts: Vec<String>,
    /// Clients reach the server over HTTPS (a TLS reverse proxy): session cookies get Secure.
    #[arg(long)]
    secure_cookies: bool,
    /// An origin (scheme://host[:port]) allowed to call the API from another site (CORS).
    /// Repeatable; none by default.
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// A map-tile origin the UI may load images from (e.g. https://t0.tianditu.gov.cn), added
    /// to the Content-Security-Policy. Repeatable.
    #[arg(long = "tile-origin")]
    tile_origins: Vec<String>,
    /// Connections served at once; more are answered 503.
    #[arg(long, default_value_t = conn::MAX_CONNECTIONS)]
    max_connections: usize,
}

/// What every handler shares.
pub struct AppState {
    pub ctx: Ctx,
    pub allow_writes: bool,
    pub secure_cookies: bool,
    pub file_bodies: Semaphore,
    pub throttle: session::Throttle,
}

fn refused(e: ApiError) -> String {
    format!("error: {}", e.localized(Lang::from_env()))
}

pub async fn run(a: ServeArgs) -> Result<String, String> {
    let location = DbLocation::resolve(a.db.as_deref(), None);
    let shown = location.shown();
    if a.allow_writes && !a.listen.ip().is_loopback() {
        return Err(refused(ApiError::with(
            ErrorCode::LocalOnly,
            serde_json::json!({}),
        )));
    }
    if !a.ui_dir.join("index.html").exists() {
        return Err(format!(
            "error: {} has no index.html; build the UI first (cd ui && npm ci && npm run build)",
            a.ui_dir.display()
        ));
    }
    let ctx = Ctx::open(&location, true, junheng_store::OpenMode::CreateIfMissing)
        .await
        .map_err(refused)?;
    let accounts = ctx
        .store
        .auth()
        .user_count()
        .await
        .map_err(|e| refused(e.into()))?;
    let state = Arc::new(AppState {
        ctx,
        allow_writes: a.allow_writes,
        secure_cookies: a.secure_cookies,
        file_bodies: Semaphore::new(guard::FILE_BODIES_AT_ONCE),
        throttle: session::Throttle::default(),
    });
    let guard = Arc::new(guard::Guard::new(
        a.listen,
        &a.allow_hosts,
        &a.cors_origins,
        &a.tile_origins,
    ));
    let static_files =
        ServeDir::new(&a.ui_dir).fallback(ServeFile::new(a.ui_dir.join("index.html")));
    let api = Router::new()
        .route("/api/rpc", post(rpc::rpc))
        .route("/api/progress/{job}", get(progress::progress))
        .route("/api/login", post(session::login))
        .route("/api/logout", post(session::logout))
        .route("/api/session", get(session::session))
        .route("/api/{*rest}", any(session::api_not_found))
        // Bodies are read by the handlers themselves, each within its own limit.
        .layer(DefaultBodyLimit::disable())
        .with_state(state);
    let app = api
        .fallback_service(static_files)
        .layer(axum::middleware::from_fn_with_state(guard, guard::check));
    let listener = tokio::net::TcpListener::bind(a.listen)
        .await
        .map_err(|e| format!("error: cannot listen on {}: {e}", a.listen))?;
    eprintln!(
        "junheng serve: http://{} (database {shown}, {})",
        a.listen,
        if accounts > 0 {
            format!("{accounts} accounts: sign-in required")
        } else if a.allow_writes {
            "no accounts, read/write on loopback".into()
        } else {
            "no accounts, read-only".into()
        }
    );
    conn::serve(listener, app, a.max_connections.max(1))
        .await
        .map_err(|e| format!("error: {e}"))?;
    Ok(String::new())
}
