//! `POST /api/rpc` — the desktop's `{cmd, payload}` envelope over HTTP. Before a command runs:
//! its body is read within the command's limit, desktop-only commands are refused, and with
//! accounts the caller's session, role, scope and (for writes) CSRF token are checked; without
//! accounts writes need `--allow-writes`. Every write that reaches a command is audited.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use junheng_api::auth::{authorize, in_scope, is_national, same_secret};
use junheng_api::{command_info, dispatch_reply, Access, ApiError, ErrorCode, Target};
use junheng_store::{AuditEntry, User};
use serde::Deserialize;
use serde_json::{json, Value};

use super::guard::{refuse, BODY_MAX_BYTES, FILE_BODY_MAX_BYTES};
use super::session::{caller, Caller};
use super::AppState;

#[derive(Deserialize)]
struct Envelope {
    cmd: String,
    #[serde(default)]
    payload: Value,
    /// A job id chosen by the page: progress at `GET /api/progress/{job}`, stop with
    /// `cancel_job`.
    #[serde(default)]
    job: Option<String>,
}

pub fn is_json(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false)
}

/// A body that is not JSON (a form or text/plain post from another site) is refused before it
/// is read: browsers cannot send `application/json` across sites without CORS.
pub fn not_json() -> Response {
    refuse(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ApiError::bad_request(
            "(envelope)",
            "the body must be JSON (Content-Type: application/json)",
        ),
    )
}

pub fn error(e: ApiError) -> Response {
    // Every error code carries its status; 5xx only for what the server itself got wrong.
    let status = StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    refuse(status, e)
}

fn too_large(cmd: &str, limit: usize) -> Response {
    error(ApiError::with(
        ErrorCode::TooLarge,
        json!({ "cmd": cmd, "limit_bytes": limit }),
    ))
}

/// The command named in the query (`/api/rpc?cmd=import_facilities`), which lets a file
/// command have the larger body limit before its body is read.
fn query_cmd(req: &Request) -> Option<String> {
    req.uri().query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "cmd")
            .map(|(_, v)| v.to_string())
    })
}

pub async fn rpc(State(state): State<Arc<AppState>>, req: Request) -> Response {
    if !is_json(req.headers()) {
        return not_json();
    }
    // A command named in the URL that carries no file is held to the small limit before its
    // body is read; otherwise the body may be as large as a file command's, and the command in
    // it decides once it is parsed. Bodies over the small limit take one of a few slots, so
    // that memory stays bounded however many clients send at once.
    let declared = query_cmd(&req);
    let limit = match declared.as_deref().and_then(command_info) {
        Some(c) if !c.takes_file() => BODY_MAX_BYTES,
        _ => FILE_BODY_MAX_BYTES,
    };
    let shown = declared.clone().unwrap_or_else(|| "rpc".into());
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if length.is_some_and(|n| n > limit) {
        return too_large(&shown, limit);
    }
    let _large_slot = if limit > BODY_MAX_BYTES && !matches!(length, Some(n) if n <= BODY_MAX_BYTES)
    {
        match state.file_bodies.try_acquire() {
            Ok(p) => Some(p),
            Err(_) => return error(ApiError::with(ErrorCode::ServerBusy, json!({}))),
        }
    } else {
        None
    };
    let headers = req.headers().clone();
    let body = match axum::body::to_bytes(req.into_body(), limit).await {
        Ok(b) => b,
        Err(_) => return too_large(&shown, limit),
    };
    let env: Envelope = match serde_json::from_slice(&body) {
        Ok(e) => e,
        Err(e) => return error(ApiError::bad_request("(envelope)", &e.to_string())),
    };
    if body.len() > BODY_MAX_BYTES && !command_info(&env.cmd).is_some_and(|c| c.takes_file()) {
        return too_large(&env.cmd, BODY_MAX_BYTES);
    }
    drop(body);
    if declared.as_deref().is_some_and(|d| d != env.cmd) {
        return error(ApiError::bad_request(
            &env.cmd,
            "the command in the URL and in the body differ",
        ));
    }
    run(&state, &headers, env.cmd, env.payload, env.job).await
}

async fn run(
    state: &AppState,
    headers: &HeaderMap,
    cmd: String,
    mut payload: Value,
    job: Option<String>,
) -> Response {
    let Some(info) = command_info(&cmd) else {
        return error(ApiError::unknown_command(&cmd));
    };
    if !info.served() {
        return error(ApiError::new(
            ErrorCode::NotServed,
            format!("`{cmd}` writes files of the computer it runs on; it is not served over HTTP"),
            json!({ "cmd": cmd }),
        ));
    }
    let caller = match caller(state, headers).await {
        Ok(c) => c,
        Err(e) => return error(e),
    };
    let county = match &caller {
        Caller::Anonymous => {
            if info.access == Access::Write && !state.allow_writes {
                return error(ApiError::new(
                    ErrorCode::ReadOnly,
                    format!("`{cmd}` changes data; start the server with --allow-writes"),
                    json!({ "cmd": cmd }),
                ));
            }
            payload_county(&payload, info.target)
        }
        Caller::User { user, session } => {
            let county = match target_county(state, user, info.target, &mut payload).await {
                Ok(c) => c,
                Err(e) => return error(e),
            };
            let allowed = authorize(user, &cmd, info.access, county.as_deref()).and_then(|_| {
                let sent = headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if info.access == Access::Write && !same_secret(sent, &session.csrf) {
                    return Err(ApiError::with(ErrorCode::AuthCsrf, json!({})));
                }
                Ok(())
            });
            if let Err(e) = allowed {
                if info.access == Access::Write {
                    audit(state, &user.name, &cmd, county.as_deref(), e.code.as_str()).await;
                }
                return error(e);
            }
            county
        }
    };
    // Jobs are the session's own: another session can neither watch nor cancel them.
    let ctx = state.ctx.with_caller(&owner(&caller));
    let out = dispatch_reply(&ctx, &cmd, payload, job.as_deref()).await;
    if info.access == Access::Write {
        let who = match &caller {
            Caller::User { user, .. } => user.name.clone(),
            Caller::Anonymous => "(local)".into(),
        };
        let outcome = match &out {
            Ok(_) => "ok",
            Err(e) => e.code.as_str(),
        };
        audit(state, &who, &cmd, county.as_deref(), outcome).await;
    }
    match out {
        Ok(reply) => {
            if let Caller::User { user, .. } = &caller {
                if matches!(cmd.as_str(), "list_counties" | "remove_county") && !is_national(user) {
                    // Only the counties the user may see.
                    let mut v = match reply.into_value() {
                        Ok(v) => v,
                        Err(e) => return error(e),
                    };
                    if let Some(list) = v.as_array_mut() {
                        list.retain(|c| {
                            c["code"].as_str().is_some_and(|code| in_scope(user, code))
                        });
                    }
                    return Json(v).into_response();
                }
            }
            // A cached answer's text goes out as it was kept.
            (
                [(header::CONTENT_TYPE, "application/json")],
                reply.into_json(),
            )
                .into_response()
        }
        Err(e) => error(e),
    }
}

/// Whose jobs a request sees: the session (by its token's hash), or the one local person.
pub fn owner(caller: &Caller) -> String {
    match caller {
        Caller::User { session, .. } => session.token_hash.clone(),
        Caller::Anonymous => String::new(),
    }
}

fn payload_county(payload: &Value, target: Target) -> Option<String> {
    let key = match target {
        Target::County => "county",
        Target::Code => "code",
        Target::Scope => "scope",
        Target::Global => return None,
    };
    payload.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The county a signed-in user's command acts on. Where the payload names none, it is the one
/// county the user can see, written into the payload so that the command acts on exactly the
/// county that was checked.
async fn target_county(
    state: &AppState,
    user: &User,
    target: Target,
    payload: &mut Value,
) -> Result<Option<String>, ApiError> {
    if let Some(c) = payload_county(payload, target).filter(|c| !c.is_empty()) {
        return Ok(Some(c));
    }
    if target != Target::County {
        return Ok(None);
    }
    let visible: Vec<String> = state
        .ctx
        .store
        .county_codes()
        .await?
        .into_iter()
        .filter(|c| in_scope(user, c))
        .collect();
    match visible.as_slice() {
        [] => Err(ApiError::no_county()),
        [only] => {
            if payload.is_null() {
                *payload = json!({});
            }
            if let Some(obj) = payload.as_object_mut() {
                obj.insert("county".into(), json!(only));
            }
            Ok(Some(only.clone()))
        }
        many => Err(ApiError::with(
            ErrorCode::CountyAmbiguous,
            json!({ "codes": many.join(", ") }),
        )),
    }
}

async fn audit(state: &AppState, user: &str, cmd: &str, county: Option<&str>, outcome: &str) {
    let entry = AuditEntry {
        seq: 0,
        at: String::new(),
        user: user.into(),
        command: cmd.into(),
        county: county.unwrap_or("").into(),
        outcome: outcome.into(),
    };
    if let Err(e) = state.ctx.store.auth().append_audit(&entry).await {
        eprintln!("junheng serve: the audit log could not be written: {e}");
    }
}
