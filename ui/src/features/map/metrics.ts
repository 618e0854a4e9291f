import type { FacilityCategory, ZoneAssessment } from '../../bindings/generated'
import { formatNumber, formatPercent } from '../../lib/format'
import { PALETTES } from './colorScale'

export type MapMetric =
  | 'slots_per_1000'
  | 'beds_per_1000_elderly'
  | 'nursing_bed_share'
  | 'resident_population'
  | 'population_60_plus'

export const MAP_METRICS: MapMetric[] = [
  'slots_per_1000',
  'beds_per_1000_elderly',
  'nursing_bed_share',
  'resident_population',
  'population_60_plus',
]

/** Metrics that are population figures or derive from them: unknown for a 待导入 township. */
export const POPULATION_METRICS: ReadonlySet<MapMetric> = new Set<MapMetric>([
  'slots_per_1000', 'beds_per_1000_elderly', 'resident_population', 'population_60_plus',
])

export function metricValue(z: ZoneAssessment | undefined, m: MapMetric): number | null {
  return z ? z[m] : null
}

export function formatMetric(v: number | null, m: MapMetric, locale: string): string {
  switch (m) {
    case 'slots_per_1000':
      return v == null ? '—' : `${formatNumber(v, locale, 2)}‰`
    case 'beds_per_1000_elderly':
      return formatNumber(v, locale, 1)
    case 'nursing_bed_share':
      return formatPercent(v, locale, 1)
    default:
      return formatNumber(v, locale, 0)
  }
}

// Service levels in green ("more is better"), head-counts in purple (neutral).
export const METRIC_PALETTE: Record<MapMetric, readonly string[]> = {
  slots_per_1000: PALETTES.greens,
  beds_per_1000_elderly: PALETTES.greens,
  nursing_bed_share: PALETTES.greens,
  resident_population: PALETTES.purples,
  population_60_plus: PALETTES.purples,
}

export const CATEGORY_COLORS: Record<FacilityCategory, string> = {
  childcare: '#e8590c',
  elderly: '#c2255c',
  school: '#1864ab',
}

export const CATEGORIES: FacilityCategory[] = ['childcare', 'elderly', 'school']
