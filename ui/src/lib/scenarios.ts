import type {
  Action, CapacityMeasures, ChildcareInputs, CostSplit, ElderlyInputs, Facility, FacilityCategory, FacilityKind,
  Intervention, KpiKey, SchoolKind, Scenario, ScenarioOutcome, ScenarioYear, SchoolSection, SitingResult,
  SiteOption, ZoneYear,
} from '../bindings/generated'
import { DASH, formatNumber, formatPercent } from './format'
import { ApiError } from '../platform/errors'
import { chosenNewSites } from './siting'
import { KINDS_BY_CATEGORY, categoryOf } from './kinds'

/**
 * A deep copy of JSON data. Unlike structuredClone it accepts Vue's reactive proxies, which the
 * scenario list and the forms hand in.
 */
export const plainCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/** The id `compare_scenarios` understands as the base data without interventions. */
export const BASE_ID = 'base'
export const PLAN_FROM = 2025
export const PLAN_TO = 2035
export const PLAN_YEARS: readonly number[] = Array.from({ length: PLAN_TO - PLAN_FROM + 1 }, (_, i) => PLAN_FROM + i)
/** `compare_scenarios` takes at most three ids. */
export const MAX_COMPARED = 3

/** 新建, 扩建, 改建, 关停/合并, 转为普惠. */
export type ActionType = Action['type']

export const ACTION_TYPES: readonly ActionType[] = ['build', 'expand', 'convert', 'close', 'make_inclusive']

export { KINDS_BY_CATEGORY, categoryOf }

export const ALL_KINDS: readonly FacilityKind[] = [
  ...KINDS_BY_CATEGORY.childcare, ...KINDS_BY_CATEGORY.elderly, ...KINDS_BY_CATEGORY.school,
]

/** Only residential institutions have beds that count (养老机构床位); day care and stations do not. */
export const isElderlyInstitution = (k: FacilityKind): boolean => k === 'elderly_institution' || k === 'nursing_home'

export type SchoolLevelKey = 'primary' | 'junior'

/** The compulsory 学段 a school kind has; 高中 places are not counted as 学位 here. */
export const LEVELS_OF_KIND: Partial<Record<FacilityKind, readonly SchoolLevelKey[]>> = {
  primary_school: ['primary'],
  teaching_point: ['primary'],
  junior_school: ['junior'],
  nine_year_school: ['primary', 'junior'],
  twelve_year_school: ['primary', 'junior'],
}

// ───────────── capacity inputs ─────────────

/** The siting default for a new 社区托育点: 1 乳儿班, 2 托小班, 2 托大班, 14 保育人员 (76 托位 at national norms). */
export const defaultChildcareInputs = (): ChildcareInputs => ({
  service_mode: 'full_day',
  registered_slots: null,
  infant_classes: 1,
  toddler_small_classes: 2,
  toddler_large_classes: 2,
  mixed_classes: 0,
  nursery_classes: 0,
  caregivers: 14,
})

/** 100 beds of which 80 nursing: the 80% asked of institutions opened from 2025. */
export const defaultElderlyInputs = (): ElderlyInputs => ({
  beds: 100,
  nursing_beds: 80,
  nursing_rooms: null,
  max_beds_per_room: null,
  room_usable_area_m2: null,
})

/** A norm's value in force for the county (`list_norms`); undefined until the norms are loaded. */
export type NormLookup = (id: string) => number | undefined

/** 班额 of a 学段 from the norms (45 小学, 50 初中 nationally); undefined until they are loaded. */
export const classMax = (norm: NormLookup, level: SchoolLevelKey): number | undefined => {
  const v = norm(`school.class_max.${level}`)
  return v == null ? undefined : Math.max(0, Math.round(v))
}

/** The sections, or a refusal while the class-size norms are still loading (never a guessed size). */
function sectionsReady(sections: SchoolSection[] | null): SchoolSection[] {
  if (!sections) throw new ApiError('norms_loading', 'The norms are not loaded yet')
  return sections
}

export interface SchoolClasses {
  primary: number
  junior: number
}

/**
 * 学段 of a new school with only its classes known: places = classes × class-size limit.
 * Staff, buildings and students are unknown, so they are 0 until the facility data is completed.
 * Null until the norms (the class-size limits) are loaded.
 */
export function newSchoolSections(kind: FacilityKind, name: string, classes: SchoolClasses, norm: NormLookup): SchoolSection[] | null {
  const levels = (LEVELS_OF_KIND[kind] ?? []).filter((level) => classes[level] > 0)
  if (levels.some((level) => classMax(norm, level) == null)) return null
  const sectionKind: SchoolKind = kind === 'nine_year_school' ? 'nine_year' : kind === 'twelve_year_school' ? 'twelve_year' : 'complete'
  return levels.map((level) => ({
      school_code: '',
      school_name: name,
      level,
      kind: sectionKind,
      students: 0,
      classes: classes[level],
      max_class_size: classMax(norm, level)!,
      teachers_qualified: 0,
      teachers_backbone: 0,
      teachers_pe_art: 0,
      teaching_area_m2: 0,
      sports_area_m2: 0,
      equipment_value_yuan: 0,
      multimedia_rooms: 0,
      basic: null,
    }))
}

/** Classes per 学段 of stored sections (to prefill a form). */
export function classesOf(sections: readonly SchoolSection[] | null | undefined): SchoolClasses {
  const out: SchoolClasses = { primary: 0, junior: 0 }
  for (const s of sections ?? []) {
    const n = typeof s.classes === 'number' ? s.classes : 0
    if (s.level === 'primary' || s.level === 'junior') out[s.level] += n
  }
  return out
}

/** The 学段 a school section is counted in, or null (高中 and unknown levels have no 学位 here). */
export const sectionLevel = (s: SchoolSection): SchoolLevelKey | null =>
  s.level === 'primary' || s.level === 'junior' ? s.level : null

const classCount = (s: SchoolSection): number => (typeof s.classes === 'number' ? s.classes : 0)

/**
 * A school's sections after 增加班级: `added[i]` more classes in section i. Everything else is
 * kept as it is, because an expansion replaces the school's sections from its year and the
 * balance test reads their students, teachers and buildings.
 */
export function expandedSections(base: readonly SchoolSection[], added: readonly number[]): SchoolSection[] {
  return base.map((s, i) => {
    const n = Math.max(0, Math.floor(added[i] ?? 0))
    return n > 0 && sectionLevel(s) ? { ...plainCopy(s), classes: classCount(s) + n } : plainCopy(s)
  })
}

/**
 * Classes an expansion adds per base section, to reopen it for editing. Sections are matched by
 * position, as `expandedSections` keeps them; a section smaller than the base (the base data was
 * edited since) counts as 0.
 */
export function addedClassesOf(base: readonly SchoolSection[], expanded: readonly SchoolSection[]): number[] {
  return base.map((s, i) => {
    const e = expanded[i]
    return e && e.level === s.level ? Math.max(0, classCount(e) - classCount(s)) : 0
  })
}

/**
 * 学位 the added classes give: classes × the 学段's class-size limit, as capacity counts them;
 * null until the norms are loaded.
 */
export function addedPlaces(base: readonly SchoolSection[], added: readonly number[], norm: NormLookup): number | null {
  let sum = 0
  for (const [i, s] of base.entries()) {
    const level = sectionLevel(s)
    const n = Math.max(0, Math.floor(added[i] ?? 0))
    if (!level || n === 0) continue
    const max = classMax(norm, level)
    if (max == null) return null
    sum += n * max
  }
  return sum
}

// ───────────── facilities and interventions ─────────────

export interface NewFacilityFields {
  kind: FacilityKind
  name: string
  lon: number
  lat: number
  ownership: 'public' | 'private'
  inclusive: boolean
  year: number
  childcare: ChildcareInputs | null
  elderly: ElderlyInputs | null
  school_sections: SchoolSection[]
}

/** A facility a scenario builds; the backend gives it an id and the township its point lies in. */
export function newFacility(f: NewFacilityFields, id = ''): Facility {
  const cat = categoryOf(f.kind)
  return {
    id,
    name: f.name.trim(),
    kind: f.kind,
    township_code: '',
    location: { lon: f.lon, lat: f.lat },
    ownership: f.ownership,
    inclusive: f.inclusive,
    status: 'planned',
    opening_year: f.year,
    sample: false,
    childcare: cat === 'childcare' ? f.childcare : null,
    elderly: cat === 'elderly' ? f.elderly : null,
    school_sections: cat === 'school' ? f.school_sections : [],
  }
}

export const facilityIdOf = (a: Action): string => (a.type === 'build' ? a.facility.id : a.facility_id)

/** Year order, then the order they were entered (the backend applies them the same way). */
export function sortedInterventions(list: readonly Intervention[]): Intervention[] {
  return list.map((iv, i) => ({ iv, i })).sort((a, b) => a.iv.year - b.iv.year || a.i - b.i).map((x) => x.iv)
}

export function emptyScenario(name: string): Scenario {
  return {
    id: '',
    name,
    description: '',
    interventions: [],
    norm_overrides: [],
    assumptions: { variant: 'medium', tfr: null, migration: null },
    version: 0,
  }
}

/** A copy saved as a new scenario; intervention ids are kept unique by the backend. */
export function duplicateOf(s: Scenario, name: string): Scenario {
  const copy = plainCopy(s)
  return { ...copy, id: '', name }
}

/** `新方案 1`, `新方案 2`… the first name not taken. */
export function nextName(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const name = `${base} ${n}`
    if (!taken.includes(name)) return name
  }
}

export interface AdoptOptions {
  year: number
  /** Inputs every new childcare site gets. */
  childcare: ChildcareInputs
  elderly: ElderlyInputs
  /** null: schools are left out (a school needs more than a location). */
  school: { kind: FacilityKind; classes: SchoolClasses } | null
  name: (site: SiteOption) => string
  note: string
  norm: NormLookup
}

/** The kind a siting category's new site is built as. */
export const ADOPT_KIND: Record<FacilityCategory, FacilityKind> = {
  childcare: 'community_childcare',
  elderly: 'elderly_institution',
  school: 'primary_school',
}

/** `build` interventions for the sites a siting run opened, at the sites' coordinates. */
export function siteInterventions(result: Pick<SitingResult, 'sites' | 'category'>, o: AdoptOptions): Intervention[] {
  if (result.category === 'school' && !o.school) return []
  return chosenNewSites(result).map((site) => {
    const kind = result.category === 'school' ? o.school!.kind : ADOPT_KIND[result.category]
    const name = o.name(site)
    const facility = newFacility({
      kind,
      name,
      lon: site.lon,
      lat: site.lat,
      ownership: 'public',
      inclusive: result.category === 'childcare',
      year: o.year,
      childcare: plainCopy(o.childcare),
      elderly: plainCopy(o.elderly),
      school_sections: o.school ? sectionsReady(newSchoolSections(kind, name, o.school.classes, o.norm)) : [],
    })
    return { id: '', year: o.year, note: o.note, action: { type: 'build', facility } }
  })
}

// ───────────── results ─────────────

export type ScenarioKpi = 'slots_per_1000' | 'nursing_share' | 'beds_per_1000_elderly' | 'schools'
export const SCENARIO_KPIS: readonly ScenarioKpi[] = ['slots_per_1000', 'nursing_share', 'beds_per_1000_elderly', 'schools']

/** The dashboard's KPI key for each scenario KPI: titles, formulas and formatting are shared. */
export const KPI_KEY: Record<ScenarioKpi, KpiKey> = {
  slots_per_1000: 'slots_per_1000',
  nursing_share: 'nursing_bed_share',
  beds_per_1000_elderly: 'beds_per_1000_elderly',
  schools: 'schools_meeting_standard',
}

export interface KpiInputValue {
  /** i18n key suffix: `scenarios.inputs.<key>`. */
  key: string
  value: number
}

/** One KPI in one zone and year: `value = numerator ÷ denominator × scale`. */
export interface KpiFact {
  kpi: ScenarioKpi
  key: KpiKey
  value: number | null
  /** The target in force that year; null when none is. */
  target: number | null
  meets: boolean | null
  numerator: number
  denominator: number
  scale: number
  inputs: KpiInputValue[]
}

// The backend judges the dashboard's KPIs; a scenario year gives value and target, and is read the same way.
const met = (v: number | null, target: number | null): boolean | null => (v == null || target == null ? null : v >= target - 1e-12)

export function kpiFacts(z: ZoneYear): KpiFact[] {
  const k = z.kpis
  const c = z.capacity
  const n = z.need
  return [
    {
      kpi: 'slots_per_1000', key: 'slots_per_1000', value: k.slots_per_1000, target: k.slots_per_1000_target,
      meets: met(k.slots_per_1000, k.slots_per_1000_target), numerator: c.childcare_slots, denominator: n.population, scale: 1000,
      inputs: [{ key: 'childcare_slots', value: c.childcare_slots }, { key: 'population', value: n.population }],
    },
    {
      kpi: 'nursing_share', key: 'nursing_bed_share', value: k.nursing_share, target: k.nursing_share_target,
      meets: met(k.nursing_share, k.nursing_share_target), numerator: c.nursing_beds, denominator: c.institution_beds, scale: 1,
      inputs: [{ key: 'nursing_beds', value: c.nursing_beds }, { key: 'institution_beds', value: c.institution_beds }],
    },
    {
      kpi: 'beds_per_1000_elderly', key: 'beds_per_1000_elderly', value: k.beds_per_1000_elderly,
      target: k.beds_per_1000_elderly_target, meets: met(k.beds_per_1000_elderly, k.beds_per_1000_elderly_target),
      numerator: c.institution_beds, denominator: n.aged_60_plus, scale: 1000,
      inputs: [{ key: 'institution_beds', value: c.institution_beds }, { key: 'aged_60_plus', value: n.aged_60_plus }],
    },
    {
      kpi: 'schools', key: 'schools_meeting_standard', value: k.schools_share, target: k.schools_target,
      meets: met(k.schools_share, k.schools_target), numerator: k.schools_meeting, denominator: k.schools_total, scale: 1,
      inputs: [{ key: 'schools_meeting', value: k.schools_meeting }, { key: 'schools_total', value: k.schools_total }],
    },
  ]
}

export const kpiValue = (z: ZoneYear, kpi: ScenarioKpi): number | null =>
  kpi === 'schools' ? z.kpis.schools_share : z.kpis[kpi]

export const kpiTarget = (z: ZoneYear, kpi: ScenarioKpi): number | null =>
  kpi === 'schools' ? z.kpis.schools_target : z.kpis[`${kpi}_target`]

export const isShare = (kpi: ScenarioKpi): boolean => kpi === 'nursing_share' || kpi === 'schools'

/** A KPI value for axes and tooltips: shares as %, the rest with the KPI's decimals. */
export function formatKpiNumber(kpi: ScenarioKpi, v: number | null | undefined, locale: string): string {
  if (isShare(kpi)) return formatPercent(v, locale, 1)
  return kpi === 'slots_per_1000' ? (v == null ? DASH : `${formatNumber(v, locale, 2)}‰`) : formatNumber(v, locale, 1)
}

/**
 * A difference between two KPI values with its sign: `+0.61‰`, `−1.4`, shares in percentage
 * points (`+8.2` + the caller's `pp` label).
 */
export function formatKpiDelta(kpi: ScenarioKpi, d: number | null | undefined, locale: string, pp: string): string {
  if (d == null || !Number.isFinite(d)) return DASH
  const digits = kpi === 'slots_per_1000' ? 2 : 1
  const v = isShare(kpi) ? d * 100 : d
  const rounded = Number(v.toFixed(digits))
  if (rounded === 0) return `±${formatNumber(0, locale, digits)}${isShare(kpi) ? ` ${pp}` : kpi === 'slots_per_1000' ? '‰' : ''}`
  const sign = rounded > 0 ? '+' : '−'
  const body = formatNumber(Math.abs(v), locale, digits)
  return `${sign}${body}${isShare(kpi) ? ` ${pp}` : kpi === 'slots_per_1000' ? '‰' : ''}`
}

export const yearOf = (o: ScenarioOutcome | null | undefined, year: number): ScenarioYear | null =>
  o?.years.find((y) => y.year === year) ?? null

/** Per-year series of one KPI (null where the year is missing). */
export function kpiSeries(o: ScenarioOutcome, kpi: ScenarioKpi, years: readonly number[]): (number | null)[] {
  return years.map((y) => {
    const z = yearOf(o, y)?.county
    return z ? kpiValue(z, kpi) : null
  })
}

export function targetSeries(o: ScenarioOutcome, kpi: ScenarioKpi, years: readonly number[]): (number | null)[] {
  return years.map((y) => {
    const z = yearOf(o, y)?.county
    return z ? kpiTarget(z, kpi) : null
  })
}

/** Gaps of one zone: need − capacity, positive = 缺口 (shortfall), negative = 富余 (surplus). */
export type GapKey = 'childcare_slots' | 'beds' | 'nursing_beds' | 'primary_places' | 'junior_places'
export const GAP_KEYS: readonly GapKey[] = ['childcare_slots', 'beds', 'nursing_beds', 'primary_places', 'junior_places']

/** The need and capacity behind a gap, to explain it. */
export function gapParts(z: ZoneYear, key: GapKey): { need: number; capacity: number; gap: number } {
  const n = z.need
  const c = z.capacity
  const pair: Record<GapKey, [number, number]> = {
    childcare_slots: [n.childcare_slots, c.childcare_slots],
    beds: [n.beds_by_norm, c.institution_beds],
    nursing_beds: [n.nursing_beds, c.nursing_beds],
    primary_places: [n.primary_students, c.primary_places],
    junior_places: [n.junior_students, c.junior_places],
  }
  const [need, capacity] = pair[key]
  return { need, capacity, gap: z.gap[key] }
}

// ───────────── difference map ─────────────

export type DiffMetric = 'slots_per_1000' | 'childcare_gap'
export const DIFF_METRICS: readonly DiffMetric[] = ['slots_per_1000', 'childcare_gap']
/** More slots per 1,000 is better; a larger gap is worse. */
export const DIFF_HIGHER_IS_BETTER: Record<DiffMetric, boolean> = { slots_per_1000: true, childcare_gap: false }

const diffSource = (z: ZoneYear, m: DiffMetric): number | null =>
  m === 'slots_per_1000' ? z.kpis.slots_per_1000 : z.gap.childcare_slots

export interface DiffValue {
  code: string
  name: string
  a: number | null
  b: number | null
  /** b − a; null when either is missing. */
  delta: number | null
}

/** Township by township, scenario B minus scenario A in one year. */
export function townshipDiff(a: ScenarioYear | null, b: ScenarioYear | null, m: DiffMetric): DiffValue[] {
  if (!a || !b) return []
  const byCode = new Map(a.townships.map((z) => [z.code, z]))
  return b.townships.map((zb) => {
    const za = byCode.get(zb.code)
    const va = za ? diffSource(za, m) : null
    const vb = diffSource(zb, m)
    return { code: zb.code, name: zb.name, a: va, b: vb, delta: va == null || vb == null ? null : vb - va }
  })
}

/** ColorBrewer RdBu, worse (red) → neutral → better (blue). */
export const DIVERGING = ['#b2182b', '#ef8a62', '#f7f7f7', '#67a9cf', '#2166ac'] as const
export const NEUTRAL = DIVERGING[2]

/** 1, 2, 2.5, 5 × 10ⁿ at or above `x`, so legend edges read cleanly. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0
  const p = 10 ** Math.floor(Math.log10(x))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12 * p) return m * p
  return 10 * p
}

export interface DivergingScale {
  /** Ascending edges symmetric around 0; class i covers [edges[i], edges[i+1]). */
  edges: number[]
  colors: string[]
}

/**
 * Five classes symmetric around zero, the middle one (|Δ| < a fifth of the largest) neutral,
 * so "no change" is always the pale colour and the two directions are never confused.
 */
export function divergingScale(values: ReadonlyArray<number | null>, higherIsBetter: boolean): DivergingScale {
  const xs = values.filter((v): v is number => v != null && Number.isFinite(v))
  const m = niceCeil(Math.max(0, ...xs.map(Math.abs)))
  if (m === 0) return { edges: xs.length ? [0, 0] : [], colors: [NEUTRAL] }
  const colors = higherIsBetter ? [...DIVERGING] : [...DIVERGING].reverse()
  return { edges: [-1, -0.6, -0.2, 0.2, 0.6, 1].map((f) => f * m), colors }
}

// ───────────── costs ─────────────

export interface CostRow {
  /** null: the totals row. */
  year: number | null
  added: CapacityMeasures | null
  construction: CostSplit
  operating: CostSplit
  subsidy: number
  net: number
}

/** One row per plan year plus the totals row (万元). */
export function costRows(o: ScenarioOutcome): CostRow[] {
  const rows: CostRow[] = o.years.map((y) => ({
    year: y.year,
    added: y.cost.change.added,
    construction: y.cost.construction,
    operating: y.cost.operating,
    subsidy: y.cost.subsidy,
    net: y.cost.net,
  }))
  const t = o.cost_totals
  rows.push({ year: null, added: null, construction: t.construction, operating: t.operating, subsidy: t.subsidy, net: t.net })
  return rows
}

/** The unit-cost norms (万元) behind each cost line; editable on the standards page. */
export const COST_NORMS = {
  childcare: { construction: 'cost.childcare.construction_per_slot', operating: 'cost.childcare.operating_per_slot_year' },
  elderly: { construction: 'cost.elderly.construction_per_bed', operating: 'cost.elderly.operating_per_bed_year' },
  school: { construction: 'cost.school.construction_per_place', operating: 'cost.school.operating_per_place_year' },
  subsidy: 'cost.childcare.central_subsidy_per_slot',
} as const

/** Sums of capacity added over the plan (for the totals row's explanation). */
export function addedTotals(o: ScenarioOutcome): CapacityMeasures {
  return o.years.reduce(
    (s, y) => ({
      childcare_slots: s.childcare_slots + y.cost.change.added.childcare_slots,
      subsidised_slots: s.subsidised_slots + y.cost.change.added.subsidised_slots,
      beds: s.beds + y.cost.change.added.beds,
      school_places: s.school_places + y.cost.change.added.school_places,
    }),
    { childcare_slots: 0, subsidised_slots: 0, beds: 0, school_places: 0 },
  )
}

/** Norm value a scenario uses: its own override, else the county's. */
export function scenarioNorm(s: Pick<Scenario, 'norm_overrides'> | null | undefined, county: NormLookup): NormLookup {
  return (id) => s?.norm_overrides.find((o) => o.id === id)?.value ?? county(id)
}

// ───────────── capacity form ─────────────

/** What the capacity form edits; only the part of the kind's category is used. */
export interface CapacityDraft {
  childcare: ChildcareInputs
  elderly: ElderlyInputs
  school: SchoolClasses & { counted: boolean }
}

export const defaultCapacity = (): CapacityDraft => ({
  childcare: defaultChildcareInputs(),
  elderly: defaultElderlyInputs(),
  school: { counted: false, primary: 0, junior: 0 },
})

export interface CapacityInputs {
  childcare: ChildcareInputs | null
  elderly: ElderlyInputs | null
  school_sections: SchoolSection[]
}

/** The facility inputs a form describes for a facility of `kind`. */
export function capacityInputs(kind: FacilityKind, d: CapacityDraft, name: string, norm: NormLookup): CapacityInputs {
  switch (categoryOf(kind)) {
    case 'childcare':
      return { childcare: plainCopy(d.childcare), elderly: null, school_sections: [] }
    case 'elderly':
      return { childcare: null, elderly: isElderlyInstitution(kind) ? plainCopy(d.elderly) : null, school_sections: [] }
    case 'school':
      return { childcare: null, elderly: null, school_sections: d.school.counted ? sectionsReady(newSchoolSections(kind, name, d.school, norm)) : [] }
  }
}

/** A form filled from stored inputs (a facility this scenario builds, or an earlier expansion). */
export function draftFrom(inputs: Partial<CapacityInputs>): CapacityDraft {
  const d = defaultCapacity()
  if (inputs.childcare) d.childcare = plainCopy(inputs.childcare)
  if (inputs.elderly) d.elderly = plainCopy(inputs.elderly)
  if (inputs.school_sections?.length) d.school = { counted: true, ...classesOf(inputs.school_sections) }
  return d
}

/** Problems that block saving the form (i18n keys under `scenarios.capacity`). */
export function capacityProblem(kind: FacilityKind, d: CapacityDraft): string | null {
  if (categoryOf(kind) === 'elderly' && isElderlyInstitution(kind) && d.elderly.nursing_beds > d.elderly.beds) return 'nursingOver'
  return null
}
