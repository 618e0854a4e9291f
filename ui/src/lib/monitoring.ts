// What the 监测 page draws and says, worked out from the backend's monitoring answer (every
// number comes from core; this only arranges it by year).
import type { ActualYear, CountyActual, FacilityActual, KpiTrack } from '../bindings/generated'

/** One KPI's chart: actual values as points, the plan's trajectory, the target in force. */
export interface TrackSeries {
  years: number[]
  actual: (number | null)[]
  plan: (number | null)[]
  target: (number | null)[]
  /** The year the target in force is set for (its plan period's end), if any. */
  targetYear: number | null
  /** The year the page looks from (actuals stop here). */
  asOf: number
}

export function trackSeries(track: KpiTrack, asOf: number): TrackSeries {
  const years = track.years.map((y) => y.year)
  return {
    years,
    actual: track.years.map((y) => y.actual),
    plan: track.years.map((y) => y.plan),
    target: track.years.map((y) => y.target),
    targetYear: track.target?.by_year ?? null,
    asOf,
  }
}

/** "按当前进度 2028 年达标" / "无法按期达标" / met already / not enough actuals. */
export type PaceVerdict =
  | { kind: 'met' }
  | { kind: 'reaches'; year: number; late: boolean }
  | { kind: 'not_reached' }
  | { kind: 'unknown' }

export function paceVerdict(track: KpiTrack): PaceVerdict {
  if (track.light === 'green') return { kind: 'met' }
  if (track.reached_at_pace != null) {
    const by = track.target?.by_year
    return { kind: 'reaches', year: track.reached_at_pace, late: by != null && track.reached_at_pace > by }
  }
  if (track.at_risk) return { kind: 'not_reached' }
  return { kind: 'unknown' }
}

/** Registered against projected births and deaths, for the years with a registered figure. */
export interface EventsRow {
  year: number
  birthsRegistered: number | null
  birthsProjected: number
  birthsGap: number | null
  deathsRegistered: number | null
  deathsProjected: number
  deathsGap: number | null
}

/** Relative gap (registered − projected) ÷ projected, null when either is missing. */
export const relativeGap = (registered: number | null, projected: number): number | null =>
  registered == null || !(projected > 0) ? null : (registered - projected) / projected

export function eventsRows(actuals: readonly ActualYear[]): EventsRow[] {
  return actuals
    .filter((a) => a.births_registered != null || a.deaths_registered != null)
    .map((a) => ({
      year: a.year,
      birthsRegistered: a.births_registered,
      birthsProjected: a.births_projected,
      birthsGap: relativeGap(a.births_registered, a.births_projected),
      deathsRegistered: a.deaths_registered,
      deathsProjected: a.deaths_projected,
      deathsGap: relativeGap(a.deaths_registered, a.deaths_projected),
    }))
}

export const COUNTY_FIELDS = ['births', 'deaths', 'enrolled_under3', 'resident_population', 'registered_population'] as const
export type CountyField = (typeof COUNTY_FIELDS)[number]
export const FACILITY_FIELDS = ['enrolled', 'residents', 'residents_disabled', 'students_primary', 'students_junior', 'students_senior'] as const
export type FacilityField = (typeof FACILITY_FIELDS)[number]

export const emptyCountyYear = (year: number): CountyActual => ({
  year, births: null, deaths: null, enrolled_under3: null, resident_population: null, registered_population: null,
})
export const emptyFacilityYear = (facility_id: string, year: number): FacilityActual => ({
  facility_id, year, enrolled: null, residents: null, residents_disabled: null, students_primary: null, students_junior: null, students_senior: null,
})

/** The fields whose values differ between what was read and what is stored now (a conflict). */
export function changedFields<T extends object>(read: T | null, now: T | null, fields: readonly (keyof T)[]): { field: keyof T; read: unknown; now: unknown }[] {
  return fields
    .map((f) => ({ field: f, read: read ? read[f] : null, now: now ? now[f] : null }))
    .filter((d) => (d.read ?? null) !== (d.now ?? null))
}
