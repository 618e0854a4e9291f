//! Long CLI commands: progress on stderr when it is a terminal, and Ctrl-C that cancels the work
//! cleanly (a command through the command surface answers `job.cancelled` and writes nothing;
//! an engine search stops at its next check and prints no result). A second Ctrl-C ends the
//! process at once.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use junheng_api::{Ctx, JobProgress};

/// Set by the first Ctrl-C.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The job id the CLI runs its command in (one command per process).
pub const CLI_JOB: &str = "cli";

/// Catches Ctrl-C from now on (within the runtime) and calls `on_first` at the first.
fn catch_ctrl_c(on_first: impl Fn() + Send + 'static) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        INTERRUPTED.store(true, Ordering::Relaxed);
        eprintln!("\n已取消（Ctrl-C），正在停止… / cancelling…");
        on_first();
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    });
}

fn stage_text(stage: &str) -> &str {
    match stage.rsplit('.').next().unwrap_or(stage) {
        "queued" => "排队",
        "load" => "读取数据",
        "project" => "人口预测",
        "solve" => "求解",
        "milp" => "精确求解",
        "result" => "汇总",
        "validate" => "校验",
        "commit" => "写入",
        "report" => "生成报告各节",
        "render" => "排版输出",
        other => other,
    }
}

/// One progress line, rewritten in place.
pub fn show(stage: &str, fraction: f64) {
    let pct = (fraction.clamp(0.0, 1.0) * 100.0).round();
    let mut e = std::io::stderr().lock();
    let _ = write!(e, "\r\x1b[2K{} {pct:>3}%", stage_text(stage));
    let _ = e.flush();
}

/// Clears the progress line.
pub fn clear() {
    if std::io::stderr().is_terminal() {
        let mut e = std::io::stderr().lock();
        let _ = write!(e, "\r\x1b[2K");
        let _ = e.flush();
    }
}

/// Prepares job [`CLI_JOB`] of `ctx`: Ctrl-C cancels it, and on a terminal its progress is shown.
pub fn watch_job(ctx: &Ctx) -> Result<(), junheng_api::ApiError> {
    let job = ctx.watch_job(CLI_JOB)?;
    if std::io::stderr().is_terminal() {
        job.on_progress(Box::new(|_, p: &JobProgress| {
            if !p.done {
                show(&p.stage, p.fraction);
            }
        }));
    }
    catch_ctrl_c(move || job.cancel());
    Ok(())
}

/// Ctrl-C sets [`INTERRUPTED`], which an engine search polls (`SolveOptions.cancel`).
pub fn watch_engine() {
    catch_ctrl_c(|| {});
}
