import { reactive, watch } from 'vue'
import type { OptimizeSitesRequest, SitingResult } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { DEFAULT_YEAR } from '../../lib/siting'
import { createSlowCall, isAbandoned } from '../../lib/progress'
import { currentCounty, onCountySwitch } from '../county/store'

/** Show a spinner only when a run takes longer than this; most runs finish well before. */
export const PROGRESS_DELAY_MS = 500

/** The optional backend knobs stay null (blank input, backend default) until the planner fills them. */
type OptionalKnob = 'new_site_capacity' | 'catchment_m'
export type SitingForm = Required<Omit<OptimizeSitesRequest, OptionalKnob | 'county'>> & { [K in OptionalKnob]: number | null }

export const sitingForm = reactive<SitingForm>({
  category: 'childcare',
  model: 'pmedian',
  new_sites: 2,
  radius_m: 1000,
  year: DEFAULT_YEAR,
  variant: 'medium',
  new_site_capacity: null,
  catchment_m: null,
})

/** The request for the form: a blank (or non-positive) capacity or catchment is left out so the backend default applies. */
export function sitingRequest(f: SitingForm, county: string): OptimizeSitesRequest & { county: string } {
  const { new_site_capacity, catchment_m, ...rest } = f
  const req: OptimizeSitesRequest & { county: string } = { ...rest, county }
  if (new_site_capacity != null && new_site_capacity > 0) req.new_site_capacity = new_site_capacity
  if (catchment_m != null && catchment_m > 0) req.catchment_m = catchment_m
  return req
}

export const sitingState = reactive<{
  data: SitingResult | null
  /** The form `data` answers; the form may have moved on since. */
  request: SitingForm | null
  error: ApiError | null
  running: boolean
  /** True once a run has lasted longer than PROGRESS_DELAY_MS. */
  slow: boolean
}>({ data: null, request: null, error: null, running: false, slow: false })

/**
 * The optimisation's wait: SitingView shows its progress bar (the backend's stage and share) and
 * 取消, which stops the solver in the backend (`cancel_job`) and ends the wait at once.
 */
export const sitingCall = createSlowCall(PROGRESS_DELAY_MS)
watch(() => sitingCall.state.slow, (slow) => (sitingState.slow = slow), { flush: 'sync' })

export async function runSiting(): Promise<void> {
  if (sitingState.running) return
  const request = { ...sitingForm }
  sitingState.running = true
  sitingState.error = null
  try {
    const county = currentCounty()
    const d = await sitingCall.run('optimize_sites', (job) => rpc('optimize_sites', sitingRequest(request, county), { job }))
    if (!d || !Array.isArray(d.sites)) throw new ApiError('internal', 'Empty siting result')
    sitingState.data = d
    sitingState.request = request
  } catch (err) {
    if (!isAbandoned(err)) sitingState.error = toApiError(err)
  } finally {
    sitingState.running = false
  }
}

/** The form differs from the question the shown result answers. */
export const sitingFormChanged = (): boolean => {
  const r = sitingState.request
  if (!r) return false
  // A cleared number input may give undefined or null; both mean blank.
  return (Object.keys(sitingForm) as (keyof SitingForm)[]).some((k) => (sitingForm[k] ?? null) !== (r[k] ?? null))
}

onCountySwitch(() => {
  sitingCall.cancel()
  sitingState.data = null
  sitingState.request = null
  sitingState.error = null
})
