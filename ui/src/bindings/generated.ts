// Generated from the Rust types by `cargo test -p junheng-api --test bindings`
// (UPDATE_BINDINGS=1 to rewrite). Do not edit by hand.

export type AccessCell = { lon: number, lat: number, township_code: string, demand: number, 
/**
 * Supply per 1 000 residents of the group in reach (E2SFCA); `None` when no site is in the
 * catchment.
 */
access_per_1000: number | null, nearest_m: number | null, covered: boolean, };

export type AccessibilityRequest = { county?: string | null, category: FacilityCategory, 
/**
 * Year whose projected residents are the demand (default 2025).
 */
year?: number, 
/**
 * E2SFCA catchment (m); the steps are at ⅓, ⅔ and all of it. Default by category.
 */
catchment_m?: number | null, 
/**
 * Coverage radius (m), the life-circle walk. Default by category.
 */
radius_m?: number | null, 
/**
 * Grid cell size (m) of the demand points (default 1 000).
 */
cell_m?: number | null, variant?: Variant, };

export type AccessibilityView = { category: FacilityCategory, year: number, method: string, catchment_m: number, radius_m: number, cell_m: number, 
/**
 * E2SFCA distance steps (m, weight).
 */
weights: Array<[number, number]>, 
/**
 * What the demand is (e.g. children aged 0–2).
 */
demand_group: string, 
/**
 * What the supply is (托位, beds, places).
 */
supply_unit: string, demand_total: number, supply_total: number, 
/**
 * Supply ÷ demand × 1 000 over the county: the benchmark the township values compare with.
 */
county_access_per_1000: number, county_coverage_share: number | null, 
/**
 * Inter-township demand-weighted CV of accessibility (均衡): lower is more even.
 */
township_cv: number | null, townships: Array<TownshipAccess>, 
/**
 * 盲区: the under-served townships, most uncovered demand first.
 */
underserved: Array<string>, cells: Array<AccessCell>, 
/**
 * 盲区 when access ÷ county access is below this.
 */
rule_access_ratio: number, demand_note: string, 
/**
 * How residents were placed on the grid.
 */
placement: DemandPlacement, };

export type Action = { "type": "build", facility: Facility, } | { "type": "expand", facility_id: string, childcare: ChildcareInputs | null, elderly: ElderlyInputs | null, school_sections: Array<SchoolSection> | null, } | { "type": "convert", facility_id: string, kind: FacilityKind, name: string | null, childcare: ChildcareInputs | null, elderly: ElderlyInputs | null, school_sections: Array<SchoolSection>, } | { "type": "close", facility_id: string, merged_into: string | null, } | { "type": "make_inclusive", facility_id: string, };

export type ActualChange = { 
/**
 * The facility id, or `全县`.
 */
subject: string, name: string, field: string, previous: number | null, value: number | null, };

export type ActualYear = { year: number, 
/**
 * 在托 children (county figure, else the facilities' sum).
 */
enrolled: number | null, 
/**
 * Children 0–2 at year-end (projected).
 */
children_0_2: number, 
/**
 * 入托率.
 */
enrolment_rate: number | null, 
/**
 * 托位 of the places that reported their enrolment, and that enrolment.
 */
reporting_slots: number, reporting_enrolled: number, 
/**
 * 托位使用率 = enrolled ÷ 托位 of the reporting places.
 */
utilisation: number | null, 
/**
 * Beds of the institutions that reported residents, the residents, and the disabled.
 */
reporting_beds: number, residents: number, residents_disabled: number, 
/**
 * 床位入住率.
 */
occupancy: number | null, 
/**
 * 入住老人中失能/半失能的比例 (against the 护理型床位占比 of those institutions).
 */
disabled_share: number | null, nursing_bed_share_reporting: number | null, 
/**
 * Registered births and deaths against the projection's (scaled to 常住 when both year-end
 * populations are recorded).
 */
births_registered: number | null, births_projected: number, deaths_registered: number | null, deaths_projected: number, 
/**
 * 常住 ÷ 户籍 used to scale the registered events (1 when unknown).
 */
resident_per_registered: number | null, };

export type Actuals = { facilities: Array<FacilityActual>, county: Array<CountyActual>, };

export type ActualsReport = { year: number, facilities: number, county_row: boolean, 
/**
 * What differs from the year before (facility by facility, then the county).
 */
changes_since_previous_year: Array<ActualChange>, warnings: Array<Warning>, dry_run: boolean, change: ChangeEntry | null, };

export type ActualsRequest = { county?: string | null, };

export type AddTownshipRequest = { county?: string | null, author: string, 
/**
 * 9 digits starting with the county code (a unit the national list lacks, e.g. a
 * 开发区 or 管委会 the planner counts separately).
 */
code: string, name: string, 
/**
 * 街道 / 镇 / 乡 / 其他.
 */
kind?: string | null, 
/**
 * Its 常住人口, taken from the county's 未分配 remainder (none: 待导入).
 */
resident_population?: number | null, };

export type Addition = { 
/**
 * Indicator the addition raises.
 */
indicator: string, 
/**
 * Input field it adds to (`teachers_backbone`, `sports_area_m2`, …).
 */
resource: string, 
/**
 * Amount to add, in the resource's unit, rounded up to a whole teacher, room, m² or 元.
 */
amount: number, 
/**
 * The value the indicator reaches after the addition.
 */
value_after: number, 
/**
 * The value it must reach: the threshold, or its 85% share for the one left short.
 */
target: number, };

export type AgeSexBands = { male: [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number], female: [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number], };

export type ApiError = { code: ErrorCode, message: string, params: Record<string, unknown>, };

export type AssessRequest = { county?: string | null, 
/**
 * The year to assess (projected year-end); absent: the census base itself.
 */
as_of?: number | null, };

export type AssessResponse = { 
/**
 * `census_2020` (the census base, facilities as they stand) or `as_of_YYYY` (projected).
 */
basis: string, year: number, county: ZoneAssessment, townships: Array<ZoneAssessment>, unallocated: ZoneAssessment | null, 
/**
 * How far each township's 常住人口 is known, by code: a `pending` (待导入) township's
 * figures are zeros that stand for "not yet known", never for an empty township.
 */
population_status: { [key in string]?: PopulationStatus }, };

export type AssignUnallocatedRequest = { county?: string | null, author: string, township_code: string, };

export type BasicBalance = { 
/**
 * `(indicator key, CV)` for the eight indicators.
 */
cvs: Array<[string, number]>, composite: number, limit: number, passes: boolean, };

export type BasicInputs = { 
/**
 * 计算机台数.
 */
computers: number, 
/**
 * 图书册数.
 */
books: number, 
/**
 * 专任教师数 (for 师生比).
 */
teachers_total: number, 
/**
 * 中级及以上专业技术职务教师数.
 */
teachers_mid_title: number, };

export type BoundariesReport = { features: number, updated: Array<string>, 
/**
 * Facilities that no longer lie inside their township's new boundary (left as they are;
 * move them or check the boundary file).
 */
facilities_outside: Array<string>, dry_run: boolean, change: ChangeEntry | null, };

export type BoundaryStatus = "surveyed" | "estimated" | "none";

export type CancelJobRequest = { job: string, };

export type CancelJobResponse = { job: string, running: boolean, };

export type CapacityChange = { added: CapacityMeasures, removed: CapacityMeasures, };

export type CapacityMeasures = { childcare_slots: number, 
/**
 * 托位 that are public or 普惠 (what the central subsidy pays for).
 */
subsidised_slots: number, beds: number, 
/**
 * 义务教育学位 = classes × class-size limit.
 */
school_places: number, };

export type ChangeEntry = { seq: number, 
/**
 * UTC time, ISO 8601.
 */
at: string, author: string, action: string, 
/**
 * The facility (or, for a population edit, the township) of a one-row change; empty for
 * a change of many rows.
 */
facility_id: string, summary: string, 
/**
 * The facility before and after, for a one-facility change.
 */
before: Facility | null, after: Facility | null, 
/**
 * For a one-township population change: its 常住人口 before and after.
 */
before_population: number | null, after_population: number | null, 
/**
 * How many rows the change touched.
 */
item_count: number, state: ChangeState, };

export type ChangeLog = { entries: Array<ChangeEntry>, can_undo: boolean, can_redo: boolean, };

export type ChangeState = "done" | "undone" | "discarded";

export type ChildcareCapacity = { 
/**
 * Effective slots: the minimum over the constraints that apply.
 */
slots: number, 
/**
 * The constraint that gives the minimum (the first in listing order on a tie).
 */
binding: ChildcareConstraint, constraints: Array<ConstraintValue>, 
/**
 * Full-time-equivalent slots (slots × the service mode's factor).
 */
fte_slots: number, };

export type ChildcareConstraint = "class_places" | "caregivers" | "registered_slots" | "family_cap";

export type ChildcareInputs = { service_mode: ServiceMode | null, 
/**
 * 核定/备案托位 — the approved capacity, if registered.
 */
registered_slots: number | null, 
/**
 * 乳儿班 (6–12 months).
 */
infant_classes: number, 
/**
 * 托小班 (12–24 months).
 */
toddler_small_classes: number, 
/**
 * 托大班 (24–36 months).
 */
toddler_large_classes: number, 
/**
 * 混合班 (18 months and over).
 */
mixed_classes: number, 
/**
 * 幼儿园托班 (2–3 years in a kindergarten).
 */
nursery_classes: number, 
/**
 * 保育人员.
 */
caregivers: number, };

export type ClearNormRequest = { county?: string | null, id: string, };

export type ClearSamplesRequest = { county?: string | null, author: string, };

export type CompareScenariosRequest = { county?: string | null, 
/**
 * Up to three scenario ids; `base` is the base data without interventions.
 */
ids: Array<string>, from?: number, to?: number, };

export type CompletenessItem = { 
/**
 * `township_population`, `boundaries`, `places`, `childcare`, `elderly`, `schools`,
 * `school_sections`, `hukou`, `actuals`.
 */
key: string, 
/**
 * `complete`, `partial` or `missing`.
 */
state: string, have: number, of: number, 
/**
 * The import tab that supplies it (`zones`, `boundaries`, `places`, `facilities`,
 * `schools`, `hukou`, `actuals`).
 */
import_tab: string, };

export type Confidence = "confirmed" | "secondary" | "unconfirmed";

export type ConstraintValue = { constraint: ChildcareConstraint, slots: number, };

export type CostSplit = { childcare: number, elderly: number, school: number, total: number, };

export type CostTotals = { construction: CostSplit, operating: CostSplit, subsidy: number, net: number, };

export type County = { 
/**
 * 6-digit 区划代码 (2020 census vintage).
 */
code: string, name: string, province: string, prefecture: string, 
/**
 * Year of the census the population comes from (7th census = 2020).
 */
census_year: number, 
/**
 * True when the facilities are 示例数据 (invented sample data) rather than a real inventory.
 */
sample_facilities: boolean, 
/**
 * How the population was obtained, shown wherever township figures are shown.
 */
population_note_zh: string, population_note_en: string, 
/**
 * The census code the population table came from (the same code unless the county was
 * set up from a table the planner supplied).
 */
census_code: string | null, 
/**
 * Where the county's 常住人口 by age and sex comes from.
 */
population_source: PopulationSource, 
/**
 * 县城驻地 — the county seat, where the national data give one.
 */
seat: LonLat | null, };

export type CountyActual = { year: number, 
/**
 * 出生登记 (births registered in the year).
 */
births: number | null, 
/**
 * 死亡登记.
 */
deaths: number | null, 
/**
 * 在托婴幼儿 (children under 3 enrolled in any childcare place of the county).
 */
enrolled_under3: number | null, 
/**
 * 年末常住人口 as published (统计公报).
 */
resident_population: number | null, 
/**
 * 年末户籍人口.
 */
registered_population: number | null, };

export type CountyCodeRequest = { 
/**
 * 6-digit county-level code (NBS 2023).
 */
code: string, };

export type CountyPreview = { report: SetupReport, 
/**
 * The county outline (GeoJSON geometry, GCJ-02), for the preview map.
 */
outline: unknown, 
/**
 * The township list: code, name, kind, 2020 bulletin population where known.
 */
townships: Array<PreviewTownship>, 
/**
 * Whether a county of this code is already stored.
 */
exists: boolean, };

export type CountyReportRequest = { county?: string | null, format: ReportFormat, 
/**
 * `zh-CN` (default) or `en`.
 */
lang?: string | null, 
/**
 * Scenarios compared in the report besides the base (at most two more).
 */
scenario_ids?: Array<string>, 
/**
 * The year the report's figures are for; this year (local calendar) when absent.
 */
as_of?: number | null, };

export type CountySummary = { code: string, name: string, province: string, prefecture: string, townships: number, 
/**
 * Townships whose 常住人口 is known (not 待导入).
 */
townships_with_population: number, 
/**
 * Townships with a boundary (imported or estimated from seats).
 */
townships_with_boundary: number, 
/**
 * Of those, boundaries estimated from seats (估算边界).
 */
townships_estimated_boundary: number, townships_with_seat: number, places: number, childcare_facilities: number, elderly_facilities: number, schools: number, school_sections: number, sample_facilities: number, has_hukou: boolean, has_outline: boolean, resident_population: number, unallocated_population: number, };

export type CreateCountyRequest = { code: string, 
/**
 * For a unit created after the census: its 常住人口 by age band and sex, as a file in the
 * 户籍 table's layout (年龄组,男,女), base64.
 */
population_file_name?: string | null, population_base64?: string | null, };

export type Crs = "wgs84" | "cgcs2000" | "gcj02";

export type Dashboard = { county: County, 
/**
 * The year the figures are for.
 */
as_of: number, basis: FigureBasis, county_assessment: ZoneAssessment, kpis: Array<Kpi>, townships: Array<ZoneAssessment>, township_info: Array<TownshipInfo>, 
/**
 * The residents no township holds yet (未分配), when there are any.
 */
unallocated: ZoneAssessment | null, facilities: Array<FacilityAssessment>, 
/**
 * Township boundaries (GeoJSON FeatureCollection; properties code, name, type, area_km2,
 * boundary_status).
 */
boundaries: unknown, 
/**
 * The county outline (GeoJSON geometry), where the national data have one.
 */
outline: unknown, completeness: Array<CompletenessItem>, };

export type DashboardRequest = { 
/**
 * 6-digit county code; may be left out when one county is stored.
 */
county?: string | null, 
/**
 * The year the figures are for (2020–2035); this year when absent.
 */
as_of?: number | null, };

export type DeleteScenarioRequest = { county?: string | null, id: string, };

export type DemandAllocation = { township_code: string, township_name: string, lon: number, lat: number, 
/**
 * Projected need of the target year (托位, beds by the norm, or compulsory students).
 */
demand: number, 
/**
 * Index into `sites` of the nearest open site.
 */
site: number, distance_m: number, covered: boolean, distance_before_m: number | null, };

export type DemandAssumptions = { 
/**
 * Fertility variant of the projection (低/中/高方案).
 */
variant: Variant, 
/**
 * Total fertility rate from 2021 on; the projection default when absent.
 */
tfr: number | null, 
/**
 * Net migration per year; zero when absent.
 */
migration: MigrationAssumption | null, };

export type DemandPlacement = "places" | "area" | "mixed" | "coarse";

export type DivisionItem = { code: string, name: string, 
/**
 * `province`, `prefecture` or `county`.
 */
level: string, 
/**
 * For a county: its prefecture and province names.
 */
parent: string, has_census: boolean, has_outline: boolean, townships: number, };

export type DivisionRefView = { code: string, name: string, };

export type DivisionsRequest = { 
/**
 * A name (汉字), pinyin initials or code prefix; empty lists by `within`.
 */
query?: string, 
/**
 * A province or prefecture code to list the divisions of; empty lists the provinces.
 */
within?: string, 
/**
 * A code to rank equal matches by nearness to (e.g. the current county's).
 */
near?: string, };

export type EarlyWarning = { 
/**
 * `senior_peak`, `low_utilisation`, `low_occupancy`, `no_coverage`, `target_at_risk`,
 * `projection_births`, `projection_deaths`.
 */
kind: string, year: number | null, 
/**
 * The facility or township it concerns, if one.
 */
subject: string | null, message_zh: string, message_en: string, };

export type EditFacilityRequest = { county?: string | null, 
/**
 * The author field of the app (who is editing).
 */
author: string, 
/**
 * `add`, `edit`, `move`, `close`, `reopen` or `delete`.
 */
action: string, summary: string, 
/**
 * The facility as the editor read it (`None` when adding).
 */
before?: Facility | null, 
/**
 * The facility as it should be (`None` when deleting).
 */
after?: Facility | null, };

export type EditHistoryRequest = { county?: string | null, };

export type EditPopulationRequest = { county?: string | null, author: string, township_code: string, 
/**
 * New 常住人口 of the township (whole persons).
 */
resident_population: number, };

export type EditStep = { entry: ChangeEntry | null, can_undo: boolean, can_redo: boolean, };

export type ElderlyCapacity = { beds: number, nursing_beds: number, 
/**
 * 护理型床位占比 of this facility; `None` without beds.
 */
nursing_bed_share: number | null, 
/**
 * Usable bedroom area per bed ≥ 6 m²; `None` when room data are missing.
 */
room_area_ok: boolean | null, 
/**
 * No nursing room with more than 6 beds; `None` when room data are missing.
 */
beds_per_room_ok: boolean | null, };

export type ElderlyInputs = { 
/**
 * 床位.
 */
beds: number, 
/**
 * 护理型床位.
 */
nursing_beds: number, 
/**
 * 护理型居室 count, when room data exist.
 */
nursing_rooms: number | null, 
/**
 * Most beds in any one room.
 */
max_beds_per_room: number | null, 
/**
 * Usable floor area of all bedrooms together (m²).
 */
room_usable_area_m2: number | null, };

export type EnrolledBasis = "recorded" | "projected";

export type ErrorCode = "api.unknown_command" | "api.bad_request" | "api.read_only" | "api.too_large" | "api.not_served" | "api.bad_host" | "api.server_busy" | "api.local_only" | "auth.required" | "auth.bad_credentials" | "auth.locked" | "auth.forbidden" | "auth.out_of_scope" | "auth.csrf" | "auth.bad_user" | "auth.weak_password" | "auth.unknown_user" | "job.cancelled" | "input.bad_base64" | "input.invalid" | "data.no_county" | "data.county_not_found" | "data.county_ambiguous" | "county.unknown_code" | "county.not_county_level" | "county.obsolete_code" | "county.no_census" | "county.exists" | "edit.bad_action" | "edit.no_author" | "edit.incomplete" | "edit.duplicate_id" | "edit.outside_county" | "edit.bad_population" | "edit.unknown_township" | "edit.out_of_range" | "store.open" | "store.newer_schema" | "store.sql" | "store.corrupt" | "store.conflict" | "store.busy" | "store.read_only" | "norms.unknown_id" | "norms.invalid_value" | "norms.no_source" | "standards.invalid" | "projection.bad_years" | "projection.bad_assumption" | "projection.no_hukou" | "projection.hukou_migration" | "scenario.unknown_facility" | "scenario.duplicate_facility" | "scenario.already_closed" | "scenario.bad_year" | "scenario.outside_county" | "scenario.no_name" | "scenario.not_found" | "scenario.compare_count" | "siting.invalid" | "access.bad_distance" | "export.failed" | "export.bad_size" | "export.bad_name" | "export.no_downloads" | "export.write_failed" | "internal";

export type ExportFile = { file_name: string, mime: string, base64: string, };

export type ExportSchoolBalanceRequest = { county?: string | null, };

export type FacilitiesRequest = { county?: string | null, };

export type Facility = { id: string, name: string, kind: FacilityKind, 
/**
 * 9-digit code of the township it lies in.
 */
township_code: string, location: LonLat, ownership: Ownership, 
/**
 * 普惠 (inclusive, price-capped) service.
 */
inclusive: boolean, status: FacilityStatus, opening_year: number | null, 
/**
 * 示例数据: invented for the demo, not a real inventory record.
 */
sample: boolean, childcare: ChildcareInputs | null, elderly: ElderlyInputs | null, school_sections: Array<SchoolSection>, };

export type FacilityActual = { facility_id: string, year: number, 
/**
 * 在托/在园 children (childcare places), at the year's reporting date.
 */
enrolled: number | null, 
/**
 * 入住老人 (elderly institutions).
 */
residents: number | null, 
/**
 * Of those, 失能/半失能.
 */
residents_disabled: number | null, 
/**
 * 在校生 of the primary, junior and senior sections.
 */
students_primary: number | null, students_junior: number | null, students_senior: number | null, };

export type FacilityAssessment = { id: string, name: string, kind: FacilityKind, category: FacilityCategory, township_code: string, lon: number, lat: number, ownership: Ownership, inclusive: boolean, status: FacilityStatus, opening_year: number | null, sample: boolean, 
/**
 * Effective 托位 (childcare places only).
 */
childcare_slots: number | null, 
/**
 * The constraint that sets the 托位 (childcare places only).
 */
binding_constraint: string | null, beds: number | null, nursing_beds: number | null, 
/**
 * Compulsory-education students over all sections.
 */
students: number | null, 
/**
 * Every assessed section passes the 优质均衡 school test; `None` when not assessed.
 */
meets_standard: boolean | null, 
/**
 * Counted in the current assessment (in service).
 */
in_service: boolean, childcare_capacity: ChildcareCapacity | null, elderly_capacity: ElderlyCapacity | null, school_sections: Array<SectionVerdict>, 
/**
 * Staff, classes and size cap each section needs for its students (F13).
 */
school_needs: Array<SchoolNeeds>, 
/**
 * For an elderly institution opened from 2025 on: its 护理型床位占比 reaches the 80% asked of
 * new institutions ("8080"); `None` for other facilities.
 */
new_institution_share_ok: boolean | null, };

export type FacilityCategory = "childcare" | "elderly" | "school";

export type FacilityKind = "childcare_center" | "childcare_institution" | "community_childcare" | "kindergarten_nursery_class" | "employer_childcare" | "family_childcare" | "elderly_institution" | "nursing_home" | "day_care_center" | "community_elderly_station" | "primary_school" | "junior_school" | "nine_year_school" | "twelve_year_school" | "senior_high_school" | "teaching_point";

export type FacilityStatus = "existing" | "planned" | "candidate" | "closed";

export type FigureBasis = { 
/**
 * `projection` (year-end of `as_of`) or `census` (the census base itself).
 */
kind: string, 
/**
 * The census the projection starts from.
 */
census_date: string, census_year: number, note_zh: string, note_en: string, };

export type HukouRequest = { county?: string | null, };

export type HukouStatus = { total: number, 
/**
 * 户籍 minus 常住 (census): positive when more are registered than live here.
 */
minus_resident: number, source: string, updated_at: string, bands: AgeSexBands, };

export type ImportBoundariesRequest = { county?: string | null, file_name: string, base64: string, 
/**
 * The frame of the file's coordinates (WGS84 / CGCS2000 are converted to GCJ-02).
 */
crs: Crs, dry_run?: boolean, author?: string | null, };

export type ImportField = { key: string, label_zh: string, label_en: string, required: boolean, };

export type ImportFileRequest = { county?: string | null, 
/**
 * The file's name (its extension picks CSV or XLSX; it names the file in errors).
 */
file_name: string, 
/**
 * The file's bytes, base64.
 */
base64: string, 
/**
 * Check everything, write nothing.
 */
dry_run?: boolean, 
/**
 * The planner's column mapping (file header → field key; "" ignores the column).
 */
column_map?: { [key in string]?: string } | null, 
/**
 * Frame of the file's coordinates (facilities, places; default GCJ-02, the stored frame).
 */
crs?: Crs | null, 
/**
 * Who imports (the app's author field); the change log records it.
 */
author?: string | null, 
/**
 * The year the figures are for (annual actuals).
 */
year?: number | null, };

export type ImportPreview = { 
/**
 * `utf-8`, `gbk`, `utf-16le`, `utf-16be` or `xlsx`.
 */
encoding: string, headers: Array<string>, 
/**
 * The first data rows as text.
 */
rows: Array<Array<string>>, total_rows: number, fields: Array<ImportField>, 
/**
 * Header → field key that Junheng recognises by itself (`None` = not recognised).
 */
mapping: { [key in string]?: string | null }, };

export type ImportReport = { rows: number, 
/**
 * Ids new to the county.
 */
added: Array<string>, 
/**
 * Ids that replaced a stored facility of the same id.
 */
updated: Array<string>, dry_run: boolean, 
/**
 * Values allowed but unlikely for their place, for the planner to look at again.
 */
warnings: Array<Warning>, 
/**
 * The change-log entry of the import (none on a dry run or when nothing changed).
 */
change: ChangeEntry | null, };

export type IndicatorCv = { key: string, threshold: number, 
/**
 * Student-weighted county mean X̄ (= county resource / county students).
 */
county_mean: number | null, cv: number | null, cv_limit: number, cv_ok: boolean, 
/**
 * Schools below the threshold.
 */
schools_below: number, };

export type Intervention = { id: string, 
/**
 * First plan year in which the action is in effect.
 */
year: number, action: Action, note: string, };

export type JobProgress = { job: string, stage: string, fraction: number, 
/**
 * The command has answered; no more progress follows.
 */
done: boolean, };

export type Kpi = { key: KpiKey, 
/**
 * The year the figure is for.
 */
year: number, value: number | null, unit: string, 
/**
 * The target in force in `year`; `None` when no plan period's target covers it.
 */
target: KpiTarget | null, 
/**
 * `value ≥ target`; `None` when there is no value or no target in force.
 */
meets: boolean | null, numerator: number, denominator: number, 
/**
 * 1000 for per-mille indicators, 1 for shares.
 */
scale: number, formula: string, inputs: Array<KpiInput>, 
/**
 * Why there is no value, when an input is not known yet (e.g. no 在托 figures).
 */
missing_zh: string | null, missing_en: string | null, };

export type KpiInput = { key: string, value: number, unit: string, };

export type KpiKey = "slots_per_1000" | "enrolment_rate" | "nursing_bed_share" | "beds_per_1000_elderly" | "schools_meeting_standard";

export type KpiTarget = { 
/**
 * The value to reach (same scale as the KPI: a share 0–1, or per mille).
 */
value: number, 
/**
 * The year the target is set for (the end of its plan period), e.g. 2030.
 */
by_year: number | null, 
/**
 * The first year it is in force.
 */
from_year: number | null, 
/**
 * The norm it comes from, with its source.
 */
norm: Norm, 
/**
 * How the value was worked out when it is not the norm's own value (入托率: the 2025 rate
 * plus the rise), in both languages.
 */
basis_zh: string | null, basis_en: string | null, };

export type KpiTrack = { key: KpiKey, years: Array<TrackYear>, 
/**
 * The latest year with an actual value.
 */
latest_year: number | null, latest: number | null, 
/**
 * The target in force in the latest year with an actual value (this year when none).
 */
target: KpiTarget | null, light: Light, 
/**
 * (latest − value at the start of the target's period) ÷ (target − that value), 0–1.
 */
progress: number | null, 
/**
 * The year the target is reached at the pace of the actual values (linear trend); `None`
 * when they do not rise or there are fewer than two.
 */
reached_at_pace: number | null, 
/**
 * The target is not met and the pace does not reach it by its year.
 */
at_risk: boolean, };

export type LevelBalance = { level: SchoolLevel, 
/**
 * Number of school sections assessed at this level (`schools` holds their verdicts).
 */
school_count: number, students: number, 
/**
 * The county passes the level: every CV within its limit and every school passes.
 */
passes: boolean, schools_passing: number, indicators: Array<IndicatorCv>, schools: Array<SectionVerdict>, 
/**
 * The legacy 基本均衡 composite, when the school file has its inputs.
 */
basic_balance: BasicBalance | null, };

export type Light = "green" | "yellow" | "red" | "none";

export type ListCountiesRequest = Record<string, never>;

export type ListScenariosRequest = { county?: string | null, };

export type LonLat = { lon: number, lat: number, };

export type MapPngRequest = { county: string | null, 
/**
 * The year the values are for (2020–2035); this year when absent.
 */
as_of: number | null, 
/**
 * The indicator the townships are shaded by.
 */
layer: KpiKey, 
/**
 * Image size in pixels (400–4000 each; default 1600 × 1150).
 */
width: number, height: number, 
/**
 * `zh-CN` (default) or `en`.
 */
lang: string | null, };

export type MigrationAssumption = { 
/**
 * Net migrants per calendar year (negative = more leave than arrive).
 */
annual_net: number, 
/**
 * First and last calendar year it applies (default 2021 to the end of the projection).
 */
from: number, to: number | null, profile: MigrationProfile, 
/**
 * Share of men among the migrants (default 0.5).
 */
male_share: number, };

export type MigrationProfile = "rogers_castro" | "population";

export type Monitoring = { current_year: number, tracks: Array<KpiTrack>, actuals: Array<ActualYear>, warnings: Array<EarlyWarning>, };

export type MonitoringRequest = { county?: string | null, 
/**
 * First and last year shown (default 2020–2030).
 */
from: number, to: number, };

export type Norm = { id: string, title_zh: string, title_en: string, value: number, unit: string, effective_from: number | null, effective_to: number | null, source: string, confidence: Confidence, 
/**
 * Where the value in force comes from: `national`, or the override file that replaced it.
 */
origin: string, };

export type NormOverride = { id: string, value: number, 
/**
 * The document behind the new value, if the user names one.
 */
source: string | null, };

export type NormScope = { 
/**
 * `childcare`, `elderly`, `school` or `demand`.
 */
service: string, 
/**
 * `primary`, `junior` or `senior` for level-specific school norms.
 */
level: string | null, };

export type NormView = { national_value: number, overridden: boolean, scope: NormScope, id: string, title_zh: string, title_en: string, value: number, unit: string, effective_from: number | null, effective_to: number | null, source: string, confidence: Confidence, 
/**
 * Where the value in force comes from: `national`, or the override file that replaced it.
 */
origin: string, };

export type NormsRequest = { county?: string | null, };

export type NormsView = { county: string | null, version: string, norms: Array<NormView>, };

export type OptimizeSitesRequest = { county?: string | null, category: FacilityCategory, model: SitingModel, 
/**
 * New facilities to add to those in service.
 */
new_sites: number, 
/**
 * Service radius (m) for coverage, and the MCLP radius.
 */
radius_m: number, 
/**
 * Year whose projected need weights the demand (default 2030).
 */
year?: number, variant?: Variant, 
/**
 * Capacity a new site gets (托位, beds or places) for the accessibility figures and the
 * equity objective; default by category from the norms (`siting.new_site_capacity.*`).
 */
new_site_capacity?: number | null, 
/**
 * E2SFCA catchment (m); default the radius × `siting.catchment_multiple`.
 */
catchment_m?: number | null, };

export type Outlook = { county: ZoneOutlook, townships: Array<ZoneOutlook>, 
/**
 * County pyramids: the census base and every projected year-end.
 */
pyramids: Array<PyramidYear>, assumptions: ProjectionAssumptions, };

export type OutlookRequest = { county?: string | null, 
/**
 * Fertility variant: low / medium / high (TFR −0.2 / as given / +0.2).
 */
variant?: Variant, 
/**
 * Medium TFR from 2021 (default 1.0).
 */
tfr?: number | null, 
/**
 * First and last plan years (default 2025–2035).
 */
from?: number, to?: number, 
/**
 * Net migration per year (常住 view); none = zero.
 */
migration?: MigrationAssumption | null, 
/**
 * 常住 (resident, default) or 户籍 (registered) base population.
 */
basis?: PopulationBasis, };

export type OutlookYear = { need: YearNeed, capacity: YearCapacity, gap: YearGap, };

export type Overview = { scope: string, scope_name: string, year: number, counties: Array<OverviewRow>, 
/**
 * County outlines (GeoJSON FeatureCollection, property `code`), for scopes up to
 * [`MAX_OUTLINES`] counties.
 */
outlines: unknown, 
/**
 * The national targets in force in `year`, one per KPI column that has one (the map's
 * legend puts a class break at the target).
 */
targets: Array<OverviewTarget>, };

export type OverviewRequest = { 
/**
 * A province (330000), a prefecture (331100) or `000000` for the whole country.
 */
scope: string, 
/**
 * The year (2020–2035); this year when absent.
 */
year?: number | null, };

export type OverviewRow = { code: string, name: string, prefecture: string, province: string, 
/**
 * The county's own data (facilities, townships) are stored: its KPIs are shown.
 */
stored: boolean, 
/**
 * No census table exists for the unit (created after 2020) and none was supplied.
 */
no_population: boolean, 
/**
 * Its prefecture's county-level units changed after the 2020 census: its census-based
 * figures may not match its current extent.
 */
division_changed: boolean, year: number, resident_population: number, children_0_2: number, aged_60_plus: number, aged_6_14: number, 
/**
 * Residents in `year` against the 2020 census, as a change (−0.05 = 5 % fewer).
 */
population_change: number | null, children_0_2_change: number | null, 
/**
 * Need by the demand norms: 托位 (children 0–2 × uptake), beds (60+ × 40‰), nursing beds.
 */
childcare_slots_need: number, beds_need: number, nursing_beds_need: number, 
/**
 * Stored counties only: capacity in service in `year`, gaps and KPIs.
 */
childcare_slots: number | null, institution_beds: number | null, childcare_gap: number | null, beds_gap: number | null, slots_per_1000: number | null, enrolment_rate: number | null, nursing_bed_share: number | null, beds_per_1000_elderly: number | null, schools_meeting_share: number | null, 
/**
 * KPIs meeting the target in force in `year`, of those with a value and a target.
 */
kpis_met: number | null, kpis_judged: number | null, };

export type OverviewTarget = { 
/**
 * The column of [`OverviewRow`] it judges: `slots_per_1000`, `enrolment_rate`,
 * `nursing_bed_share`, `beds_per_1000_elderly` or `schools_meeting_share`.
 */
column: string, value: number, norm_id: string, source: string, };

export type Ownership = "public" | "private";

export type PlacesReport = { rows: number, population: number, 
/**
 * Points per township (code → count); points in no township boundary are counted under "".
 */
by_township: { [key in string]?: number }, dry_run: boolean, change: ChangeEntry | null, };

export type PopulationBasis = "resident" | "hukou";

export type PopulationSource = "census" | "supplied";

export type PopulationStatus = "census" | "imported" | "estimated" | "pending";

export type PreviewFacilityRequest = { county?: string | null, 
/**
 * The facility as the form holds it (id, name and location may be placeholders).
 */
facility: Facility, };

export type PreviewImportRequest = { kind: TableKind, file_name: string, base64: string, };

export type PreviewTownship = { code: string, name: string, kind: string, population: number | null, };

export type ProjectionAssumptions = { base_date: string, variant: Variant, tfr_base_2020: number, tfr_from_2021: number, sex_ratio_at_birth: number, 
/**
 * Both-sexes life expectancy knots (year, e0), linear between.
 */
e0_knots: Array<[number, number]>, e0_female_minus_male: number, migration: string, township_method: string, basis: PopulationBasis, 
/**
 * Where the 户籍 base comes from, for the 户籍 view.
 */
basis_note: string | null, };

export type PyramidYear = { 
/**
 * `2020-11-01` for the census base, else `YYYY-12-31`.
 */
date: string, year: number, male: Array<number>, female: Array<number>, };

export type RemoveCountyRequest = { code: string, };

export type ReportFormat = "pdf" | "xlsx";

export type ResourceTotal = { resource: string, amount: number, };

export type SaveDownloadRequest = { file_name: string, base64: string, };

export type SaveScenarioRequest = { county?: string | null, scenario: Scenario, };

export type SavedFile = { path: string, };

export type Scenario = { id: string, name: string, description: string, 
/**
 * 干预措施, applied in year order (and in list order within a year).
 */
interventions: Array<Intervention>, 
/**
 * Norm values this scenario uses instead of the county's (e.g. a higher 托育需求率).
 */
norm_overrides: Array<NormOverride>, assumptions: DemandAssumptions, 
/**
 * How many times the scenario has been saved: a save based on an older version than the
 * stored one is refused, so that two planners never overwrite each other silently.
 */
version: number, };

export type ScenarioComparison = { from: number, to: number, outcomes: Array<ScenarioOutcome>, };

export type ScenarioOutcome = { scenario_id: string, name: string, years: Array<ScenarioYear>, targets_met: TargetYears, cost_totals: CostTotals, };

export type ScenarioYear = { year: number, county: ZoneYear, townships: Array<ZoneYear>, cost: YearCost, 
/**
 * Coverage within the life-circle radius and the evenness of access, per service.
 */
reach: Array<ServiceReach>, };

export type SchoolBalance = { county: string, levels: Array<LevelBalance>, improvements: Array<SchoolImprovement>, totals: Array<ResourceTotal>, extra_classes: number, 
/**
 * Schools left out of the assessment (teaching points under the minimum size).
 */
excluded: Array<string>, 
/**
 * 县域普通高中: whether the county needs one and has one (junior graduates are not stored
 * yet, so only the population test applies).
 */
senior_high_rule: SeniorHighRule, };

export type SchoolBalanceRequest = { county?: string | null, };

export type SchoolImprovement = { school_code: string, school_name: string, level: SchoolLevel, 
/**
 * The indicator allowed to stay below its threshold (at ≥ 85% of it), if any.
 */
left_short: string | null, additions: Array<Addition>, 
/**
 * Classes to open so that no class exceeds the limit.
 */
extra_classes: number, 
/**
 * Students above the size cap: additions cannot fix this; the intake must move.
 */
students_over_cap: number, };

export type SchoolKind = "complete" | "nine_year" | "twelve_year";

export type SchoolLevel = "primary" | "junior";

export type SchoolNeeds = { level: StaffingLevel, students: number, 
/**
 * 教职工 needed = students ÷ ratio (19 / 13.5 / 12.5), unrounded.
 */
staff_needed: number, 
/**
 * Classes needed at the class-size limit (45 / 50 / 55).
 */
classes_needed: number, class_max: number, 
/**
 * Enrolment cap (2000; 2500 for 一贯制; 3000 for a new 普通高中).
 */
size_cap: number, 
/**
 * Students above the cap (0 when within it).
 */
students_over_cap: number, };

export type SchoolSection = { school_code: string, school_name: string, level: SchoolLevel, kind: SchoolKind, 
/**
 * 在校生.
 */
students: number, 
/**
 * 班级.
 */
classes: number, 
/**
 * 最大班额.
 */
max_class_size: number, 
/**
 * 高于规定学历的教师数.
 */
teachers_qualified: number, 
/**
 * 县级以上骨干教师数.
 */
teachers_backbone: number, 
/**
 * 体育、艺术（美术、音乐）专任教师数.
 */
teachers_pe_art: number, 
/**
 * 教学及辅助用房面积 (m²).
 */
teaching_area_m2: number, 
/**
 * 体育运动场馆面积 (m²).
 */
sports_area_m2: number, 
/**
 * 教学仪器设备值 (元).
 */
equipment_value_yuan: number, 
/**
 * 网络多媒体教室间数.
 */
multimedia_rooms: number, 
/**
 * Inputs of the legacy 基本均衡 indicators, when the school file has them.
 */
basic: BasicInputs | null, };

export type SchoolsReport = { rows: number, 
/**
 * Schools whose sections were set.
 */
schools: Array<string>, dry_run: boolean, warnings: Array<Warning>, change: ChangeEntry | null, };

export type SectionVerdict = { school_code: string, school_name: string, level: SchoolLevel, students: number, 
/**
 * Indicator key → value (unrounded).
 */
values: { [key in string]?: number }, 
/**
 * Indicators at or above their threshold.
 */
met: number, 
/**
 * Every indicator not met reaches the required share of its threshold.
 */
remaining_ok: boolean, 
/**
 * No class above 45 (小学) / 50 (初中).
 */
class_size_ok: boolean, 
/**
 * Enrolment within 2000, or 2500 for 一贯制.
 */
size_ok: boolean, passes: boolean, };

export type SeniorHighRule = { needs_senior_high: boolean, senior_high_schools: number, satisfied: boolean, };

export type ServiceMode = "full_day" | "half_day" | "hourly" | "temporary";

export type ServiceReach = { category: FacilityCategory, radius_m: number, catchment_m: number, 
/**
 * Share of the group's residents within the radius of a facility in service.
 */
coverage_share: number | null, 
/**
 * Inter-township CV of E2SFCA accessibility; lower is more even.
 */
access_cv: number | null, };

export type SetActualRequest = { county?: string | null, author: string, 
/**
 * One facility-year (its `facility_id` and `year`)…
 */
facility?: FacilityActual | null, 
/**
 * …or the county's figures of one year.
 */
county_year?: CountyActual | null, 
/**
 * What the editor read (`None` when the year had no figures): a figure changed meanwhile by
 * someone else is a conflict.
 */
before_facility?: FacilityActual | null, before_county?: CountyActual | null, };

export type SetNormRequest = { county?: string | null, id: string, value: number, source?: string | null, };

export type SetSeatsRequest = { county?: string | null, author: string, seats: Array<TownshipSeat>, };

export type SetupNote = { 
/**
 * `census`, `townships`, `bulletin`, `unmatched_bulletin_row`, `township_not_in_bulletin`,
 * `unallocated`, `outline`, `no_outline`, `seat`, `division_change`, `supplied_population`.
 */
key: string, zh: string, en: string, };

export type SetupReport = { code: string, name: string, province: DivisionRefView, prefecture: DivisionRefView, resident_population: number, population_60_plus: number, children_0_2: number, townships: number, townships_with_population: number, unallocated_population: number, has_outline: boolean, found: Array<SetupNote>, missing: Array<SetupNote>, };

export type SiteOption = { id: string, name: string, lon: number, lat: number, source: SiteSource, chosen: boolean, 
/**
 * Capacity used for accessibility: the facility's own, or `new_site_capacity` for a new site.
 */
capacity: number, };

export type SiteSource = "existing" | "candidate" | "township";

export type SitingModel = "pmedian" | "mclp" | "equity";

export type SitingProof = "lagrangian" | "milp" | "enumeration" | "open";

export type SitingResult = { model: SitingModel, category: FacilityCategory, year: number, radius_m: number, new_sites: number, objective: number, 
/**
 * Proven bound: a lower bound for p-median, an upper bound for MCLP.
 */
bound: number, gap: number, proven_optimal: boolean, proof: SitingProof, seconds: number, sites: Array<SiteOption>, allocation: Array<DemandAllocation>, 
/**
 * Share of demand within the radius of an open site, before and after.
 */
coverage_before: number, coverage_after: number, 
/**
 * Demand-weighted mean distance to the nearest open site (m).
 */
mean_distance_before_m: number | null, mean_distance_after_m: number, 
/**
 * Inter-township CV of the distance to the nearest site (demand-weighted): lower is more even.
 */
distance_cv_before: number | null, distance_cv_after: number | null, 
/**
 * Inter-township CV of E2SFCA accessibility (均衡, the equity objective): before (existing
 * sites only) and after.
 */
access_cv_before: number | null, access_cv_after: number | null, catchment_m: number, new_site_capacity: number, demand_note: string, };

export type StaffingLevel = "primary" | "junior" | "senior";

export type SubsidyBudget = { 
/**
 * `hukou` (the county's 户籍 table: the 育儿补贴 is paid where a child is registered) or
 * `resident` (no 户籍 table stored: 常住 as a stand-in).
 */
basis: string, basis_note_zh: string, basis_note_en: string, per_child_year_yuan: number, operating_per_child_month_yuan: number, years: Array<SubsidyYear>, total_yuan: number, };

export type SubsidyRequest = { county?: string | null, from: number, to: number, 
/**
 * A scenario whose builds' construction subsidies are added (none: the base data).
 */
scenario_id?: string | null, };

export type SubsidyYear = { year: number, 
/**
 * Person-years lived under age 3 in the year.
 */
children_under3_person_years: number, 
/**
 * 育儿补贴 = per-child amount × those person-years.
 */
childcare_subsidy_yuan: number, central_yuan: number, provincial_yuan: number, county_yuan: number, 
/**
 * Children enrolled in childcare (for the operating subsidy).
 */
enrolled_children: number, enrolled_basis: EnrolledBasis, 
/**
 * 托育运营补贴 = enrolled × 12 months × the local monthly amount.
 */
operating_subsidy_yuan: number, 
/**
 * Construction subsidies of a scenario's builds (central 1万元 per new public or 普惠 托位).
 */
construction_subsidy_yuan: number, total_yuan: number, };

export type TableKind = "facilities" | "zones" | "hukou" | "places" | "schools" | "actuals";

export type TargetYears = { slots_per_1000: number | null, nursing_share: number | null, beds_per_1000_elderly: number | null, schools: number | null, 
/**
 * All four at once.
 */
all: number | null, };

export type TemplateRequest = { kind: TableKind, lang?: string | null, };

export type TownshipAccess = { code: string, name: string, demand: number, 
/**
 * Demand-weighted mean of its cells (0 where nothing is in reach).
 */
access_per_1000: number, coverage_share: number | null, 
/**
 * Demand farther than the radius from every site.
 */
uncovered_demand: number, 
/**
 * Access ÷ county access.
 */
access_ratio: number | null, underserved: boolean, };

export type TownshipInfo = { code: string, population_status: PopulationStatus, boundary_status: BoundaryStatus, seat: LonLat | null, user_defined: boolean, };

export type TownshipSeat = { code: string, 
/**
 * `None` removes the seat.
 */
seat: LonLat | null, };

export type TrackYear = { year: number, 
/**
 * The value from recorded data (years up to now).
 */
actual: number | null, 
/**
 * The value the plan's data give (facilities as planned, residents as projected).
 */
plan: number | null, 
/**
 * The target in force that year.
 */
target: number | null, };

export type Variant = "low" | "medium" | "high";

export type Warning = { 
/**
 * The facility id or township code.
 */
subject: string, field: string, value: number, message_zh: string, message_en: string, };

export type YearCapacity = { childcare_slots: number, institution_beds: number, nursing_beds: number, 
/**
 * School places = classes × class-size limit (45 primary / 50 junior), all sections.
 */
primary_places: number, junior_places: number, };

export type YearCost = { year: number, 
/**
 * Capacity the scenario adds and removes this year.
 */
change: CapacityChange, 
/**
 * 建设投资 = capacity added × construction cost per unit.
 */
construction: CostSplit, 
/**
 * 运营成本 of the capacity the scenario has added (net of what it closed) since the base,
 * × operating cost per unit and year; negative when it closes more than it adds.
 */
operating: CostSplit, 
/**
 * 中央补助 = new public or 普惠 托位 × subsidy per slot (an editable assumption).
 */
subsidy: number, 
/**
 * construction + operating − subsidy.
 */
net: number, };

export type YearGap = { childcare_slots: number, beds: number, nursing_beds: number, primary_places: number, junior_places: number, };

export type YearKpis = { 
/**
 * 每千人口托位数 (托位 ÷ projected 常住人口 × 1000).
 */
slots_per_1000: number | null, slots_per_1000_target: number | null, 
/**
 * 养老机构护理型床位占比.
 */
nursing_share: number | null, nursing_share_target: number | null, 
/**
 * 每千名老年人养老床位数 (beds ÷ projected 60+ × 1000).
 */
beds_per_1000_elderly: number | null, beds_per_1000_elderly_target: number | null, 
/**
 * 义务教育学校达标率 (county only; `None` for townships or when no school is assessed).
 */
schools_share: number | null, schools_target: number | null, schools_meeting: number, schools_total: number, };

export type YearNeed = { year: number, 
/**
 * 常住人口.
 */
population: number, 
/**
 * 3岁以下婴幼儿 (ages 0–2).
 */
children_0_2: number, 
/**
 * 托位 needed = children 0–2 × uptake (F3).
 */
childcare_slots: number, 
/**
 * The same per 1000 residents.
 */
childcare_slots_per_1000: number, aged_60_plus: number, aged_65_plus: number, aged_80_plus: number, 
/**
 * Beds by the GB 50437 norm: 60+ × 40 / 1000 (F6).
 */
beds_by_norm: number, 
/**
 * Beds by the need model: 60+ × disabled share × institutional uptake ÷ occupancy (F6).
 */
beds_by_need: number, 
/**
 * 护理型床位占比 target in force this year (55% to 2025, 73% from 2026).
 */
nursing_share_target: number, 
/**
 * Nursing-type beds needed = beds by the norm × that target.
 */
nursing_beds: number, 
/**
 * Students at each level = age group × enrolment (ages 6–11, 12–14, 15–17).
 */
primary_students: number, junior_students: number, senior_students: number, 
/**
 * Classes at the class-size limits (45 / 50 / 55), rounded up.
 */
primary_classes: number, junior_classes: number, senior_classes: number, 
/**
 * 教职工 needed at 19 / 13.5 / 12.5 students each (F13).
 */
primary_staff: number, junior_staff: number, senior_staff: number, };

export type ZoneAssessment = { code: string, name: string, 
/**
 * 常住人口 (unrounded when projected).
 */
resident_population: number, 
/**
 * 3岁以下婴幼儿 (census: age 0 plus half of ages 1–4; projected: ages 0–2).
 */
population_0_2: number, 
/**
 * 60岁及以上常住人口.
 */
population_60_plus: number, 
/**
 * 托位 of childcare places in service.
 */
childcare_slots: number, 
/**
 * 普惠托位.
 */
inclusive_slots: number, 
/**
 * 公办托位.
 */
public_slots: number, 
/**
 * 每千人口托位数 (F1).
 */
slots_per_1000: number | null, 
/**
 * Slots the 每千人口托位数 target in force asks for (resident population × target / 1000);
 * `None` in a year without such a target.
 */
childcare_slots_needed: number | null, 
/**
 * 养老机构床位 (养老机构 + 护理院).
 */
institution_beds: number, 
/**
 * 护理型床位 in those institutions.
 */
nursing_beds: number, 
/**
 * 养老机构护理型床位占比 (F7).
 */
nursing_bed_share: number | null, 
/**
 * 每千名老年人养老床位数 (GB 50437).
 */
beds_per_1000_elderly: number | null, 
/**
 * Beds the norm asks for: 60+ × 40 / 1000 (F6).
 */
beds_needed: number, 
/**
 * 日间照料中心 and 社区养老服务站 in service.
 */
community_elderly_facilities: number, 
/**
 * Compulsory schools assessed (教学点 under 50 students excluded).
 */
schools_total: number, 
/**
 * Of those, schools whose every section passes the 优质均衡 school test.
 */
schools_meeting_standard: number, };

export type ZoneOutlook = { code: string, name: string, years: Array<OutlookYear>, peak_primary_year: number | null, peak_junior_year: number | null, };

export type ZoneYear = { code: string, name: string, kpis: YearKpis, need: YearNeed, capacity: YearCapacity, gap: YearGap, };

export type ZonesReport = { rows: number, updated: Array<string>, 
/**
 * The county's resident population after the import: its townships plus 未分配.
 */
county_population: number, 
/**
 * 未分配 after the import.
 */
unallocated_population: number, 
/**
 * Persons the county gained because the townships now hold more than it had.
 */
county_growth: number, dry_run: boolean, 
/**
 * Township figures far from what was known of them.
 */
warnings: Array<Warning>, change: ChangeEntry | null, };

/** Every command: its request and response types. */
export interface Commands {
  get_dashboard: { request: DashboardRequest; response: Dashboard };
  assess: { request: AssessRequest; response: AssessResponse };
  list_norms: { request: NormsRequest; response: NormsView };
  set_norm_override: { request: SetNormRequest; response: NormsView };
  clear_norm_override: { request: ClearNormRequest; response: NormsView };
  get_school_balance: { request: SchoolBalanceRequest; response: SchoolBalance };
  get_outlook: { request: OutlookRequest; response: Outlook };
  export_school_balance: { request: ExportSchoolBalanceRequest; response: ExportFile };
  save_to_downloads: { request: SaveDownloadRequest; response: SavedFile };
  import_facilities: { request: ImportFileRequest; response: ImportReport };
  import_zones: { request: ImportFileRequest; response: ZonesReport };
  optimize_sites: { request: OptimizeSitesRequest; response: SitingResult };
  list_scenarios: { request: ListScenariosRequest; response: Array<Scenario> };
  save_scenario: { request: SaveScenarioRequest; response: Scenario };
  delete_scenario: { request: DeleteScenarioRequest; response: Array<Scenario> };
  compare_scenarios: { request: CompareScenariosRequest; response: ScenarioComparison };
  edit_facility: { request: EditFacilityRequest; response: ChangeEntry };
  edit_population: { request: EditPopulationRequest; response: ChangeEntry };
  undo_edit: { request: EditHistoryRequest; response: EditStep };
  redo_edit: { request: EditHistoryRequest; response: EditStep };
  get_change_log: { request: EditHistoryRequest; response: ChangeLog };
  get_facilities: { request: FacilitiesRequest; response: Array<Facility> };
  get_import_template: { request: TemplateRequest; response: ExportFile };
  preview_import: { request: PreviewImportRequest; response: ImportPreview };
  import_boundaries: { request: ImportBoundariesRequest; response: BoundariesReport };
  export_county_report: { request: CountyReportRequest; response: ExportFile };
  get_accessibility: { request: AccessibilityRequest; response: AccessibilityView };
  get_hukou: { request: HukouRequest; response: HukouStatus | null };
  import_hukou: { request: ImportFileRequest; response: HukouStatus | null };
  clear_hukou: { request: HukouRequest; response: HukouStatus | null };
  list_counties: { request: ListCountiesRequest; response: Array<CountySummary> };
  search_divisions: { request: DivisionsRequest; response: Array<DivisionItem> };
  preview_county: { request: CountyCodeRequest; response: CountyPreview };
  create_county: { request: CreateCountyRequest; response: SetupReport };
  remove_county: { request: RemoveCountyRequest; response: Array<CountySummary> };
  import_places: { request: ImportFileRequest; response: PlacesReport };
  import_schools: { request: ImportFileRequest; response: SchoolsReport };
  set_township_seats: { request: SetSeatsRequest; response: ChangeEntry };
  add_township: { request: AddTownshipRequest; response: ChangeEntry };
  assign_unallocated: { request: AssignUnallocatedRequest; response: ChangeEntry };
  clear_sample_facilities: { request: ClearSamplesRequest; response: ChangeEntry };
  import_actuals: { request: ImportFileRequest; response: ActualsReport };
  get_actuals: { request: ActualsRequest; response: Actuals };
  set_actual: { request: SetActualRequest; response: ChangeEntry };
  get_monitoring: { request: MonitoringRequest; response: Monitoring };
  get_subsidy: { request: SubsidyRequest; response: SubsidyBudget };
  get_overview: { request: OverviewRequest; response: Overview };
  export_overview: { request: OverviewRequest; response: ExportFile };
  preview_facility: { request: PreviewFacilityRequest; response: FacilityAssessment };
  export_map_png: { request: MapPngRequest; response: ExportFile };
  cancel_job: { request: CancelJobRequest; response: CancelJobResponse };
}

export type CommandName = keyof Commands;

/** Commands that change stored data. */
export const WRITE_COMMANDS: readonly CommandName[] = [
  'set_norm_override',
  'clear_norm_override',
  'save_to_downloads',
  'import_facilities',
  'import_zones',
  'save_scenario',
  'delete_scenario',
  'edit_facility',
  'edit_population',
  'undo_edit',
  'redo_edit',
  'import_boundaries',
  'import_hukou',
  'clear_hukou',
  'create_county',
  'remove_county',
  'import_places',
  'import_schools',
  'set_township_seats',
  'add_township',
  'assign_unallocated',
  'clear_sample_facilities',
  'import_actuals',
  'set_actual',
];

/** Every error code with its HTTP status and message (`{param}` filled from the error's params). */
export const ERROR_MESSAGES: Record<ErrorCode, { status: number; zh: string; en: string }> = {
  "api.unknown_command": { status: 404, zh: "后端不支持该命令：{cmd}", en: "The backend does not support the command {cmd}." },
  "api.bad_request": { status: 400, zh: "命令 {cmd} 的请求参数有误：{detail}", en: "Bad request for {cmd}: {detail}" },
  "api.read_only": { status: 403, zh: "服务器为只读模式，不能修改数据。", en: "The server is read-only; it cannot change data." },
  "api.too_large": { status: 413, zh: "请求过大：{cmd} 最多接受 {limit_bytes} 字节。", en: "The request is too large: {cmd} takes at most {limit_bytes} bytes." },
  "api.not_served": { status: 403, zh: "该命令只在桌面版中可用。", en: "This command is available in the desktop app only." },
  "api.bad_host": { status: 421, zh: "请求的主机名 {host} 不在本服务器允许的列表中。", en: "The host name {host} is not one this server answers to." },
  "api.server_busy": { status: 503, zh: "服务器连接数已满，请稍后重试。", en: "The server has too many connections; try again shortly." },
  "api.local_only": { status: 400, zh: "无账号的写入模式（--allow-writes）只能在本机地址上使用；请先用 junheng user add 建立账号。", en: "Writes without accounts (--allow-writes) are for a loopback address only; add accounts with `junheng user add` first." },
  "auth.required": { status: 401, zh: "请先登录。", en: "Please sign in." },
  "auth.bad_credentials": { status: 401, zh: "用户名或密码错误。", en: "Wrong user name or password." },
  "auth.locked": { status: 429, zh: "登录失败次数过多，该账号已暂时锁定，请于 {until} 后再试。", en: "Too many failed sign-ins; the account is locked until {until}." },
  "auth.forbidden": { status: 403, zh: "您的角色（{role}）不能执行该操作：{cmd}。", en: "Your role ({role}) may not run {cmd}." },
  "auth.out_of_scope": { status: 403, zh: "县（区）{county} 不在您的权限范围内。", en: "County {county} is outside your scope." },
  "auth.csrf": { status: 403, zh: "页面已过期（缺少或错误的安全令牌），请刷新后重试。", en: "The page is out of date (missing or wrong security token); reload and try again." },
  "auth.bad_user": { status: 400, zh: "账号信息无效：{detail}", en: "Invalid account: {detail}" },
  "auth.weak_password": { status: 400, zh: "密码须为 {min}–{max} 个字符。", en: "A password must have {min}–{max} characters." },
  "auth.unknown_user": { status: 404, zh: "没有名为 {name} 的账号。", en: "There is no account named {name}." },
  "job.cancelled": { status: 409, zh: "操作已取消，未保存任何修改。", en: "The operation was cancelled; nothing was saved." },
  "input.bad_base64": { status: 400, zh: "上传的文件内容无法解码（不是有效的 base64）。", en: "The uploaded file could not be decoded (not valid base64)." },
  "input.invalid": { status: 400, zh: "导入的数据有误，请按提示修改后重新导入。", en: "The imported data has errors; fix them and import again." },
  "data.no_county": { status: 404, zh: "尚未创建任何县（区）：请先新建县区或加载示例县。", en: "No county has been set up yet: create one or load the demo county." },
  "data.county_not_found": { status: 404, zh: "数据库中没有县（区）{code} 的数据。", en: "County {code} is not in the database." },
  "data.county_ambiguous": { status: 400, zh: "数据库中有多个县（区），请指定要操作的县（区）（--county 代码）：{codes}", en: "The database holds several counties; name the one to act on (--county CODE): {codes}" },
  "county.unknown_code": { status: 400, zh: "代码 {code} 不是现行的县级行政区划代码（县级代码为6位数字，如 331125 云和县；可按名称或拼音首字母查找）。", en: "{code} is not a current county-level division code (a county code has 6 digits, e.g. 331125 for 云和县; search by name or initials)." },
  "county.not_county_level": { status: 400, zh: "代码 {code}（{name}）是{level}，请选择其下的县（区、市）。", en: "{code} ({name}) is a {level_en}; choose one of its counties." },
  "county.obsolete_code": { status: 400, zh: "{code}（{name}）已于人口普查后撤销或合并，现行区划中没有该代码（同一地级市此后新设：{added}）；请新建现行的县（区）并导入其人口。", en: "{code} ({name}) was abolished or merged after the 2020 census (created in its prefecture since: {added}); create the current unit and import its population." },
  "county.no_census": { status: 400, zh: "{code}（{name}）是普查后新设的县级单位，没有第七次人口普查数据；请用 --population 提供其常住人口年龄性别表。", en: "{code} ({name}) was created after the 2020 census and has no census table; supply its resident population by age and sex (--population)." },
  "county.exists": { status: 409, zh: "县（区）{code} 已存在。", en: "County {code} already exists." },
  "edit.bad_action": { status: 400, zh: "未知的编辑操作：{action}", en: "Unknown edit action: {action}" },
  "edit.no_author": { status: 400, zh: "请先填写编辑人。", en: "Enter your name in the author field first." },
  "edit.incomplete": { status: 400, zh: "设施须有编号和名称。", en: "A facility needs an id and a name." },
  "edit.duplicate_id": { status: 400, zh: "编号 {id} 已被使用，请换一个编号。", en: "The id {id} is already used; choose another." },
  "edit.outside_county": { status: 400, zh: "该位置（{lon}，{lat}）不在本县范围内，请放在本县的乡镇（街道）内。", en: "The point ({lon}, {lat}) is outside the county; place it inside one of its townships." },
  "edit.bad_population": { status: 400, zh: "常住人口须为不小于 0 的整数（收到 {value}）。", en: "A resident population must be a whole number of 0 or more (got {value})." },
  "edit.unknown_township": { status: 400, zh: "找不到编码为 {code} 的乡镇（街道），请重新加载后再操作。", en: "There is no township {code}; reload and try again." },
  "edit.out_of_range": { status: 400, zh: "{field}：{detail_zh}", en: "{field}: {detail}" },
  "store.open": { status: 500, zh: "无法打开数据库：{detail}", en: "Cannot open the database: {detail}" },
  "store.newer_schema": { status: 500, zh: "数据库由更新版本的均衡写入，当前版本无法读取；数据库未被修改，请升级软件（{detail}）。", en: "The database was written by a newer version of Junheng and cannot be read; it was not changed. Please upgrade ({detail})." },
  "store.sql": { status: 500, zh: "数据库读写出错：{detail}", en: "A database error occurred: {detail}" },
  "store.corrupt": { status: 500, zh: "数据库已损坏，请从备份恢复：{detail}", en: "The database is damaged; restore a backup: {detail}" },
  "store.conflict": { status: 409, zh: "数据已在别处被修改，请重新加载后再操作（{detail}）。", en: "The data were changed elsewhere; reload and try again ({detail})." },
  "store.busy": { status: 503, zh: "数据库正忙（另一写入尚未完成），请稍后重试。", en: "The database is busy with another write; try again shortly." },
  "store.read_only": { status: 403, zh: "数据库以只读方式打开，不能修改。", en: "The database is open read-only; it cannot be changed." },
  "norms.unknown_id": { status: 400, zh: "标准库中没有编号为 {id} 的标准。", en: "There is no norm with id {id}." },
  "norms.invalid_value": { status: 400, zh: "标准值 {value} 无效：{detail}", en: "Invalid norm value {value}: {detail}" },
  "norms.no_source": { status: 400, zh: "请填写取值依据（文件名称、文号或出处，300字以内）。", en: "Name the source of the value (document, number or publication; at most 300 characters)." },
  "standards.invalid": { status: 400, zh: "本方案的标准取值无效，请检查所选标准和数值（{detail}）。", en: "The scenario's norm values are not valid; check the norms and values chosen ({detail})." },
  "projection.bad_years": { status: 400, zh: "规划年份无效。", en: "The plan years are not valid." },
  "projection.bad_assumption": { status: 400, zh: "预测假设无效。", en: "A projection assumption is not valid." },
  "projection.no_hukou": { status: 400, zh: "尚未导入户籍人口表，不能按户籍口径预测；请先在数据导入页导入。", en: "No registered-population table has been imported, so there is no registered-basis projection; import one on the Import page first." },
  "projection.hukou_migration": { status: 400, zh: "户籍口径不能同时设置迁移：户籍人口按户口登记统计，不随居住地迁移。", en: "The registered basis cannot take a migration assumption: registered residents are counted wherever they live." },
  "scenario.unknown_facility": { status: 400, zh: "措施所指的设施 {facility} 在该年份不存在（可能尚未建成或已被关停）。", en: "The facility {facility} does not exist in that year (not yet built, or closed)." },
  "scenario.duplicate_facility": { status: 400, zh: "已存在编号为 {facility} 的设施，新建设施不能重复使用该编号。", en: "A facility with id {facility} already exists; a new facility cannot reuse it." },
  "scenario.already_closed": { status: 400, zh: "设施 {facility} 在该年份已关停，不能再对它采取措施。", en: "The facility {facility} is already closed in that year." },
  "scenario.bad_year": { status: 400, zh: "措施年份须在 2000–2100 年之间。", en: "An intervention's year must be between 2000 and 2100." },
  "scenario.outside_county": { status: 400, zh: "“{name}”的位置（{lon}，{lat}）不在本县任何乡镇（街道）范围内。", en: "The location of \"{name}\" ({lon}, {lat}) is outside every township of the county." },
  "scenario.no_name": { status: 400, zh: "请填写方案名称。", en: "Enter a name for the scenario." },
  "scenario.not_found": { status: 404, zh: "方案 {id} 不存在，可能已被删除。", en: "The scenario {id} does not exist; it may have been deleted." },
  "scenario.compare_count": { status: 400, zh: "对比方案须为 1–{max} 个。", en: "Compare 1–{max} scenarios." },
  "siting.invalid": { status: 400, zh: "选址条件无效：请检查设施类型、新增设施数（1–5）、服务半径和目标年份。", en: "Invalid siting question: check the facility type, new sites (1–5), service radius and target year." },
  "access.bad_distance": { status: 400, zh: "距离参数无效：须为正数（米）。", en: "The distances must be positive numbers of metres." },
  "export.failed": { status: 500, zh: "导出失败。", en: "Export failed." },
  "export.bad_size": { status: 400, zh: "图片尺寸须为每边 {min}–{max} 像素（收到 {width}×{height}）。", en: "The image must be {min}–{max} pixels a side (got {width}×{height})." },
  "export.bad_name": { status: 400, zh: "文件名无效。", en: "The file name is not valid." },
  "export.no_downloads": { status: 500, zh: "找不到“下载”文件夹。", en: "No Downloads folder was found." },
  "export.write_failed": { status: 500, zh: "写入文件失败。", en: "Writing the file failed." },
  "internal": { status: 500, zh: "后端内部错误。", en: "Internal backend error." },
};
