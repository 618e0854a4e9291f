//! Signing in and out: `POST /api/login` checks the password (Argon2id) and answers with an
//! HttpOnly, SameSite=Strict session cookie and the CSRF token the UI sends back with every
//! write; failures are slowed down, then lock the account for a while. `GET /api/session`
//! tells the UI who is signed in (and the CSRF token again after a reload); `POST
//! /api/logout` ends the session.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use junheng_api::auth::{dummy_hash, new_token, token_hash, verify_password};
use junheng_api::{ApiError, ErrorCode};
use junheng_store::rows::now_seconds;
use junheng_store::{Session, User};
use serde::Deserialize;
use serde_json::json;

use super::guard::{refuse, LOGIN_BODY_MAX_BYTES};
use super::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "junheng_session";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;
/// Failed sign-ins of one account before it is locked …
pub const LOCK_AFTER: u32 = 10;
/// … for this long.
pub const LOCK_MINUTES: i64 = 15;
/// Failures (of any names) from one address within the lock time after which it is refused
/// without a password check.
pub const ADDRESS_LIMIT: u32 = 30;
/// From the third failure on, answers are delayed: 250 ms, 500 ms, 1 s, … up to this.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
/// Addresses remembered at most (the oldest are forgotten first).
const ADDRESSES_KEPT: usize = 10_000;

/// Failed sign-ins by client address.
#[derive(Default)]
pub struct Throttle {
    by_address: std::sync::Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl Throttle {
    fn window() -> Duration {
        Duration::from_secs(LOCK_MINUTES as u64 * 60)
    }

    fn failures(&self, ip: IpAddr) -> u32 {
        let map = self.by_address.lock().expect("throttle");
        match map.get(&ip) {
            Some((n, since)) if since.elapsed() < Self::window() => *n,
            _ => 0,
        }
    }

    fn failed(&self, ip: IpAddr) -> u32 {
        let mut map = self.by_address.lock().expect("throttle");
        if map.len() >= ADDRESSES_KEPT {
            map.retain(|_, (_, since)| since.elapsed() < Self::window());
            if map.len() >= ADDRESSES_KEPT {
                map.clear();
            }
        }
        let e = map.entry(ip).or_insert((0, Instant::now()));
        if e.1.elapsed() >= Self::window() {
            *e = (0, Instant::now());
        }
        e.0 += 1;
        e.0
    }

    fn succeeded(&self, ip: IpAddr) {
        self.by_address.lock().expect("throttle").remove(&ip);
    }
}

/// How long to hold the answer after the `n`th failure.
pub fn delay_after(n: u32) -> Duration {
    if n < 3 {
        return Duration::ZERO;
    }
    let ms = 250u64.saturating_mul(1u64 << (n - 3).min(10));
    Duration::from_millis(ms).min(MAX_DELAY)
}

fn later(minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Who is calling: nobody signed in (a server without accounts), or a signed-in user.
pub enum Caller {
    Anonymous,
    User { user: User, session: Session },
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

/// The caller of a request: once any account exists, a valid session is required.
/// A valid session is one read (session and user together); only a request without one asks
/// whether any account exists.
pub async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let auth = state.ctx.store.auth();
    if let Some(token) = cookie_token(headers) {
        if let Some((session, user)) = auth.signed_in(&token_hash(&token), &now_seconds()).await? {
            return Ok(Caller::User { user, session });
        }
    }
    if auth.user_count().await? == 0 {
        return Ok(Caller::Anonymous);
    }
    Err(ApiError::with(ErrorCode::AuthRequired, json!({})))
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie is ASCII")
}

fn error(e: ApiError) -> Response {
    let status = StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    refuse(status, e)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Login {
    user: String,
    password: String,
}

async fn read_login(req: Request) -> Result<Login, ApiError> {
    let body = axum::body::to_bytes(req.into_body(), LOGIN_BODY_MAX_BYTES)
        .await
        .map_err(|_| {
            ApiError::with(
                ErrorCode::TooLarge,
                json!({ "cmd": "login", "limit_bytes": LOGIN_BODY_MAX_BYTES }),
            )
        })?;
    serde_json::from_slice(&body).map_err(|e| ApiError::bad_request("login", &e.to_string()))
}

/// `POST /api/login`.
pub async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    if !super::rpc::is_json(req.headers()) {
        return super::rpc::not_json();
    }
    let login = match read_login(req).await {
        Ok(l) => l,
        Err(e) => return error(e),
    };
    let ip = peer.ip();
    let auth = state.ctx.store.auth();
    let locked = |until: String| {
        error(ApiError::with(
            ErrorCode::AuthLocked,
            json!({ "until": until }),
        ))
    };
    if state.throttle.failures(ip) >= ADDRESS_LIMIT {
        return locked(later(LOCK_MINUTES));
    }
    let record = match auth.user(&login.user).await {
        Ok(r) => r,
        Err(e) => return error(e.into()),
    };
    if let Some(r) = &record {
        if let Some(until) = &r.locked_until {
            if *until > now_seconds() {
                return locked(until.clone());
            }
        }
    }
    let hash = record
        .as_ref()
        .map(|r| r.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let password = login.password.clone();
    // Argon2id takes tens of milliseconds of CPU: off the async workers.
    let good = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .unwrap_or(false)
        && record.is_some();
    let Some(record) = record.filter(|_| good) else {
        let by_address = state.throttle.failed(ip);
        let by_user = match auth
            .login_failed(&login.user, LOCK_AFTER, &later(LOCK_MINUTES))
            .await
        {
            Ok(n) => n,
            Err(e) => return error(e.into()),
        };
        tokio::time::sleep(delay_after(by_address.max(by_user))).await;
        if by_user >= LOCK_AFTER {
            return locked(later(LOCK_MINUTES));
        }
        return error(ApiError::with(ErrorCode::AuthBadCredentials, json!({})));
    };
    state.throttle.succeeded(ip);
    let token = new_token();
    let session = Session {
        token_hash: token_hash(&token),
        user: record.user.name.clone(),
        csrf: new_token(),
        created_at: now_seconds(),
        expires_at: later(SESSION_HOURS * 60),
    };
    let stored = async {
        auth.login_succeeded(&record.user.name).await?;
        let now = now_seconds();
        auth.purge_sessions(&now).await?;
        auth.create_session(&session).await
    };
    if let Err(e) = stored.await {
        return error(e.into());
    }
    let mut r = Json(json!({
        "user": record.user.name,
        "role": record.user.role,
        "scope": record.user.scope,
        "csrf": session.csrf,
    }))
    .into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&state, &token, SESSION_HOURS * 3600),
    );
    no_store(r)
}

/// `POST /api/logout`.
pub async fn logout(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie_token(&headers) {
        if let Err(e) = state
            .ctx
            .store
            .auth()
            .delete_session(&token_hash(&token))
            .await
        {
            return error(e.into());
        }
    }
    let mut r = Json(json!({ "signed_out": true })).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, cookie(&state, "", 0));
    r
}

/// `GET /api/session`: whether the server has accounts, and who is signed in.
pub async fn session(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    match caller(&state, &headers).await {
        Ok(Caller::Anonymous) => no_store(
            Json(json!({ "accounts": false, "writes": state.allow_writes })).into_response(),
        ),
        Ok(Caller::User { user, session }) => no_store(
            Json(json!({
                "accounts": true,
                "user": user.name,
                "role": user.role,
                "scope": user.scope,
                "csrf": session.csrf,
            }))
            .into_response(),
        ),
        Err(e) => error(e),
    }
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// An empty 404 for unknown `/api/…` paths (the UI's fallback must not answer them).
pub async fn api_not_found() -> Response<Body> {
    refuse(StatusCode::NOT_FOUND, ApiError::unknown_command("(path)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_slowed_more_and_more_up_to_a_cap() {
        assert_eq!(delay_after(1), Duration::ZERO);
        assert_eq!(delay_after(2), Duration::ZERO);
        assert_eq!(delay_after(3), Duration::from_millis(250));
        assert_eq!(delay_after(4), Duration::from_millis(500));
        assert_eq!(delay_after(6), Duration::from_secs(2));
        assert_eq!(delay_after(7), MAX_DELAY);
        assert_eq!(delay_after(500), MAX_DELAY);
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; junheng_session=abc123; x=y"),
        );
        assert_eq!(cookie_token(&h).as_deref(), Some("abc123"));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("junheng_session_x=1"),
        );
        assert_eq!(cookie_token(&h), None);
    }
}
