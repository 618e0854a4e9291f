//! 选址优化 — decodes the question, loads the county once, projects the year's need and lets the
//! engine (core::siting, with HiGHS from junheng-milp for the MCLP's exact stage) answer.

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::demand::year_need;
use junheng_core::locate::cover::CoverOptions;
use junheng_core::projection::Variant;
use junheng_core::siting::{
    service_need, Answer, SitingModel, SitingProblem, SitingProof, SitingQuestion, SitingResult,
};
use junheng_core::FacilityCategory;

use crate::{project_dataset, ApiError, Ctx, ErrorCode};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct OptimizeSitesRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub category: FacilityCategory,
    pub model: SitingModel,
    /// New facilities to add to those in service.
    pub new_sites: usize,
    /// Service radius (m) for coverage, and the MCLP radius.
    pub radius_m: f64,
    /// Year whose projected need weights the demand (default 2030).
    #[serde(default = "default_year")]
    #[ts(optional, as = "Option<i32>")]
    pub year: i32,
    #[serde(default)]
    #[ts(optional, as = "Option<Variant>")]
    pub variant: Variant,
    /// Capacity a new site gets (托位, beds or places) for the accessibility figures and the
    /// equity objective; default by category from the norms (`siting.new_site_capacity.*`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub new_site_capacity: Option<f64>,
    /// E2SFCA catchment (m); default the radius × `siting.catchment_multiple`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub catchment_m: Option<f64>,
}

fn default_year() -> i32 {
    2030
}

/// Seconds HiGHS may spend closing an MCLP gap for the page (an unclosed gap is reported).
pub const PAGE_MILP_SECONDS: f64 = 20.0;

fn siting_error(e: junheng_core::siting::SitingError) -> ApiError {
    if matches!(e, junheng_core::siting::SitingError::Cancelled) {
        return ApiError::with(ErrorCode::Cancelled, json!({}));
    }
    invalid(e)
}

fn invalid(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::SitingInvalid,
        e.to_string(),
        json!({ "detail": e.to_string() }),
    )
}

/// Chooses new sites for a facility category on the county's townships: demand at each
/// township's interior point weighted by its projected need in `year`, existing facilities kept,
/// stored candidate sites and township points offered, straight-line (haversine) distances.
pub async fn optimize_sites(
    ctx: &Ctx,
    req: OptimizeSitesRequest,
) -> Result<SitingResult, ApiError> {
    if !(2021..=2060).contains(&req.year) {
        return Err(invalid(format!("year {} is outside 2021–2060", req.year)));
    }
    ctx.progress("progress.stage.load", 0.02);
    let v = ctx.view(req.county.as_deref()).await?;
    ctx.check_cancel()?;
    ctx.progress("progress.stage.project", 0.05);
    let p = project_dataset(&v.data, req.variant, None, req.year, None)?;
    ctx.check_cancel()?;
    ctx.progress("progress.stage.solve", 0.15);
    let need: Vec<f64> = p
        .townships()
        .iter()
        .map(|series| {
            series.iter().find(|y| y.year == req.year).map_or(0.0, |y| {
                service_need(req.category, &year_need(req.year, &y.population, &v.norms))
            })
        })
        .collect();
    let question = SitingQuestion {
        category: req.category,
        model: req.model,
        new_sites: req.new_sites,
        radius_m: req.radius_m,
        year: req.year,
        new_site_capacity: req.new_site_capacity,
        catchment_m: req.catchment_m,
    };
    let problem = SitingProblem::new(&v.data, question, &need, &v.norms).map_err(siting_error)?;
    // The search's share of the bar: 15 % → 95 %.
    let solve_share = |f: f64| 0.15 + 0.8 * f;
    let answer = match req.model {
        SitingModel::Pmedian => {
            // The VNS has no known length: each report moves the bar half-way to the end of the
            // stage, so it shows work going on without claiming a share it cannot know.
            let mut reports = 0i32;
            let mut on_progress = |_: &junheng_core::locate::Progress| {
                reports += 1;
                ctx.progress(
                    "progress.stage.solve",
                    solve_share(1.0 - 0.5f64.powi(reports.min(30))),
                );
            };
            let mut opts = junheng_core::locate::SolveOptions {
                cancel: ctx.cancel_flag(),
                progress: Some(&mut on_progress),
                ..Default::default()
            };
            problem
                .solve_pmedian_with(&mut opts)
                .map_err(siting_error)?
        }
        SitingModel::Equity => {
            let mut on_progress = |f: f64| ctx.progress("progress.stage.solve", solve_share(f));
            let mut watch = junheng_core::siting::Watch {
                cancel: ctx.cancel_flag(),
                progress: Some(&mut on_progress),
            };
            problem
                .solve_equity_with(&mut watch)
                .map_err(siting_error)?
        }
        SitingModel::Mclp => {
            let start = std::time::Instant::now();
            let inst = problem.cover_instance().map_err(siting_error)?;
            ctx.progress("progress.stage.milp", 0.3);
            // The engine's heuristic and Lagrangian bound, then HiGHS for any gap they leave
            // (bounded so the page answers in seconds; an unclosed gap is reported as such).
            let opts = CoverOptions {
                node_limit: 0,
                ..CoverOptions::default()
            };
            let exact = junheng_milp::ExactOptions {
                time_limit_s: PAGE_MILP_SECONDS,
                ..junheng_milp::ExactOptions::default()
            };
            let run =
                junheng_milp::mclp_cancellable(&inst, problem.p, &opts, &exact, ctx.cancel_flag())
                    .map_err(invalid)?;
            ctx.check_cancel()?;
            Answer {
                open: run.solution.sites,
                objective: run.solution.objective,
                bound: run.solution.bound,
                gap: run.solution.gap,
                proof: match run.proof {
                    junheng_milp::Proof::Lagrangian => SitingProof::Lagrangian,
                    junheng_milp::Proof::Milp => SitingProof::Milp,
                    junheng_milp::Proof::Open => SitingProof::Open,
                },
                seconds: start.elapsed().as_secs_f64(),
            }
        }
    };
    let townships: Vec<(String, String, f64, f64)> = v
        .data
        .townships
        .iter()
        .map(|t| {
            (
                t.code.clone(),
                t.name.clone(),
                t.interior.lon,
                t.interior.lat,
            )
        })
        .collect();
    ctx.check_cancel()?;
    ctx.progress("progress.stage.result", 0.97);
    Ok(problem.result(answer, &townships))
}
