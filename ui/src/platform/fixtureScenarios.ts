import type { Dashboard, Intervention, Scenario, ScenarioComparison } from '../bindings'
import { townshipAt } from '../lib/geo'
import { ApiError } from './errors'

// Scenarios live in memory for the page's lifetime, like the norm overrides, so the scenarios
// page is usable offline. Results exist only for what compare.demo.json precomputed.
let list: Scenario[] | null = null
let counter = 0

export function resetScenarioFixture(): void {
  list = null
  counter = 0
}

async function scenarios(): Promise<Scenario[]> {
  if (!list) {
    const mod = await import('../fixtures/scenarios.demo.json')
    list = structuredClone(mod.default) as Scenario[]
  }
  return list
}

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined
}

const freshId = (prefix: string) => `${prefix}-fx${++counter}`

/** Like the backend: ids for new things, and each new facility's township from its point. */
async function save(payload: unknown): Promise<Scenario> {
  // The payload may hold Vue proxies, which structuredClone refuses; it is JSON over the wire anyway.
  const raw = field(payload, 'scenario')
  const s = (raw === undefined ? undefined : JSON.parse(JSON.stringify(raw))) as Scenario | undefined
  if (!s || typeof s.name !== 'string' || !s.name.trim()) throw new ApiError('scenario.no_name', 'a scenario needs a name', {})
  const all = await scenarios()
  if (!s.id || s.id === 'base') s.id = freshId('S')
  const { default: dashboard } = await import('../fixtures/dashboard.demo.json')
  const boundaries = (dashboard as unknown as Dashboard).boundaries
  const seen = new Set<string>()
  for (const iv of s.interventions as Intervention[]) {
    if (!iv.id || seen.has(iv.id)) iv.id = freshId('I')
    seen.add(iv.id)
    if (iv.year < 2000 || iv.year > 2100)
      throw new ApiError('scenario.bad_year', 'the year must be between 2000 and 2100', { intervention: iv.id, facility: '' })
    if (iv.action.type !== 'build') continue
    const f = iv.action.facility
    if (!f.id) f.id = freshId('N')
    const at = townshipAt(boundaries, f.location.lon, f.location.lat)
    if (!at)
      throw new ApiError('scenario.outside_county', `${f.name} is outside every township of the county`, {
        name: f.name, lon: f.location.lon, lat: f.location.lat,
      })
    f.township_code = at.code
  }
  const i = all.findIndex((x) => x.id === s.id)
  if (i >= 0) all.splice(i, 1, s)
  else all.push(s)
  return structuredClone(s)
}

async function remove(payload: unknown): Promise<Scenario[]> {
  const all = await scenarios()
  const id = String(field(payload, 'id') ?? '')
  const i = all.findIndex((x) => x.id === id)
  if (i < 0) throw new ApiError('scenario.not_found', `scenario ${id} does not exist`, { id })
  all.splice(i, 1)
  return structuredClone(all)
}

async function compare(payload: unknown): Promise<ScenarioComparison> {
  const ids = field(payload, 'ids')
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 3)
    throw new ApiError('scenario.compare_count', 'compare 1 to 3 scenarios', { max: 3, count: Array.isArray(ids) ? ids.length : 0 })
  const { default: demo } = await import('../fixtures/compare.demo.json')
  const all = demo as unknown as ScenarioComparison
  const outcomes = ids.flatMap((id) => all.outcomes.filter((o) => o.scenario_id === id))
  return structuredClone({ ...all, outcomes })
}

export async function scenarioRpc(cmd: string, payload: unknown): Promise<unknown> {
  switch (cmd) {
    case 'list_scenarios':
      return structuredClone(await scenarios())
    case 'save_scenario':
      return save(payload)
    case 'delete_scenario':
      return remove(payload)
    case 'compare_scenarios':
      return compare(payload)
  }
  // Reports are rendered by the backend (fonts, charts); the demo has no backend.
  throw new ApiError('fixture.no_report', 'The demo mode cannot export reports', { cmd })
}
