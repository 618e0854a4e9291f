import { reactive } from 'vue'
import type { Actuals, Monitoring, SubsidyBudget } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { currentCounty, onCountySwitch } from '../county/store'

/** The years the page shows (the backend's default span) and the subsidy budget's. */
export const MONITOR_FROM = 2020
export const MONITOR_TO = 2030
export const SUBSIDY_FROM = 2025
export const SUBSIDY_TO = 2035

/** 监测: the monitoring answer, the stored actuals (what an edit's `before` is) and the subsidies. */
export const monitorState = reactive<{
  monitoring: Monitoring | null
  actuals: Actuals | null
  subsidy: SubsidyBudget | null
  error: ApiError | null
  loading: boolean
}>({ monitoring: null, actuals: null, subsidy: null, error: null, loading: false })

export async function loadMonitoring(): Promise<void> {
  monitorState.loading = true
  monitorState.error = null
  const county = currentCounty()
  try {
    const [monitoring, actuals, subsidy] = await Promise.all([
      rpc('get_monitoring', { county, from: MONITOR_FROM, to: MONITOR_TO }),
      rpc('get_actuals', { county }),
      rpc('get_subsidy', { county, from: SUBSIDY_FROM, to: SUBSIDY_TO }),
    ])
    Object.assign(monitorState, { monitoring, actuals, subsidy })
  } catch (err) {
    monitorState.error = toApiError(err)
  } finally {
    monitorState.loading = false
  }
}

/** Only the stored actuals again (after a conflict, to show what someone else changed). */
export async function reloadActuals(): Promise<Actuals> {
  const actuals = await rpc('get_actuals', { county: currentCounty() })
  monitorState.actuals = actuals
  return actuals
}

onCountySwitch(() => {
  Object.assign(monitorState, { monitoring: null, actuals: null, subsidy: null, error: null })
})
