import type { AccessibilityView, TownshipAccess } from '../bindings/generated'
import { formatNumber } from './format'

export const ACCESS_YEAR_DEFAULT = 2025

/** Metres per degree of latitude (and of longitude at the equator), enough for 1 km squares. */
const M_PER_DEG = 111_320

/** The square of side `cellM` around a cell centre, as [[south, west], [north, east]]. */
export function cellBounds(lon: number, lat: number, cellM: number): [[number, number], [number, number]] {
  const dLat = cellM / 2 / M_PER_DEG
  const dLon = cellM / 2 / (M_PER_DEG * Math.cos((lat * Math.PI) / 180))
  return [[lat - dLat, lon - dLon], [lat + dLat, lon + dLon]]
}

/** Per-1000 figures run from 0.x (few sites) to thousands (a cell beside a large centre); none at all reads 0. */
export const formatAccess = (v: number | null | undefined, locale: string): string =>
  formatNumber(v, locale, v != null && v !== 0 && Math.abs(v) < 100 ? 1 : 0)

/** People are counted whole in sentences: 139.16 → 139. */
export const formatPeople = (v: number, locale: string): string => formatNumber(Math.round(v), locale)

/** 盲区 first in the backend's order (most uncovered demand first), then the others, least access first. */
export function townshipRows(v: Pick<AccessibilityView, 'townships' | 'underserved'>): TownshipAccess[] {
  const rank = new Map(v.underserved.map((c, i) => [c, i]))
  const r = (t: TownshipAccess) => rank.get(t.code) ?? Number.POSITIVE_INFINITY
  return [...v.townships].sort((a, b) => r(a) - r(b) || a.access_per_1000 - b.access_per_1000)
}

/** The 盲区 townships in the order the backend ranks them. */
export function underservedTownships(v: Pick<AccessibilityView, 'townships' | 'underserved'>): TownshipAccess[] {
  const byCode = new Map(v.townships.map((t) => [t.code, t]))
  return v.underserved.flatMap((c) => byCode.get(c) ?? [])
}

/** Access 0 means no cell of the township has a site within the catchment at all. */
export const outOfReach = (t: Pick<TownshipAccess, 'access_per_1000'>): boolean => t.access_per_1000 <= 0
