import { reactive, watch } from 'vue'
import type { AccessibilityRequest, AccessibilityView } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { createSlowCall, isAbandoned } from '../../lib/progress'
import { ACCESS_YEAR_DEFAULT } from '../../lib/access'
import { PROGRESS_DELAY_MS, sitingForm } from './store'
import { currentCounty, onCountySwitch } from '../county/store'

/**
 * The category is the page's own (sitingForm.category), so 在此选址 optimises what the panel shows.
 * Distances start empty: the backend's defaults fill them from the first answer.
 */
export const accessForm = reactive<{ year: number; catchment_m: number | null; radius_m: number | null }>({
  year: ACCESS_YEAR_DEFAULT,
  catchment_m: null,
  radius_m: null,
})

export const accessState = reactive<{
  data: AccessibilityView | null
  request: AccessibilityRequest | null
  error: ApiError | null
  running: boolean
  slow: boolean
}>({ data: null, request: null, error: null, running: false, slow: false })

export const accessCall = createSlowCall(PROGRESS_DELAY_MS)
watch(() => accessCall.state.slow, (slow) => (accessState.slow = slow), { flush: 'sync' })

export function accessRequest(): AccessibilityRequest {
  const r: AccessibilityRequest = { county: countyOrEmpty(), category: sitingForm.category, year: accessForm.year }
  if (accessForm.catchment_m != null) r.catchment_m = accessForm.catchment_m
  if (accessForm.radius_m != null) r.radius_m = accessForm.radius_m
  return r
}

export async function runAccess(): Promise<void> {
  if (accessState.running) return
  const request = accessRequest()
  accessState.running = true
  accessState.error = null
  try {
    const d = await accessCall.run('get_accessibility', (job) => rpc('get_accessibility', { ...request, county: currentCounty() }, { job }))
    if (!d || !Array.isArray(d.cells) || !Array.isArray(d.townships)) throw new ApiError('internal', 'Empty accessibility result')
    accessState.data = d
    accessState.request = request
    accessForm.catchment_m ??= d.catchment_m
    accessForm.radius_m ??= d.radius_m
  } catch (err) {
    if (!isAbandoned(err)) accessState.error = toApiError(err)
  } finally {
    accessState.running = false
  }
}

/** The form differs from the question the shown answer was asked. */
export function accessFormChanged(): boolean {
  const r = accessState.request
  const d = accessState.data
  if (!r || !d) return false
  const now = accessRequest()
  return (
    now.category !== r.category ||
    now.year !== r.year ||
    (now.catchment_m ?? d.catchment_m) !== (r.catchment_m ?? d.catchment_m) ||
    (now.radius_m ?? d.radius_m) !== (r.radius_m ?? d.radius_m)
  )
}

/** 在此选址: the siting form asks about the same category and radius as the answer shown. */
export function prefillSiting(v: Pick<AccessibilityView, 'category' | 'radius_m'>): void {
  sitingForm.category = v.category
  sitingForm.radius_m = v.radius_m
}

function countyOrEmpty(): string {
  try {
    return currentCounty()
  } catch {
    return ''
  }
}

onCountySwitch(() => {
  accessCall.cancel()
  accessState.data = null
  accessState.request = null
  accessState.error = null
  accessForm.catchment_m = null
  accessForm.radius_m = null
})
