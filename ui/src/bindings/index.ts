// Hand-written mirror of the Rust types; ts-rs will generate these files later
// with the same names and snake_case fields, so nothing else should change then.
import type { FeatureCollection } from 'geojson'
import type { FacilityStatus } from './editing'

export * from './editing'
export * from './imports'
export * from './scenarios'
export * from './accessibility'

export type FacilityCategory = 'childcare' | 'elderly' | 'school'

export type FacilityKind =
  | 'childcare_center'
  | 'childcare_institution'
  | 'community_childcare'
  | 'kindergarten_nursery_class'
  | 'employer_childcare'
  | 'family_childcare'
  | 'elderly_institution'
  | 'nursing_home'
  | 'day_care_center'
  | 'community_elderly_station'
  | 'primary_school'
  | 'junior_school'
  | 'nine_year_school'
  | 'twelve_year_school'
  | 'senior_high_school'
  | 'teaching_point'

export interface County {
  code: string
  name: string
  province: string
  prefecture: string
  census_year: number
  sample_facilities: boolean
  population_note_zh: string
  population_note_en: string
}

export interface ZoneAssessment {
  code: string
  name: string
  resident_population: number
  population_0_2: number
  population_60_plus: number
  childcare_slots: number
  inclusive_slots: number
  public_slots: number
  slots_per_1000: number | null
  childcare_slots_needed: number
  institution_beds: number
  nursing_beds: number
  nursing_bed_share: number | null
  beds_per_1000_elderly: number | null
  beds_needed: number
  community_elderly_facilities: number
  schools_total: number
  schools_meeting_standard: number
}

export type KpiKey = 'slots_per_1000' | 'nursing_bed_share' | 'beds_per_1000_elderly' | 'schools_meeting_standard'

export type NormConfidence = 'confirmed' | 'secondary' | 'unconfirmed'

export interface Norm {
  id: string
  title_zh: string
  title_en: string
  /** Shares (unit `比例`) are fractions, e.g. 0.55. */
  value: number
  unit: string
  source: string
  confidence: NormConfidence
  /** First and last year the norm applies; null = open-ended. */
  effective_from: number | null
  effective_to: number | null
  /** Issuing level, e.g. `national`. */
  origin: string
  // No `editable_default` field: see `normEditable` in lib/format.ts.
}

/** `key` is an i18n key suffix: `inputs.<key>`. */
export interface KpiInput {
  key: string
  value: number
  unit: string
}

/**
 * `value = numerator / denominator × scale`. `nursing_bed_share` and `schools_meeting_standard`
 * are shares (scale 1, target a fraction such as 0.55 or 1.0).
 */
export interface Kpi {
  key: KpiKey
  value: number | null
  target: number
  unit: string
  meets: boolean | null
  numerator: number
  denominator: number
  scale: number
  formula: string
  inputs: KpiInput[]
  norm: Norm
}

export type BindingConstraint = 'class_places' | 'caregivers' | 'registered_slots' | 'family_cap'

export interface ChildcareConstraint {
  constraint: BindingConstraint
  slots: number
}

export interface ChildcareCapacity {
  slots: number
  binding: BindingConstraint
  constraints: ChildcareConstraint[]
  fte_slots: number
}

export interface ElderlyCapacity {
  beds: number
  nursing_beds: number
  nursing_bed_share: number | null
  /** null = no data to check. */
  room_area_ok: boolean | null
  beds_per_room_ok: boolean | null
}

export type SchoolLevel = 'primary' | 'junior' | (string & {})

export interface SchoolSection {
  school_code: string
  school_name: string
  level: SchoolLevel
  students: number
  /** Indicator key → measured value. */
  values: Record<string, number>
  /** Indicators met, out of 7. */
  met: number
  remaining_ok: boolean
  class_size_ok: boolean
  size_ok: boolean
  passes: boolean
}

export interface FacilityAssessment {
  id: string
  name: string
  kind: FacilityKind
  category: FacilityCategory
  township_code: string
  lon: number
  lat: number
  ownership: 'public' | 'private'
  inclusive: boolean
  /** `closed`: kept on the map (greyed) but out of service. */
  status: FacilityStatus
  opening_year: number | null
  sample: boolean
  childcare_slots: number | null
  binding_constraint: BindingConstraint | null
  beds: number | null
  nursing_beds: number | null
  students: number | null
  /** null: not assessed (non-compulsory school, or a teaching point with fewer than 50 pupils). */
  meets_standard: boolean | null
  in_service: boolean
  childcare_capacity: ChildcareCapacity | null
  elderly_capacity: ElderlyCapacity | null
  school_sections: SchoolSection[]
  /** Elderly institution opened from 2025: nursing share reaches the 80% asked of new institutions. */
  new_institution_share_ok?: boolean | null
}

/** Boundary feature properties: code, name, type, area_km2. */
export interface Dashboard {
  county: County
  county_assessment: ZoneAssessment
  kpis: Kpi[]
  townships: ZoneAssessment[]
  facilities: FacilityAssessment[]
  boundaries: FeatureCollection
}

/** `list_norms` row: the norm in force plus the national value it may replace. */
export interface NormView extends Norm {
  national_value: number
  /** True when the county overrides the national value (`origin` is then e.g. `county_override`). */
  overridden: boolean
}

export interface NormsView {
  county: string | null
  version: string
  norms: NormView[]
}

export type SchoolIndicatorKey =
  | 'teachers_qualified_per100'
  | 'teachers_backbone_per100'
  | 'teachers_pe_art_per100'
  | 'teaching_area_per_student_m2'
  | 'sports_area_per_student_m2'
  | 'equipment_per_student_yuan'
  | 'multimedia_rooms_per100'

export type SchoolResourceKey =
  | 'teachers_qualified'
  | 'teachers_backbone'
  | 'teachers_pe_art'
  | 'teaching_area_m2'
  | 'sports_area_m2'
  | 'equipment_value_yuan'
  | 'multimedia_rooms'

export interface SchoolIndicatorSummary {
  key: SchoolIndicatorKey
  threshold: number
  /** Student-weighted county mean. */
  county_mean: number
  /** Inter-school coefficient of variation. */
  cv: number
  cv_limit: number
  cv_ok: boolean
  schools_below: number
}

export interface SchoolLevelBalance {
  level: SchoolLevel
  school_count: number
  students: number
  passes: boolean
  schools_passing: number
  indicators: SchoolIndicatorSummary[]
  schools: SchoolSection[]
}

export interface ResourceAddition {
  indicator: SchoolIndicatorKey
  resource: SchoolResourceKey
  amount: number
  value_after: number
  target: number
}

export interface SchoolImprovement {
  school_code: string
  school_name: string
  level: SchoolLevel
  /** The one indicator allowed to stay between 85% and 100% of its threshold; null if none. */
  left_short: SchoolIndicatorKey | null
  additions: ResourceAddition[]
  extra_classes: number
  students_over_cap: number
}

export interface ResourceTotal {
  resource: SchoolResourceKey
  amount: number
}

export interface SchoolBalance {
  county: string
  levels: SchoolLevelBalance[]
  improvements: SchoolImprovement[]
  totals: ResourceTotal[]
  extra_classes: number
  /** Facility ids not assessed (teaching points under 50 pupils). */
  excluded: string[]
}

/** `get_outlook` payload; the backend defaults to medium, 2025–2035 and the variant's TFR. */
export type OutlookVariant = 'low' | 'medium' | 'high'

export interface OutlookRequest {
  variant?: OutlookVariant
  from?: number
  to?: number
  tfr?: number
  /** null or absent = no net migration; must be absent with the 户籍 basis (`projection.hukou_migration`). */
  migration?: MigrationAssumption | null
  /** Backend default resident; hukou needs a stored table (`projection.no_hukou`). */
  basis?: PopulationBasis
}

/** 常住 (census residents, the planning base) or 户籍 (registered, births and deaths only). */
export type PopulationBasis = 'resident' | 'hukou'

/** Age shape of the migrants: Rogers–Castro (young-adult peak, children with parents) or like the base population. */
export type MigrationProfile = 'rogers_castro' | 'population'

/** 净迁移 (常住 view), spread over age and sex by the backend; it rejects bad ones with `projection.bad_assumption`. */
export interface MigrationAssumption {
  /** Persons per year; negative = net out-migration. */
  annual_net: number
  /** Backend default 2021. */
  from?: number
  /** null = to the end of the projection. */
  to?: number | null
  /** Backend default rogers_castro. */
  profile?: MigrationProfile
  /** 0–1, backend default 0.5. */
  male_share?: number
}

/** Demand in one plan year (populations at year-end). All values are unrounded floats. */
export interface YearNeed {
  year: number
  population: number
  children_0_2: number
  childcare_slots: number
  childcare_slots_per_1000: number
  aged_60_plus: number
  aged_65_plus: number
  aged_80_plus: number
  /** 60+ × `elderly.beds_per_1000_elderly` ÷ 1000; the gap is measured against this. */
  beds_by_norm: number
  /** 60+ × disabled share × institutional uptake ÷ occupancy target. */
  beds_by_need: number
  nursing_share_target: number
  nursing_beds: number
  primary_students: number
  junior_students: number
  senior_students: number
  primary_classes: number
  junior_classes: number
  senior_classes: number
  primary_staff: number
  junior_staff: number
  senior_staff: number
}

export interface YearCapacity {
  childcare_slots: number
  institution_beds: number
  nursing_beds: number
  primary_places: number
  junior_places: number
}

/** need − capacity: positive = shortfall (缺口), negative = surplus (富余). */
export interface YearGap {
  childcare_slots: number
  beds: number
  nursing_beds: number
  primary_places: number
  junior_places: number
}

export interface OutlookYear {
  need: YearNeed
  capacity: YearCapacity
  gap: YearGap
}

export interface ZoneOutlook {
  code: string
  name: string
  years: OutlookYear[]
  peak_primary_year: number
  peak_junior_year: number
}

/** Single-age populations; index = age, 100 = 100+. */
export interface Pyramid {
  date: string
  year: number
  male: number[]
  female: number[]
}

export interface OutlookAssumptions {
  base_date: string
  variant: OutlookVariant
  tfr_base_2020: number
  tfr_from_2021: number
  sex_ratio_at_birth: number
  /** [year, life expectancy at birth] knots, both sexes. */
  e0_knots: [number, number][]
  e0_female_minus_male: number
  migration: string
  township_method: string
  basis: PopulationBasis
  /** English text naming the 户籍 table's source; null for the resident basis. */
  basis_note: string | null
}

export interface Outlook {
  county: ZoneOutlook
  townships: ZoneOutlook[]
  /** First the census base, then each year-end from 2020 to `to`. */
  pyramids: Pyramid[]
  assumptions: OutlookAssumptions
}

/** `optimize_sites` (read-only): p-median minimises Σ demand × distance, MCLP maximises covered demand, equity minimises the access CV. */
export type SitingModel = 'pmedian' | 'mclp' | 'equity'

export interface SitingRequest {
  category: FacilityCategory
  model: SitingModel
  /** New sites to open, 1–5. */
  new_sites: number
  radius_m: number
  /** Backend default 2030. */
  year?: number
  /** Backend default medium. */
  variant?: OutlookVariant
  /** Capacity assumed for each new site; backend default 80 托位 / 100 床位 / 900 学位 by category. */
  new_site_capacity?: number
  /** E2SFCA catchment behind the access CV, metres; backend default 3 × `radius_m`. */
  catchment_m?: number
}

/** `existing` facility, a `candidate` site from the facility list, or a township's interior point. */
export type SiteSource = 'existing' | 'candidate' | 'township'

export interface SitingSite {
  id: string
  name: string
  lon: number
  lat: number
  source: SiteSource
  /** Open in the solution (existing sites are always open). */
  chosen: boolean
  /** Slots, beds or places: an existing facility's own, or `new_site_capacity` for a new one. */
  capacity: number
}

export interface SitingAllocation {
  township_code: string
  township_name: string
  /** Demand point: the township's interior point. */
  lon: number
  lat: number
  /** Projected need of the target year (slots, beds or places). */
  demand: number
  /** Index into `sites`. */
  site: number
  /** Straight-line distance to the assigned site. */
  distance_m: number
  covered: boolean
  /** Distance to the nearest existing site; null when there is none. */
  distance_before_m: number | null
}

export type SitingProof = 'lagrangian' | 'milp' | 'enumeration' | 'open'

export interface SitingResult {
  model: SitingModel
  category: FacilityCategory
  year: number
  radius_m: number
  new_sites: number
  /** p-median: Σ demand × distance (m); MCLP: covered demand; equity: `access_cv_after`. */
  objective: number
  /** p-median: proven lower bound; MCLP: proven upper bound. */
  bound: number
  /** Relative gap between objective and bound. */
  gap: number
  proven_optimal: boolean
  /** What proved the bound (证明方法). */
  proof: SitingProof
  seconds: number
  sites: SitingSite[]
  allocation: SitingAllocation[]
  /** Shares of demand within `radius_m` (0–1). */
  coverage_before: number
  coverage_after: number
  mean_distance_before_m: number | null
  mean_distance_after_m: number
  distance_cv_before: number | null
  distance_cv_after: number | null
  /**
   * Demand-weighted inter-township coefficient of variation of E2SFCA accessibility (supply per resident
   * within `catchment_m`, by each site's capacity); lower = more even. The equity model minimises `access_cv_after`.
   * null when undefined (no demand, or no supply reaches any township).
   */
  access_cv_before: number | null
  access_cv_after: number | null
  /** E2SFCA catchment used for the access CV, metres. */
  catchment_m: number
  /** Capacity each new site was assumed to have. */
  new_site_capacity: number
  demand_note: string
}
