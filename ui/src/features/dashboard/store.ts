import { reactive } from 'vue'
import type { Dashboard } from '../../bindings'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'

// One shared state: the header (App.vue) and the dashboard both show the loaded county.
export const dashboardState = reactive<{
  data: Dashboard | null
  error: ApiError | null
  loading: boolean
  /** `normsRevision` the data was computed with; KPIs depend on norms. */
  revision: number
}>({ data: null, error: null, loading: false, revision: -1 })

/** True when there is no data yet or a norm changed since it was loaded. */
export const dashboardStale = (): boolean => !dashboardState.data || dashboardState.revision !== normsRevision.value

export async function loadDashboard(): Promise<void> {
  dashboardState.loading = true
  dashboardState.error = null
  const revision = normsRevision.value
  try {
    const d = await rpc<Dashboard | null>('get_dashboard', {})
    if (!d || !d.county) {
      dashboardState.data = null
      dashboardState.error = new ApiError('data.no_county', 'No county loaded')
    } else {
      dashboardState.data = d
      dashboardState.revision = revision
    }
  } catch (err) {
    dashboardState.data = null
    dashboardState.error = toApiError(err)
  } finally {
    dashboardState.loading = false
  }
}
