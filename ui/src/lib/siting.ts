import type { FacilityCategory, SiteSource, SitingModel, SitingResult, SiteOption } from '../bindings/generated'
import { DASH, formatNumber, formatPercent } from './format'

export const SITING_CATEGORIES: readonly FacilityCategory[] = ['childcare', 'elderly', 'school']
export const SITING_MODELS: readonly SitingModel[] = ['pmedian', 'mclp', 'equity']
export const SITE_SOURCES: readonly SiteSource[] = ['existing', 'candidate', 'township']

export const NEW_SITES_MIN = 1
export const NEW_SITES_MAX = 5
export const YEAR_MIN = 2025
export const YEAR_MAX = 2035
export const DEFAULT_YEAR = 2030


/** Life-circle radii: 5/10/15-minute walks in towns (300/500/1000 m), village and township reach (2/5 km). */
export const RADIUS_PICKS: ReadonlyArray<{ m: number; zone: 'urban' | 'rural' }> = [
  { m: 300, zone: 'urban' },
  { m: 500, zone: 'urban' },
  { m: 1000, zone: 'urban' },
  { m: 2000, zone: 'rural' },
  { m: 5000, zone: 'rural' },
]

/** Coverage shares (0–1) as percentages: `6.4%`. */
export const formatCoverage = (share: number | null | undefined, locale: string): string => formatPercent(share, locale, 1)

/** Metres as kilometres with two decimals below 10 km, one above: `4.25 km`, `14.9 km`. */
export function formatKm(m: number | null | undefined, locale: string): string {
  if (m == null || !Number.isFinite(m)) return DASH
  const km = m / 1000
  return `${formatNumber(km, locale, Math.abs(km) < 10 ? 2 : 1)} km`
}

/** Radius for labels: `500 m`, `2 km`. */
export function formatRadius(m: number, locale: string): string {
  return m >= 1000 ? `${formatNumber(m / 1000, locale, m % 1000 === 0 ? 0 : 1)} km` : `${formatNumber(m, locale)} m`
}

/** A coefficient of variation, two decimals. */
export const formatCv = (cv: number | null | undefined, locale: string): string => formatNumber(cv, locale, 2)

/** Relative optimality gap; anything below 0.01% reads as 0. */
export function formatGap(gap: number, locale: string): string {
  return formatPercent(Math.abs(gap) < 5e-5 ? 0 : gap, locale, 2)
}

/** i18n key of a site's origin: 现有 / 备选点 / 乡镇中心点. */
export const sourceKey = (s: SiteSource): string => `siting.sources.${s}`

/** The sites the solver opened in addition to the existing ones. */
export const chosenNewSites = (r: Pick<SitingResult, 'sites'>): SiteOption[] =>
  r.sites.filter((s) => s.chosen && s.source !== 'existing')

/** All sites open after the plan (existing + new): these get coverage rings. */
export const openSites = (r: Pick<SitingResult, 'sites'>): SiteOption[] => r.sites.filter((s) => s.chosen)

export type Trend = 'better' | 'worse' | 'same' | 'unknown'

/** Whether a figure improved; `higherIsBetter` for coverage, lower for distance and CV. */
export function trend(before: number | null | undefined, after: number | null | undefined, higherIsBetter: boolean): Trend {
  if (before == null || after == null || !Number.isFinite(before) || !Number.isFinite(after)) return 'unknown'
  const d = after - before
  if (Math.abs(d) <= 1e-9 * Math.max(1, Math.abs(before))) return 'same'
  return d > 0 === higherIsBetter ? 'better' : 'worse'
}

/** The objective in planner units: p-median in demand·km, MCLP in covered demand, equity as a CV. */
export function formatObjective(model: SitingModel, v: number, locale: string): string {
  if (model === 'equity') return formatNumber(v, locale, 3)
  return model === 'pmedian' ? formatNumber(v / 1000, locale, 1) : formatNumber(v, locale, 1)
}
