//! 命令接口 — Junheng's one command surface. Every command is declared once in `commands!`
//! (name, request, response, read or write) and implemented once against a [`Ctx`]; the desktop
//! (`rpc` Tauri command), the CLI and the HTTP server all reach it through [`dispatch`], so a
//! command cannot be missing from one host.

mod accessibility;
mod actuals;
mod bindings;
mod counties;
mod ctx;
mod dashboard;
mod edits;
mod error;
mod export;
mod import;
mod import_tools;
mod map_png;
mod monitoring;
mod norms;
mod outlook;
mod overview;
mod report;
mod scenarios;
mod schools;
mod siting;
mod townships;

pub use accessibility::*;
pub use actuals::*;
pub use counties::*;
pub use ctx::*;
pub use dashboard::*;
pub use edits::*;
pub use error::*;
pub use export::*;
pub use import::*;
pub use import_tools::*;
pub use map_png::*;
pub use monitoring::*;
pub use norms::*;
pub use outlook::*;
pub use overview::*;
pub use report::*;
pub use scenarios::*;
pub use schools::*;
pub use siting::*;
pub use townships::*;

use serde_json::Value;

/// Whether a command changes stored data (a server may expose read commands only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// One entry of the command list.
#[derive(Debug, Clone, Copy)]
pub struct CommandInfo {
    pub name: &'static str,
    pub access: Access,
}

macro_rules! commands {
    ($( $name:ident ( $req:ty ) -> $res:ty, $access:ident; )*) => {
        /// Every command, in declaration order.
        pub const COMMANDS: &[CommandInfo] = &[
            $( CommandInfo { name: stringify!($name), access: Access::$access }, )*
        ];

        /// The TypeScript contract of the command surface: every request and response type
        /// (with everything they use), a map command → {request, response}, and the error
        /// codes with their messages. Written to `ui/src/bindings/generated.ts`.
        pub fn typescript_bindings() -> String {
            let mut t = crate::bindings::Collector::default();
            $( t.root::<$req>(); t.root::<$res>(); )*
            let map = vec![ $( (stringify!($name), <$req as ts_rs::TS>::name(), <$res as ts_rs::TS>::name(), Access::$access), )* ];
            t.finish(&map)
        }

        /// Runs command `cmd` with a JSON payload and returns its JSON response.
        pub async fn dispatch(ctx: &Ctx, cmd: &str, payload: Value) -> Result<Value, ApiError> {
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

commands! {
    get_dashboard(DashboardRequest) -> Dashboard, Read;
    assess(AssessRequest) -> AssessResponse, Read;
    list_norms(NormsRequest) -> NormsView, Read;
    set_norm_override(SetNormRequest) -> NormsView, Write;
    clear_norm_override(ClearNormRequest) -> NormsView, Write;
    get_school_balance(SchoolBalanceRequest) -> SchoolBalance, Read;
    get_outlook(OutlookRequest) -> Outlook, Read;
    export_school_balance(ExportSchoolBalanceRequest) -> ExportFile, Read;
    save_to_downloads(SaveDownloadRequest) -> SavedFile, Write;
    import_facilities(ImportFileRequest) -> ImportReport, Write;
    import_zones(ImportFileRequest) -> ZonesReport, Write;
    optimize_sites(OptimizeSitesRequest) -> SitingResult, Read;
    list_scenarios(ListScenariosRequest) -> Vec<junheng_core::scenario::Scenario>, Read;
    save_scenario(SaveScenarioRequest) -> junheng_core::scenario::Scenario, Write;
    delete_scenario(DeleteScenarioRequest) -> Vec<junheng_core::scenario::Scenario>, Write;
    compare_scenarios(CompareScenariosRequest) -> ScenarioComparison, Read;
    edit_facility(EditFacilityRequest) -> junheng_store::ChangeEntry, Write;
    edit_population(EditPopulationRequest) -> junheng_store::ChangeEntry, Write;
    undo_edit(EditHistoryRequest) -> EditStep, Write;
    redo_edit(EditHistoryRequest) -> EditStep, Write;
    get_change_log(EditHistoryRequest) -> ChangeLog, Read;
    get_facilities(FacilitiesRequest) -> Vec<junheng_core::Facility>, Read;
    get_import_template(TemplateRequest) -> ExportFile, Read;
    preview_import(PreviewImportRequest) -> junheng_io::ImportPreview, Read;
    import_boundaries(ImportBoundariesRequest) -> BoundariesReport, Write;
    export_county_report(CountyReportRequest) -> ExportFile, Read;
    get_accessibility(AccessibilityRequest) -> AccessibilityView, Read;
    get_hukou(HukouRequest) -> Option<HukouStatus>, Read;
    import_hukou(ImportFileRequest) -> Option<HukouStatus>, Write;
    clear_hukou(HukouRequest) -> Option<HukouStatus>, Write;
    list_counties(ListCountiesRequest) -> Vec<junheng_store::CountySummary>, Read;
    search_divisions(DivisionsRequest) -> Vec<DivisionItem>, Read;
    preview_county(CountyCodeRequest) -> CountyPreview, Read;
    create_county(CreateCountyRequest) -> junheng_reference::SetupReport, Write;
    remove_county(RemoveCountyRequest) -> Vec<junheng_store::CountySummary>, Write;
    import_places(ImportFileRequest) -> PlacesReport, Write;
    import_schools(ImportFileRequest) -> SchoolsReport, Write;
    set_township_seats(SetSeatsRequest) -> junheng_store::ChangeEntry, Write;
    add_township(AddTownshipRequest) -> junheng_store::ChangeEntry, Write;
    assign_unallocated(AssignUnallocatedRequest) -> junheng_store::ChangeEntry, Write;
    clear_sample_facilities(ClearSamplesRequest) -> junheng_store::ChangeEntry, Write;
    import_actuals(ImportFileRequest) -> ActualsReport, Write;
    get_actuals(ActualsRequest) -> junheng_core::Actuals, Read;
    set_actual(SetActualRequest) -> junheng_store::ChangeEntry, Write;
    get_monitoring(MonitoringRequest) -> junheng_core::monitoring::Monitoring, Read;
    get_subsidy(SubsidyRequest) -> SubsidyBudget, Read;
    get_overview(OverviewRequest) -> Overview, Read;
    export_overview(OverviewRequest) -> ExportFile, Read;
    export_map_png(MapPngRequest) -> ExportFile, Read;
}
