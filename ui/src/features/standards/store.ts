import { reactive, ref } from 'vue'
import type { NormView, NormsView } from '../../bindings'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'

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

export function loadNorms(force = false): Promise<void> {
  if (normsState.data && !force) return Promise.resolve()
  if (pending) return pending
  normsState.loading = true
  normsState.error = null
  pending = rpc<NormsView>('list_norms', {})
    .then(apply)
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
  const payload: { id: string; value: number; source?: string } = { id, value }
  if (source && source.trim()) payload.source = source.trim()
  apply(await rpc<NormsView>('set_norm_override', payload))
  normsRevision.value++
}

export async function clearNormOverride(id: string): Promise<void> {
  apply(await rpc<NormsView>('clear_norm_override', { id }))
  normsRevision.value++
}
