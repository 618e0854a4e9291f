import { reactive } from 'vue'
import type { Dashboard } from '../../bindings'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'

// One shared state: the header (App.vue) and the dashboard both show the loaded county.
export const dashboardState = reactive<{
  data: Dashboard | null
  error: ApiError | null
  loading: boolean
}>({ data: null, error: null, loading: false })

export async function loadDashboard(): Promise<void> {
  dashboardState.loading = true
  dashboardState.error = null
  try {
    const d = await rpc<Dashboard | null>('get_dashboard', {})
    if (!d || !d.county) {
      dashboardState.data = null
      dashboardState.error = new ApiError('data.no_county', 'No county loaded')
    } else {
      dashboardState.data = d
    }
  } catch (err) {
    dashboardState.data = null
    dashboardState.error = toApiError(err)
  } finally {
    dashboardState.loading = false
  }
}
