import type { FacilityCategory, ScenarioOutcome, ScenarioYear, ServiceReach } from '../bindings/generated'
import { DASH, formatNumber } from './format'
import { yearOf } from './scenarios'

export const REACH_CATEGORIES: readonly FacilityCategory[] = ['childcare', 'elderly', 'school']

export interface ReachRow {
  category: FacilityCategory
  radius_m: number
  catchment_m: number
  coverage: number | null
  baseCoverage: number | null
  /** scenario − base, as a fraction; null when either is missing. */
  coverageDelta: number | null
  cv: number | null
  baseCv: number | null
  /** scenario − base; negative = more even than the base. */
  cvDelta: number | null
}

const diff = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a != null && b != null && Number.isFinite(a) && Number.isFinite(b) ? a - b : null

const reachOf = (y: ScenarioYear | null | undefined, c: FacilityCategory): ServiceReach | undefined =>
  (y?.reach ?? []).find((r) => r.category === c)

/** One row per service the scenario year reports, in a fixed order, with the base beside it. */
export function reachRows(y: ScenarioYear | null, base: ScenarioYear | null): ReachRow[] {
  return REACH_CATEGORIES.flatMap((category) => {
    const r = reachOf(y, category)
    if (!r) return []
    const b = reachOf(base, category)
    return [{
      category,
      radius_m: r.radius_m,
      catchment_m: r.catchment_m,
      coverage: r.coverage_share,
      baseCoverage: b?.coverage_share ?? null,
      coverageDelta: diff(r.coverage_share, b?.coverage_share),
      cv: r.access_cv,
      baseCv: b?.access_cv ?? null,
      cvDelta: diff(r.access_cv, b?.access_cv),
    }]
  })
}

/** Coverage share of one service per year (null where the year or the service is missing). */
export function coverageSeries(o: ScenarioOutcome, category: FacilityCategory, years: readonly number[]): (number | null)[] {
  return years.map((y) => reachOf(yearOf(o, y), category)?.coverage_share ?? null)
}

/** 1000 → "1 km", 1500 → "1.5 km", 800 → "800 m". */
export function formatDistance(m: number, locale: string): string {
  if (!Number.isFinite(m)) return DASH
  if (m >= 1000) return `${formatNumber(m / 1000, locale, m % 1000 === 0 ? 0 : 1)} km`
  return `${formatNumber(m, locale)} m`
}

/** Signed difference with a true minus; exactly zero after rounding reads ±0. */
export function formatSigned(v: number | null, locale: string, digits: number): string {
  if (v == null || !Number.isFinite(v)) return DASH
  const r = Number(v.toFixed(digits))
  if (r === 0) return `±${formatNumber(0, locale, digits)}`
  return `${r > 0 ? '+' : '−'}${formatNumber(Math.abs(v), locale, digits)}`
}

export type DeltaTone = 'better' | 'worse' | 'same'

/** Coverage is better higher, CV better lower; differences that round away are "same". */
export function deltaTone(d: number | null, higherIsBetter: boolean, digits: number): DeltaTone {
  if (d == null || Number(d.toFixed(digits)) === 0) return 'same'
  return d > 0 === higherIsBetter ? 'better' : 'worse'
}
