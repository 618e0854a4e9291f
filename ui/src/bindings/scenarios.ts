// Hand-written mirror of the Rust scenario types (crates/core scenario, crates/api scenarios.rs);
// re-exported from ./index.
import type { FacilityCategory, FacilityKind, MigrationAssumption, OutlookVariant, YearCapacity, YearGap, YearNeed } from './index'
import type { ChildcareInputs, ElderlyInputs, Facility, SchoolSectionInputs } from './editing'

/** 新建 · 扩建 · 改建 · 关停/合并 · 转为普惠. */
export type ActionType = 'build' | 'expand' | 'convert' | 'close' | 'make_inclusive'

export interface BuildAction {
  type: 'build'
  /** `id` and `township_code` may be '': the backend fills them (the township from the location). */
  facility: Facility
}

/** The inputs given replace the facility's own; null leaves that part unchanged. */
export interface ExpandAction {
  type: 'expand'
  facility_id: string
  childcare?: ChildcareInputs | null
  elderly?: ElderlyInputs | null
  school_sections?: SchoolSectionInputs[] | null
}

export interface ConvertAction {
  type: 'convert'
  facility_id: string
  kind: FacilityKind
  name?: string | null
  childcare?: ChildcareInputs | null
  elderly?: ElderlyInputs | null
  school_sections: SchoolSectionInputs[]
}

export interface CloseAction {
  type: 'close'
  facility_id: string
  merged_into?: string | null
}

export interface MakeInclusiveAction {
  type: 'make_inclusive'
  facility_id: string
}

export type InterventionAction = BuildAction | ExpandAction | ConvertAction | CloseAction | MakeInclusiveAction

export interface Intervention {
  /** '' for a new one; the backend assigns it. */
  id: string
  /** First plan year in which the action is in effect. */
  year: number
  action: InterventionAction
  note: string
}

export interface ScenarioNormOverride {
  id: string
  value: number
  source: string | null
}

export interface ScenarioAssumptions {
  variant: OutlookVariant
  /** TFR from 2021 on; null = the variant's default. */
  tfr: number | null
  /** null or absent = no net migration. */
  migration?: MigrationAssumption | null
}

/** 规划方案. `id` '' creates a new one on `save_scenario`. */
export interface Scenario {
  id: string
  name: string
  description: string
  interventions: Intervention[]
  norm_overrides: ScenarioNormOverride[]
  assumptions: ScenarioAssumptions
}

/** The four headline indicators of one zone and year, each with the target in force that year. */
export interface YearKpis {
  slots_per_1000: number | null
  slots_per_1000_target: number
  nursing_share: number | null
  nursing_share_target: number
  beds_per_1000_elderly: number | null
  beds_per_1000_elderly_target: number
  /** County only; null for townships or when no school is assessed. */
  schools_share: number | null
  schools_target: number
  schools_meeting: number
  schools_total: number
}

export interface ZoneYear {
  code: string
  name: string
  need: YearNeed
  capacity: YearCapacity
  gap: YearGap
  kpis: YearKpis
}

/** 万元 by service. */
export interface CostSplit {
  childcare: number
  elderly: number
  school: number
  total: number
}

export interface CapacityMeasures {
  childcare_slots: number
  /** Public or 普惠 托位 (what the central subsidy pays for). */
  subsidised_slots: number
  beds: number
  school_places: number
}

export interface CapacityChange {
  added: CapacityMeasures
  removed: CapacityMeasures
}

/** All money in 万元. */
export interface YearCost {
  year: number
  change: CapacityChange
  /** Capacity added × construction cost per unit. */
  construction: CostSplit
  /** Capacity added since the base (net of closures) × operating cost per unit and year. */
  operating: CostSplit
  /** New public or 普惠 托位 × subsidy per slot. */
  subsidy: number
  /** construction + operating − subsidy. */
  net: number
}

/**
 * Spatial reach of one service in one year. Demand (0–2 / 60+ / 6–14) is spread evenly over each
 * township's land on a 1 km grid, so both measures are approximations of where people live.
 */
export interface ServiceReach {
  category: FacilityCategory
  /** Walking/service radius behind `coverage_share`. */
  radius_m: number
  /** E2SFCA search radius behind `access_cv`. */
  catchment_m: number
  /** Share (0–1) of the service's residents within `radius_m` of a facility in service; null = no demand. */
  coverage_share: number | null
  /** Coefficient of variation of township accessibility; lower = more even (均衡). */
  access_cv: number | null
}

export interface ScenarioYear {
  year: number
  county: ZoneYear
  townships: ZoneYear[]
  cost: YearCost
  reach: ServiceReach[]
}

/** First plan year each target is met and stays met to the end of the plan; null = never. */
export interface TargetYears {
  slots_per_1000: number | null
  nursing_share: number | null
  beds_per_1000_elderly: number | null
  schools: number | null
  all: number | null
}

export interface CostTotals {
  construction: CostSplit
  operating: CostSplit
  subsidy: number
  net: number
}

export interface ScenarioOutcome {
  /** `base` = the base data without interventions (基准（现状延续）). */
  scenario_id: string
  name: string
  years: ScenarioYear[]
  targets_met: TargetYears
  cost_totals: CostTotals
}

export interface CompareScenariosRequest {
  /** 1–3 ids; `base` for the base data. */
  ids: string[]
  from?: number
  to?: number
}

export interface ScenarioComparison {
  from: number
  to: number
  outcomes: ScenarioOutcome[]
}

export type ReportFormat = 'pdf' | 'xlsx'

/** `export_county_report` → ExportFile; the base scenario is always included by the backend. */
export interface ExportCountyReportRequest {
  format: ReportFormat
  lang: 'zh-CN' | 'en'
  scenario_ids: string[]
}
