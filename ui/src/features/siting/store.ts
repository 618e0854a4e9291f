import { reactive } from 'vue'
import type { SitingRequest, SitingResult } from '../../bindings'
import { rpc, selectTransport } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { DEFAULT_YEAR } from '../../lib/siting'

/** Show a spinner only when a run takes longer than this; most runs finish well before. */
export const PROGRESS_DELAY_MS = 500

export const sitingForm = reactive<Required<SitingRequest>>({
  category: 'childcare',
  model: 'pmedian',
  new_sites: 2,
  radius_m: 1000,
  year: DEFAULT_YEAR,
  variant: 'medium',
})

export const sitingState = reactive<{
  data: SitingResult | null
  /** The request `data` answers; the form may have moved on since. */
  request: Required<SitingRequest> | null
  error: ApiError | null
  running: boolean
  /** True once a run has lasted longer than PROGRESS_DELAY_MS. */
  slow: boolean
}>({ data: null, request: null, error: null, running: false, slow: false })

let seq = 0

export async function runSiting(): Promise<void> {
  if (sitingState.running) return
  const request = { ...sitingForm }
  const mine = ++seq
  sitingState.running = true
  sitingState.slow = false
  sitingState.error = null
  const timer = setTimeout(() => {
    if (mine === seq) sitingState.slow = true
  }, PROGRESS_DELAY_MS)
  try {
    const d = await rpc<SitingResult>('optimize_sites', request)
    if (mine !== seq) return
    if (!d || !Array.isArray(d.sites)) throw new ApiError('internal', 'Empty siting result')
    sitingState.data = d
    sitingState.request = request
  } catch (err) {
    if (mine !== seq) return
    sitingState.error = toApiError(err)
  } finally {
    clearTimeout(timer)
    if (mine === seq) {
      sitingState.running = false
      sitingState.slow = false
    }
  }
}

/** The form differs from the question the shown result answers. */
export const sitingFormChanged = (): boolean => {
  const r = sitingState.request
  if (!r) return false
  return (Object.keys(sitingForm) as (keyof SitingRequest)[]).some((k) => sitingForm[k] !== r[k])
}

/** Demo/dev mode only: the fixture answers one fixed question whatever the form says. */
export const sitingFromFixture = (): boolean => selectTransport() === 'fixture'
