//! 任务 — long work that a host can watch and stop. A dispatch may carry a job id chosen by the
//! caller; the command then reports its stage and fraction through the job and stops at its next
//! check once the job is cancelled (`job.cancelled`), having written nothing.
//!
//! Jobs are keyed by (owner, id): the owner is the server session that started the job (empty on
//! the desktop and in the CLI), so one session can neither watch nor cancel another's work.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::watch;

use crate::{ApiError, Ctx, ErrorCode};

/// Longest job id accepted (ids are made by the caller: a counter or a UUID).
pub const MAX_JOB_ID_LEN: usize = 64;
/// Jobs kept at once (running, or announced by a watcher or a cancel before they start).
pub const MAX_JOBS: usize = 256;
/// An entry nobody started is forgotten after this long.
const UNSTARTED_TTL: Duration = Duration::from_secs(120);

/// 进度 — where a job is: a stage (a text key the UI translates, `progress.stage.*`) and the
/// fraction of the whole job done (0–1, never decreasing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct JobProgress {
    pub job: String,
    pub stage: String,
    pub fraction: f64,
    /// The command has answered; no more progress follows.
    pub done: bool,
}

/// Called with every change of a job's progress, on the thread doing the work.
pub type ProgressHook = Box<dyn Fn(&Job, &JobProgress) + Send + Sync>;

/// One job: its cancel flag and where it is.
pub struct Job {
    id: String,
    cancel: AtomicBool,
    state: watch::Sender<JobProgress>,
    hooks: Mutex<Vec<ProgressHook>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("id", &self.id)
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Job {
    fn new(id: &str) -> Job {
        Job {
            id: id.to_string(),
            cancel: AtomicBool::new(false),
            state: watch::Sender::new(JobProgress {
                job: id.to_string(),
                stage: "progress.stage.queued".into(),
                fraction: 0.0,
                done: false,
            }),
            hooks: Mutex::new(Vec::new()),
        }
    }

    /// Calls `hook` with every change of progress, synchronously (the desktop forwards it as
    /// an event; a test may cancel at an exact stage).
    pub fn on_progress(&self, hook: ProgressHook) {
        self.hooks.lock().expect("job hooks").push(hook);
    }

    fn notify(&self) {
        let now = self.state.borrow().clone();
        for h in self.hooks.lock().expect("job hooks").iter() {
            h(self, &now);
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The flag the engine polls (`SolveOptions.cancel`).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// `job.cancelled` once the job is cancelled.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.is_cancelled() {
            Err(cancelled(&self.id))
        } else {
            Ok(())
        }
    }

    /// Reports `stage` at `fraction` (clamped to 0–1; a smaller fraction than the last keeps
    /// the last, so a bar never moves back).
    pub fn progress(&self, stage: &str, fraction: f64) {
        let f = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let changed = self.state.send_if_modified(|s| {
            if s.done || (s.stage == stage && f <= s.fraction) {
                return false;
            }
            s.stage = stage.to_string();
            s.fraction = s.fraction.max(f);
            true
        });
        if changed {
            self.notify();
        }
    }

    /// Where the job is now, and every change after.
    pub fn watch(&self) -> watch::Receiver<JobProgress> {
        self.state.subscribe()
    }

    fn finish(&self) {
        self.state.send_modify(|s| s.done = true);
        self.notify();
    }
}

/// The error of a cancelled job.
pub fn cancelled(job: &str) -> ApiError {
    ApiError::with(ErrorCode::Cancelled, json!({ "job": job }))
}

struct Entry {
    job: Arc<Job>,
    running: bool,
    since: Instant,
}

/// Every job of a context, by (owner, id).
#[derive(Default)]
pub struct Jobs {
    map: Mutex<HashMap<(String, String), Entry>>,
}

fn check_id(id: &str) -> Result<(), ApiError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_JOB_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "job",
            &format!("a job id has 1–{MAX_JOB_ID_LEN} characters A–Z, a–z, 0–9, - or _"),
        ))
    }
}

impl Jobs {
    /// The job `id` of `owner`, made when it is not known yet (a watcher may come before the
    /// command, a cancel too: the command then starts cancelled).
    pub fn open(&self, owner: &str, id: &str) -> Result<Arc<Job>, ApiError> {
        check_id(id)?;
        let mut map = self.map.lock().expect("jobs");
        let key = (owner.to_string(), id.to_string());
        if let Some(e) = map.get(&key) {
            return Ok(e.job.clone());
        }
        map.retain(|_, e| e.running || e.since.elapsed() < UNSTARTED_TTL);
        if map.len() >= MAX_JOBS {
            return Err(ApiError::with(ErrorCode::ServerBusy, json!({})));
        }
        let job = Arc::new(Job::new(id));
        map.insert(
            key,
            Entry {
                job: job.clone(),
                running: false,
                since: Instant::now(),
            },
        );
        Ok(job)
    }

    /// Marks job `id` of `owner` as running and returns it; a job id already running is refused.
    fn start(&self, owner: &str, id: &str) -> Result<Arc<Job>, ApiError> {
        let job = self.open(owner, id)?;
        let mut map = self.map.lock().expect("jobs");
        let e = map
            .get_mut(&(owner.to_string(), id.to_string()))
            .expect("opened above");
        if e.running {
            return Err(ApiError::bad_request(
                "job",
                "this job id is already running",
            ));
        }
        e.running = true;
        Ok(job)
    }

    fn finish(&self, owner: &str, id: &str) {
        if let Some(e) = self
            .map
            .lock()
            .expect("jobs")
            .remove(&(owner.to_string(), id.to_string()))
        {
            e.job.finish();
        }
    }

    /// Cancels job `id` of `owner`; true when it is running.
    pub fn cancel(&self, owner: &str, id: &str) -> Result<bool, ApiError> {
        let job = self.open(owner, id)?;
        job.cancel();
        let map = self.map.lock().expect("jobs");
        Ok(map
            .get(&(owner.to_string(), id.to_string()))
            .is_some_and(|e| e.running))
    }
}

/// Marks a job finished when the command answers (or its future is dropped).
pub(crate) struct Running<'a> {
    jobs: &'a Jobs,
    owner: String,
    id: String,
    answered: bool,
}

impl Running<'_> {
    /// The command has answered: dropping this no longer cancels anything.
    pub(crate) fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        // Dropped before the answer (a server whose client went away): nobody waits for the
        // work, so whatever still runs on the blocking pool stops at its next check.
        if self.answered {
            self.jobs.finish(&self.owner, &self.id);
            return;
        }
        if let Some(e) = self
            .jobs
            .map
            .lock()
            .expect("jobs")
            .get(&(self.owner.clone(), self.id.clone()))
        {
            e.job.cancel();
        }
        self.jobs.finish(&self.owner, &self.id);
    }
}

impl Ctx {
    /// This context for the job `id` (of the context's caller), started now.
    pub(crate) fn start_job(&self, id: &str) -> Result<(Ctx, Running<'_>), ApiError> {
        let job = self.jobs.start(self.caller(), id)?;
        let mut ctx = self.clone();
        ctx.job = Some(job);
        Ok((
            ctx,
            Running {
                jobs: &self.jobs,
                owner: self.caller().to_string(),
                id: id.to_string(),
                answered: false,
            },
        ))
    }

    /// The job this command runs in, if its caller gave one.
    pub fn job(&self) -> Option<&Arc<Job>> {
        self.job.as_ref()
    }

    /// Reports progress of the current job (nothing without one).
    pub fn progress(&self, stage: &str, fraction: f64) {
        if let Some(j) = &self.job {
            j.progress(stage, fraction);
        }
    }

    /// `job.cancelled` once the current job is cancelled.
    pub fn check_cancel(&self) -> Result<(), ApiError> {
        self.job.as_ref().map_or(Ok(()), |j| j.check())
    }

    /// The cancel flag the engine polls.
    pub fn cancel_flag(&self) -> Option<&AtomicBool> {
        self.job.as_ref().map(|j| j.cancel_flag())
    }
}

/// `cancel_job`: the job to stop.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CancelJobRequest {
    pub job: String,
}

/// Whether the job was running when the cancel arrived (a job not started yet starts cancelled).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CancelJobResponse {
    pub job: String,
    pub running: bool,
}

/// Stops a job of the caller at its next check; it answers `job.cancelled` and writes nothing.
pub async fn cancel_job(ctx: &Ctx, req: CancelJobRequest) -> Result<CancelJobResponse, ApiError> {
    let running = ctx.jobs.cancel(ctx.caller(), &req.job)?;
    Ok(CancelJobResponse {
        job: req.job,
        running,
    })
}
