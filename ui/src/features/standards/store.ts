import { reactive, ref } from 'vue'
import type { NormView, NormsView } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { currentCounty, onCountySwitch } from '../county/store'

/**
 * Bumped on every override change. Views whose data depends on norms (dashboard KPIs, school
 * balance) remember the revision they loaded and reload when it has moved on.
 */
export const normsRevision = ref(0)

export const normsState = reactive<{
  data: NormsView | null
  byId: Map<string, NormView>
  error: ApiError | null
  loading: boolean
}>({ data: null, byId: new Map(), error: null, loading: false })

function apply(v: NormsView): void {
  normsState.data = v
  normsState.byId = new Map(v.norms.map((n) => [n.id, n]))
}

let pending: Promise<void> | null = null

const currentCountyOrNull = (): string | null => {
  try {
    return currentCounty()
  } catch {
    return null
  }
}

// Another county has other overrides: its norms are read again, and every norm-dependent view
// is out of date.
onCountySwitch(() => {
  normsState.data = null
  normsState.byId = new Map()
  normsState.error = null
  pending = null
  normsRevision.value++
})

export function loadNorms(force = false): Promise<void> {
  if (normsState.data && !force) return Promise.resolve()
  if (pending) return pending
  normsState.loading = true
  normsState.error = null
  const county = currentCounty()
  pending = rpc('list_norms', { county })
    .then((v) => {
      if (county === currentCountyOrNull()) apply(v)
    })
    .catch((err: unknown) => {
      normsState.error = toApiError(err)
    })
    .finally(() => {
      normsState.loading = false
      pending = null
    })
  return pending
}

/** Rejects with ApiError (`norms.invalid_value`, `norms.unknown_id`, …) for the caller to show. */
export async function setNormOverride(id: string, value: number, source?: string): Promise<void> {
  const payload = { county: currentCounty(), id, value, source: source?.trim() || null }
  apply(await rpc('set_norm_override', payload))
  normsRevision.value++
}

export async function clearNormOverride(id: string): Promise<void> {
  apply(await rpc('clear_norm_override', { county: currentCounty(), id }))
  normsRevision.value++
}
