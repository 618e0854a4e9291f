import { reactive } from 'vue'
import type { SchoolBalance } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'
import { currentCounty, onCountySwitch } from '../county/store'

export const schoolsState = reactive<{
  data: SchoolBalance | null
  error: ApiError | null
  loading: boolean
  revision: number
}>({ data: null, error: null, loading: false, revision: -1 })

/** Loads unless the data is current for the norms in force. */
export async function loadSchoolBalance(force = false): Promise<void> {
  if (!force && schoolsState.data && schoolsState.revision === normsRevision.value) return
  schoolsState.loading = true
  schoolsState.error = null
  const revision = normsRevision.value
  try {
    schoolsState.data = await rpc('get_school_balance', { county: currentCounty() })
    schoolsState.revision = revision
  } catch (err) {
    schoolsState.data = null
    schoolsState.error = toApiError(err)
  } finally {
    schoolsState.loading = false
  }
}

onCountySwitch(() => {
  schoolsState.data = null
  schoolsState.error = null
  schoolsState.revision = -1
})
