import { reactive, ref, shallowRef } from 'vue'
import type { Facility, Scenario, ScenarioComparison } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'
import { currentCounty, onCountySwitch } from '../county/store'
import { PLAN_FROM, PLAN_TO } from '../../lib/scenarios'

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error'
export type ScenarioTab = 'edit' | 'compare'

// Shared by the scenarios page, the siting page's "add to a scenario" and the report dialog.
export const scenariosState = reactive<{
  list: Scenario[]
  loaded: boolean
  loading: boolean
  error: ApiError | null
  selectedId: string | null
  tab: ScenarioTab
  save: SaveStatus
  saveError: ApiError | null
  savedAt: Date | null
}>({
  list: [],
  loaded: false,
  loading: false,
  error: null,
  selectedId: null,
  tab: 'edit',
  save: 'idle',
  saveError: null,
  savedAt: null,
})

/** Bumped on every save or delete: results computed before are out of date. */
export const scenariosRevision = ref(0)

export const selectedScenario = (): Scenario | null =>
  scenariosState.list.find((s) => s.id === scenariosState.selectedId) ?? null

let pending: Promise<void> | null = null

export function loadScenarios(force = false): Promise<void> {
  if (scenariosState.loaded && !force) return Promise.resolve()
  if (pending) return pending
  scenariosState.loading = true
  scenariosState.error = null
  pending = rpc('list_scenarios', { county: currentCounty() })
    .then((list) => {
      scenariosState.list = Array.isArray(list) ? list : []
      scenariosState.loaded = true
      if (!scenariosState.list.some((s) => s.id === scenariosState.selectedId))
        scenariosState.selectedId = scenariosState.list[0]?.id ?? null
    })
    .catch((err: unknown) => {
      scenariosState.error = toApiError(err)
    })
    .finally(() => {
      scenariosState.loading = false
      pending = null
    })
  return pending
}

/**
 * Saves a scenario (id '' creates one) and puts the backend's copy, with its ids, into the list.
 * Rejects with the ApiError so a dialog can stay open and show it; the list is then unchanged.
 */
export async function saveScenario(s: Scenario): Promise<Scenario> {
  scenariosState.save = 'saving'
  scenariosState.saveError = null
  try {
    const saved = await rpc('save_scenario', { county: currentCounty(), scenario: s })
    const i = scenariosState.list.findIndex((x) => x.id === saved.id)
    if (i >= 0) scenariosState.list.splice(i, 1, saved)
    else scenariosState.list.push(saved)
    scenariosState.save = 'saved'
    scenariosState.savedAt = new Date()
    scenariosRevision.value++
    return saved
  } catch (err) {
    const e = toApiError(err)
    scenariosState.save = 'error'
    scenariosState.saveError = e
    throw e
  }
}

export async function deleteScenario(id: string): Promise<void> {
  const list = await rpc('delete_scenario', { county: currentCounty(), id })
  scenariosState.list = Array.isArray(list) ? list : []
  if (scenariosState.selectedId === id) scenariosState.selectedId = scenariosState.list[0]?.id ?? null
  compareSelection.value = compareSelection.value.filter((x) => x !== id)
  scenariosRevision.value++
}

/** Stored facilities with their raw inputs (class counts, beds), to prefill an expansion. */
export const rawFacilities = shallowRef<Facility[]>([])

/** Best effort: without them the forms fall back to the dashboard's capacities. */
export async function loadRawFacilities(): Promise<void> {
  try {
    const list = await rpc('get_facilities', { county: currentCounty() })
    rawFacilities.value = Array.isArray(list) ? list : []
  } catch {
    rawFacilities.value = []
  }
}

/** Ids ticked on the compare tab (base included by default). */
export const compareSelection = ref<string[]>(['base'])

// Results are cached per id list and revision so switching tabs or years does not re-run them.
const cache = new Map<string, ScenarioComparison>()
const keyOf = (ids: readonly string[]) => `${countyKey()}:${ids.join(',')}@${scenariosRevision.value}/${normsRevision.value}`
const countyKey = (): string => {
  try {
    return currentCounty()
  } catch {
    return ''
  }
}

/** `compare_scenarios` for the plan years; rejects with ApiError. */
export async function compareScenarios(ids: readonly string[]): Promise<ScenarioComparison> {
  const key = keyOf(ids)
  const hit = cache.get(key)
  if (hit) return hit
  const r = await rpc('compare_scenarios', { county: currentCounty(), ids: [...ids], from: PLAN_FROM, to: PLAN_TO })
  if (!r || !Array.isArray(r.outcomes)) throw new ApiError('internal', 'Empty comparison')
  if (cache.size > 20) cache.clear()
  cache.set(key, r)
  return r
}

/** Tests: forget everything. */
export function resetScenarios(): void {
  scenariosState.list = []
  scenariosState.loaded = false
  scenariosState.selectedId = null
  scenariosState.tab = 'edit'
  scenariosState.save = 'idle'
  scenariosState.saveError = null
  compareSelection.value = ['base']
  rawFacilities.value = []
  pending = null
  cache.clear()
}

onCountySwitch(resetScenarios)
