// 区域总览 — what the page computes from the backend's answer: which column a KPI is, its
// value per county, the map's classes (the target in force as a class break), the ranking.
import type { Overview, OverviewRow, OverviewTarget } from '../../bindings/generated'
import { PALETTES, equalIntervalBreaks, type ClassBreaks } from '../map/colorScale'

/** The columns the map can be coloured by and the table ranked by. */
export type OverviewKpi =
  | 'slots_per_1000'
  | 'enrolment_rate'
  | 'nursing_bed_share'
  | 'beds_per_1000_elderly'
  | 'schools_meeting_share'
  | 'childcare_gap'
  | 'beds_gap'
  | 'resident_population'
  | 'population_change'
  | 'children_0_2_change'
  | 'childcare_slots_need'
  | 'beds_need'

export const OVERVIEW_KPIS: readonly OverviewKpi[] = [
  'slots_per_1000',
  'enrolment_rate',
  'nursing_bed_share',
  'beds_per_1000_elderly',
  'schools_meeting_share',
  'childcare_gap',
  'beds_gap',
  'resident_population',
  'population_change',
  'children_0_2_change',
  'childcare_slots_need',
  'beds_need',
]

/** KPIs from stored facilities: a county from the census alone has none. */
export const STORED_ONLY: ReadonlySet<OverviewKpi> = new Set<OverviewKpi>([
  'slots_per_1000',
  'enrolment_rate',
  'nursing_bed_share',
  'beds_per_1000_elderly',
  'schools_meeting_share',
  'childcare_gap',
  'beds_gap',
])

/** Shares (0–1), shown as percentages. */
export const SHARE_COLUMNS: ReadonlySet<OverviewKpi> = new Set<OverviewKpi>([
  'enrolment_rate',
  'nursing_bed_share',
  'schools_meeting_share',
  'population_change',
  'children_0_2_change',
])

/** Where more is worse (gaps, need): a darker class means more to build. */
export const PALETTE_OF: Record<OverviewKpi, readonly string[]> = {
  slots_per_1000: PALETTES.blues,
  enrolment_rate: PALETTES.blues,
  nursing_bed_share: PALETTES.purples,
  beds_per_1000_elderly: PALETTES.purples,
  schools_meeting_share: PALETTES.greens,
  childcare_gap: ['#fff5eb', '#fdd0a2', '#fd8d3c', '#e6550d', '#a63603'],
  beds_gap: ['#fff5eb', '#fdd0a2', '#fd8d3c', '#e6550d', '#a63603'],
  resident_population: PALETTES.greens,
  population_change: PALETTES.blues,
  children_0_2_change: PALETTES.blues,
  childcare_slots_need: PALETTES.blues,
  beds_need: PALETTES.purples,
}

/** A county's value of the KPI; none for a unit without population. */
export function kpiValue(row: OverviewRow, kpi: OverviewKpi): number | null {
  if (row.no_population) return null
  const v = row[kpi]
  return v == null || !Number.isFinite(v) ? null : v
}

/** The target in force for the KPI in the overview's year, if any. */
export function targetOf(o: Pick<Overview, 'targets'>, kpi: OverviewKpi): OverviewTarget | null {
  return o.targets.find((t) => t.column === kpi) ?? null
}

export interface OverviewScale extends ClassBreaks {
  /** The edge that is the target, when the target lies inside the values' range. */
  targetEdge: number | null
}

/**
 * Five equal-interval classes over the values; where a target is in force and lies inside the
 * range, the interior edge nearest to it moves onto it, so that one colour boundary on the map
 * is exactly "meets the target" (values at the target fall in the class above it).
 */
export function overviewScale(values: Array<number | null>, palette: readonly string[], target: number | null): OverviewScale {
  const edges = equalIntervalBreaks(values, palette.length)
  if (edges.length < 2) return { edges, colors: palette, targetEdge: null }
  if (edges.length === 2) return { edges, colors: [palette[Math.floor(palette.length / 2)]], targetEdge: null }
  let targetEdge: number | null = null
  if (target != null && target > edges[0] && target < edges[edges.length - 1]) {
    let best = 1
    for (let i = 2; i < edges.length - 1; i++) if (Math.abs(edges[i] - target) < Math.abs(edges[best] - target)) best = i
    // Neighbours stay ordered: the target lies strictly between the outer edges, and moving
    // the nearest interior edge onto it cannot pass another edge.
    edges[best] = target
    targetEdge = target
  }
  return { edges, colors: palette, targetEdge }
}

export type SortOrder = 'ascending' | 'descending'

/**
 * Counties ranked by the KPI; counties without a value (census-only for a facility KPI, or no
 * population) always come last, by code, whatever the order.
 */
export function ranked(rows: readonly OverviewRow[], kpi: OverviewKpi, order: SortOrder = 'descending'): OverviewRow[] {
  const sign = order === 'descending' ? -1 : 1
  return [...rows].sort((a, b) => {
    const va = kpiValue(a, kpi)
    const vb = kpiValue(b, kpi)
    if (va == null || vb == null) return va == null && vb == null ? a.code.localeCompare(b.code) : va == null ? 1 : -1
    return va === vb ? a.code.localeCompare(b.code) : sign * (va - vb)
  })
}

/** The scope the page opens on: the prefecture of the county in use, else the country's first province. */
export function defaultScope(county: string | null): string {
  return county && /^\d{6}$/.test(county) ? `${county.slice(0, 4)}00` : '110000'
}

/** The province a scope lies in (`000000` for the country). */
export const provinceOf = (scope: string): string => (scope === '000000' ? '000000' : `${scope.slice(0, 2)}0000`)
