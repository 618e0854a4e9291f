import { shallowRef, ref, watch, type Ref } from 'vue'
import type { ScenarioComparison } from '../../bindings/generated'
import type { ApiError } from '../../platform/errors'
import { toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'
import { compareScenarios, scenariosRevision } from './store'

/** Follows `ids` (and every save) with `compare_scenarios`; the newest request wins. */
export function useComparison(ids: Ref<string[]>) {
  const data = shallowRef<ScenarioComparison | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const loading = ref(false)
  let seq = 0

  async function run() {
    const mine = ++seq
    const list = ids.value
    if (!list.length) {
      data.value = null
      error.value = null
      loading.value = false
      return
    }
    loading.value = true
    error.value = null
    try {
      const r = await compareScenarios(list)
      if (mine === seq) data.value = r
    } catch (err) {
      if (mine === seq) {
        data.value = null
        error.value = toApiError(err)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch([() => ids.value.join(','), scenariosRevision, normsRevision], () => void run(), { immediate: true })
  return { data, error, loading, reload: run }
}
