import { reactive, ref } from 'vue'
import type { FeatureCollection, Geometry } from 'geojson'
import type { Dashboard } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'
import { currentCounty, onCountySwitch } from '../county/store'

/** Years the figures can be looked at (the census year to the end of the plan horizon), as the backend allows. */
export const AS_OF_FIRST = 2020
export const AS_OF_LAST = 2035

/** This year in the user's local calendar, within the years the figures can be shown for. */
export function thisYear(now: Date = new Date()): number {
  return Math.min(AS_OF_LAST, Math.max(AS_OF_FIRST, now.getFullYear()))
}

/**
 * The year the dashboard's figures are for ("as of"): the township table, map, KPI explanations
 * and the report follow it. Default: this year.
 */
export const asOfYear = ref<number>(thisYear())

// One shared state: the header (App.vue) and the dashboard both show the loaded county.
export const dashboardState = reactive<{
  data: Dashboard | null
  error: ApiError | null
  loading: boolean
  /** `normsRevision` the data was computed with; KPIs depend on norms. */
  revision: number
}>({ data: null, error: null, loading: false, revision: -1 })

/** True when there is no data yet, a norm changed since it was loaded, or another year is asked for. */
export const dashboardStale = (): boolean =>
  !dashboardState.data || dashboardState.revision !== normsRevision.value || dashboardState.data.as_of !== asOfYear.value

let seq = 0

export async function loadDashboard(): Promise<void> {
  const mine = ++seq
  dashboardState.loading = true
  dashboardState.error = null
  const revision = normsRevision.value
  try {
    const d = await rpc('get_dashboard', { county: currentCounty(), as_of: asOfYear.value })
    if (mine !== seq) return
    dashboardState.data = d
    dashboardState.revision = revision
  } catch (err) {
    if (mine !== seq) return
    dashboardState.data = null
    dashboardState.error = toApiError(err)
  } finally {
    if (mine === seq) dashboardState.loading = false
  }
}

onCountySwitch(() => {
  seq++
  dashboardState.data = null
  dashboardState.error = null
  dashboardState.loading = false
  dashboardState.revision = -1
})

/** Township boundaries (GeoJSON, which the contract leaves untyped): features with code and name. */
export const boundariesOf = (d: Dashboard | null | undefined): FeatureCollection | null =>
  d ? ((d.boundaries as FeatureCollection | null) ?? { type: 'FeatureCollection', features: [] }) : null

/** The county outline, where the national data have one. */
export const outlineOf = (d: Dashboard | null | undefined): Geometry | null => (d?.outline as Geometry | null | undefined) ?? null
