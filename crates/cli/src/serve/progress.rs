//! `GET /api/progress/{job}` — a job's progress as server-sent events (`event: progress`, data
//! `{job, stage, fraction, done}`), for the session that started it. The stream may open
//! before the command arrives (it then waits for it) and ends with the event that says `done`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::rpc::{error, owner};
use super::session::caller;
use super::AppState;

/// Comments sent while nothing moves, well within the connection's idle timeout.
const KEEP_ALIVE: Duration = Duration::from_secs(10);

pub async fn progress(
    State(state): State<Arc<AppState>>,
    Path(job): Path<String>,
    headers: HeaderMap,
) -> Response {
    let who = match caller(&state, &headers).await {
        Ok(c) => owner(&c),
        Err(e) => return error(e),
    };
    let job = match state.ctx.with_caller(&who).watch_job(&job) {
        Ok(j) => j,
        Err(e) => return error(e),
    };
    let rx = job.watch();
    drop(job);
    // The current state first, then every change; after `done`, the stream ends.
    let events = stream::unfold((rx, true, false), |(mut rx, first, ended)| async move {
        if ended {
            return None;
        }
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let p = rx.borrow_and_update().clone();
        let event = Event::default()
            .event("progress")
            .json_data(&p)
            .unwrap_or_else(|_| Event::default());
        Some((Ok::<_, Infallible>(event), (rx, false, p.done)))
    });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}
