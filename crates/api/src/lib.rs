//! 命令接口 — Junheng's one command surface. Every command is declared once in `commands!`
//! (name, request, response, read or write) and implemented once against a [`Ctx`]; the desktop
//! (`rpc` Tauri command), the CLI and the HTTP server all reach it through [`dispatch`], so a
//! command cannot be missing from one host.

mod accessibility;
mod actuals;
pub mod auth;
mod bindings;
mod cache;
mod counties;
mod ctx;
mod dashboard;
mod edits;
mod error;
mod export;
mod import;
mod import_tools;
mod jobs;
mod map_png;
mod monitoring;
mod norms;
mod outline_simplify;
mod outlook;
mod overview;
mod preview;
mod report;
mod scenarios;
mod schools;
mod siting;
mod townships;

pub use accessibility::*;
pub use actuals::*;
pub use cache::{limits_from_env, CacheLimits, CacheStats, ReadCache, CACHE_ENV};
pub use counties::*;
pub use ctx::*;
pub use dashboard::*;
pub use edits::*;
pub use error::*;
pub use export::*;
pub use import::*;
pub use import_tools::*;
pub use jobs::*;
pub use map_png::*;
pub use monitoring::*;
pub use norms::*;
pub use outlook::*;
pub use overview::*;
pub use preview::*;
pub use report::*;
pub use scenarios::*;
pub use schools::*;
pub use siting::*;
pub use townships::*;

use std::sync::Arc;

use serde_json::Value;

/// Whether a command changes stored data (a server may expose read commands only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Which county a command acts on, so that a server can check the user's scope before it
/// runs: the payload's `county` (or the only county stored), the payload's `code` (creating,
/// previewing, removing a county), or none (reference data, templates, the county list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    County,
    Code,
    /// The payload's `scope`: a prefecture, a province or the country (`000000`), for the
    /// 区域总览; a user may look at a scope only within their own.
    Scope,
    Global,
}

/// What else a host needs to know of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// It touches the host's own files (the desktop's Downloads folder): never served over
    /// HTTP (`api.not_served`).
    DesktopOnly,
    /// It carries a file (base64) and may be large: a server gives it the larger body limit.
    File,
    /// It computes for long: [`dispatch`] runs it on the blocking pool, so the async runtime
    /// stays free for other requests, progress and cancels. Measured on the demo county (dev
    /// build, engine at opt-level 3, 2 shared cores): the PDF report 1.2 s, the map PNG
    /// (1600×1200) 1.9 s, the national overview 0.29 s; the others grow with their input
    /// beyond the demo: the site search (HiGHS up to 20 s, up to 200,000 equity sets: 0.7 s
    /// with 30 candidates), the accessibility grid, the scenarios compared, the scope of the
    /// overview, the imported file. Commands under ~40 ms on the demo whatever the county
    /// (dashboard, outlook, monitoring) stay on the runtime.
    Heavy,
}

/// One entry of the command list.
#[derive(Debug, Clone, Copy)]
pub struct CommandInfo {
    pub name: &'static str,
    pub access: Access,
    pub target: Target,
    pub flags: &'static [Flag],
}

impl CommandInfo {
    /// Whether a server may run it.
    pub fn served(&self) -> bool {
        !self.flags.contains(&Flag::DesktopOnly)
    }

    /// Whether its request carries a file.
    pub fn takes_file(&self) -> bool {
        self.flags.contains(&Flag::File)
    }

    /// Whether it runs on the blocking pool.
    pub fn heavy(&self) -> bool {
        self.flags.contains(&Flag::Heavy)
    }
}

/// The entry of command `name`.
pub fn command_info(name: &str) -> Option<&'static CommandInfo> {
    COMMANDS.iter().find(|c| c.name == name)
}

macro_rules! commands {
    ($( $name:ident ( $req:ty ) -> $res:ty, $access:ident, $target:ident $([ $($flag:ident),* ])? ; )*) => {
        /// Every command, in declaration order.
        pub const COMMANDS: &[CommandInfo] = &[
            $( CommandInfo {
                name: stringify!($name),
                access: Access::$access,
                target: Target::$target,
                flags: &[ $( $( Flag::$flag, )* )? ],
            }, )*
        ];

        /// The TypeScript contract of the command surface: every request and response type
        /// (with everything they use), a map command → {request, response}, and the error
        /// codes with their messages. Written to `ui/src/bindings/generated.ts`.
        pub fn typescript_bindings() -> String {
            let mut t = crate::bindings::Collector::default();
            $( t.root::<$req>(); t.root::<$res>(); )*
            // The error every command may answer with, and its codes (ERROR_MESSAGES is keyed by them).
            t.root::<crate::ApiError>();
            // What the desktop's `progress` events and the server's progress stream carry.
            t.root::<crate::JobProgress>();
            let map = vec![ $( (stringify!($name), <$req as ts_rs::TS>::name(), <$res as ts_rs::TS>::name(), Access::$access), )* ];
            t.finish(&map)
        }

        /// Runs command `cmd` with a JSON payload and returns its JSON response.
        pub async fn dispatch(ctx: &Ctx, cmd: &str, payload: Value) -> Result<Value, ApiError> {
            dispatch_job(ctx, cmd, payload, None).await
        }

        /// [`dispatch`] in job `job` of the context's caller (see [`Jobs`]): the command reports
        /// progress through it and stops with `job.cancelled` once it is cancelled. A heavy
        /// command runs on the blocking pool; its store calls block on the runtime's handle.
        pub async fn dispatch_job(
            ctx: &Ctx,
            cmd: &str,
            payload: Value,
            job: Option<&str>,
        ) -> Result<Value, ApiError> {
            dispatch_reply(ctx, cmd, payload, job).await?.into_value()
        }

        /// [`dispatch_job`], answering with the JSON text itself where the read cache holds it
        /// (a server sends that text as it is, without building and serialising the answer).
        pub async fn dispatch_reply(
            ctx: &Ctx,
            cmd: &str,
            payload: Value,
            job: Option<&str>,
        ) -> Result<Reply, ApiError> {
            let info = command_info(cmd).ok_or_else(|| ApiError::unknown_command(cmd))?;
            let (ctx, running) = match job {
                Some(id) => {
                    let (c, r) = ctx.start_job(id)?;
                    (c, Some(r))
                }
                None => (ctx.clone(), None),
            };
            ctx.check_cancel()?;
            let out = if info.heavy() {
                let handle = tokio::runtime::Handle::current();
                let c = ctx.clone();
                let name = cmd.to_string();
                tokio::task::spawn_blocking(move || handle.block_on(run_cached(&c, &name, payload)))
                    .await
                    .map_err(|e| ApiError::internal(format!("{cmd}: {e}")))?
            } else {
                run_cached(&ctx, cmd, payload).await
            };
            // A read stopped late still answers `cancelled`: the caller asked not to wait. A write
            // answers what it did (it checks before its commit; after it, the change stands).
            if info.access == Access::Read {
                ctx.check_cancel()?;
            }
            if let Some(r) = running {
                r.answered();
            }
            out
        }

        /// Runs command `cmd` (the read cache aside).
        async fn run_command(ctx: &Ctx, cmd: &str, payload: Value) -> Result<Value, ApiError> {
            match cmd {
                $( stringify!($name) => {
                    let payload = if payload.is_null() { Value::Object(Default::default()) } else { payload };
                    let req: $req = serde_json::from_value(payload)
                        .map_err(|e| ApiError::bad_request(stringify!($name), &e.to_string()))?;
                    let res: $res = $name(ctx, req).await?;
                    Ok(serde_json::to_value(res).expect("responses serialise"))
                } )*
                other => Err(ApiError::unknown_command(other)),
            }
        }
    };
}

/// A command's answer: a JSON value, or the JSON text of a cached read.
#[derive(Debug, Clone)]
pub enum Reply {
    Value(Value),
    Json(Arc<str>),
}

impl Reply {
    /// The answer as a JSON value (cached text is parsed; it was written from a value).
    pub fn into_value(self) -> Result<Value, ApiError> {
        match self {
            Reply::Value(v) => Ok(v),
            Reply::Json(text) => serde_json::from_str(&text)
                .map_err(|e| ApiError::internal(format!("a cached answer: {e}"))),
        }
    }

    /// The answer as JSON text.
    pub fn into_json(self) -> String {
        match self {
            Reply::Value(v) => serde_json::to_string(&v).expect("responses serialise"),
            Reply::Json(text) => text.to_string(),
        }
    }
}

/// Runs command `cmd`; a read whose answer the cache holds for the county's current data version
/// is answered from it, and one it may hold is kept once computed.
async fn run_cached(ctx: &Ctx, cmd: &str, payload: Value) -> Result<Reply, ApiError> {
    let slot = match ctx.cached_response(cmd, &payload).await? {
        cache::Lookup::Hit(text) => return Ok(Reply::Json(text)),
        cache::Lookup::Miss(slot) => slot,
    };
    // Requests for the same answer compute it one at a time; one that waited answers with
    // what the first kept.
    let _turn = match &slot {
        Some(s) => match ctx.computing(s).await {
            Some(turn) if turn.waited => match ctx.kept_response(s) {
                Some(text) => return Ok(Reply::Json(text)),
                None => Some(turn),
            },
            turn => turn,
        },
        None => None,
    };
    let out = run_command(ctx, cmd, payload).await?;
    Ok(match slot {
        Some(slot) => {
            let text: Arc<str> = serde_json::to_string(&out)
                .expect("responses serialise")
                .into();
            ctx.keep_response(slot, text.clone());
            Reply::Json(text)
        }
        None => Reply::Value(out),
    })
}

commands! {
    get_dashboard(DashboardRequest) -> Dashboard, Read, County;
    assess(AssessRequest) -> AssessResponse, Read, County;
    list_norms(NormsRequest) -> NormsView, Read, County;
    set_norm_override(SetNormRequest) -> NormsView, Write, County;
    clear_norm_override(ClearNormRequest) -> NormsView, Write, County;
    get_school_balance(SchoolBalanceRequest) -> SchoolBalance, Read, County;
    get_outlook(OutlookRequest) -> Outlook, Read, County;
    export_school_balance(ExportSchoolBalanceRequest) -> ExportFile, Read, County;
    save_to_downloads(SaveDownloadRequest) -> SavedFile, Write, Global [DesktopOnly];
    import_facilities(ImportFileRequest) -> ImportReport, Write, County [File, Heavy];
    import_zones(ImportFileRequest) -> ZonesReport, Write, County [File, Heavy];
    optimize_sites(OptimizeSitesRequest) -> junheng_core::siting::SitingResult, Read, County [Heavy];
    list_scenarios(ListScenariosRequest) -> Vec<junheng_core::scenario::Scenario>, Read, County;
    save_scenario(SaveScenarioRequest) -> junheng_core::scenario::Scenario, Write, County;
    delete_scenario(DeleteScenarioRequest) -> Vec<junheng_core::scenario::Scenario>, Write, County;
    compare_scenarios(CompareScenariosRequest) -> ScenarioComparison, Read, County [Heavy];
    edit_facility(EditFacilityRequest) -> junheng_store::ChangeEntry, Write, County;
    edit_population(EditPopulationRequest) -> junheng_store::ChangeEntry, Write, County;
    undo_edit(EditHistoryRequest) -> EditStep, Write, County;
    redo_edit(EditHistoryRequest) -> EditStep, Write, County;
    get_change_log(EditHistoryRequest) -> ChangeLog, Read, County;
    get_facilities(FacilitiesRequest) -> Vec<junheng_core::Facility>, Read, County;
    get_import_template(TemplateRequest) -> ExportFile, Read, Global;
    preview_import(PreviewImportRequest) -> junheng_io::ImportPreview, Read, Global [File];
    import_boundaries(ImportBoundariesRequest) -> BoundariesReport, Write, County [File, Heavy];
    export_county_report(CountyReportRequest) -> ExportFile, Read, County [Heavy];
    get_accessibility(AccessibilityRequest) -> AccessibilityView, Read, County [Heavy];
    get_hukou(HukouRequest) -> Option<HukouStatus>, Read, County;
    import_hukou(ImportFileRequest) -> Option<HukouStatus>, Write, County [File, Heavy];
    clear_hukou(HukouRequest) -> Option<HukouStatus>, Write, County;
    list_counties(ListCountiesRequest) -> Vec<junheng_store::CountySummary>, Read, Global;
    search_divisions(DivisionsRequest) -> Vec<DivisionItem>, Read, Global;
    preview_county(CountyCodeRequest) -> CountyPreview, Read, Code;
    create_county(CreateCountyRequest) -> junheng_reference::SetupReport, Write, Code [File, Heavy];
    remove_county(RemoveCountyRequest) -> Vec<junheng_store::CountySummary>, Write, Code;
    import_places(ImportFileRequest) -> PlacesReport, Write, County [File, Heavy];
    import_schools(ImportFileRequest) -> SchoolsReport, Write, County [File, Heavy];
    set_township_seats(SetSeatsRequest) -> junheng_store::ChangeEntry, Write, County;
    add_township(AddTownshipRequest) -> junheng_store::ChangeEntry, Write, County;
    assign_unallocated(AssignUnallocatedRequest) -> junheng_store::ChangeEntry, Write, County;
    clear_sample_facilities(ClearSamplesRequest) -> junheng_store::ChangeEntry, Write, County;
    import_actuals(ImportFileRequest) -> ActualsReport, Write, County [File, Heavy];
    get_actuals(ActualsRequest) -> junheng_core::Actuals, Read, County;
    set_actual(SetActualRequest) -> junheng_store::ChangeEntry, Write, County;
    get_monitoring(MonitoringRequest) -> junheng_core::monitoring::Monitoring, Read, County;
    get_subsidy(SubsidyRequest) -> SubsidyBudget, Read, County;
    get_overview(OverviewRequest) -> Overview, Read, Scope [Heavy];
    export_overview(OverviewRequest) -> ExportFile, Read, Scope [Heavy];
    preview_facility(PreviewFacilityRequest) -> junheng_core::assess::FacilityAssessment, Read, County;
    export_map_png(MapPngRequest) -> ExportFile, Read, County [Heavy];
    cancel_job(CancelJobRequest) -> CancelJobResponse, Read, Global;
}
