// Facility editing for `?fixture=demo`: the demo's stored facilities, a change log and undo/redo in
// memory, checked like the backend (stale `before` → store.conflict, point outside → edit.outside_county).
// The dashboard shows the edited facilities and townships' 常住人口; its KPIs and ratios stay the
// demo's (only the backend assesses).
import type { ChangeEntry, ChangeLog, Dashboard, EditStep, Facility, FacilityAssessment } from '../bindings'
import { townshipAt } from '../lib/geo'
import { categoryOf } from '../lib/kinds'
import { ApiError } from './errors'

let facilities: Facility[] | null = null
let original = new Map<string, string>()
let log: ChangeEntry[] = []
/** Township code → edited 常住人口; townships not in it keep the demo's number. */
let population = new Map<string, number>()

export function resetEditFixture(): void {
  facilities = null
  original = new Map()
  log = []
  population = new Map()
}

async function stored(): Promise<Facility[]> {
  if (!facilities) {
    const mod = await import('../fixtures/facilities.demo.json')
    facilities = structuredClone(mod.default) as Facility[]
    original = new Map(facilities.map((f) => [f.id, JSON.stringify(f)]))
  }
  return facilities
}

async function boundaries() {
  const mod = await import('../fixtures/dashboard.demo.json')
  return (mod.default as unknown as Dashboard).boundaries
}

const field = (p: unknown, k: string): unknown => (typeof p === 'object' && p !== null ? (p as Record<string, unknown>)[k] : undefined)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function put(list: Facility[], id: string, f: Facility | null): void {
  const i = list.findIndex((g) => g.id === id)
  if (f && i >= 0) list[i] = f
  else if (f) list.push(f)
  else if (i >= 0) list.splice(i, 1)
}

async function edit(payload: unknown): Promise<ChangeEntry> {
  const list = await stored()
  const author = String(field(payload, 'author') ?? '').trim()
  const action = String(field(payload, 'action') ?? '') as ChangeEntry['action']
  // Through JSON like a real transport: the UI may pass reactive proxies, which structuredClone refuses.
  const before = JSON.parse(JSON.stringify(field(payload, 'before') ?? null)) as Facility | null
  const after = JSON.parse(JSON.stringify(field(payload, 'after') ?? null)) as Facility | null
  if (!author) throw new ApiError('edit.no_author', 'enter your name in the author field before editing')
  const id = (after ?? before)?.id ?? ''
  const current = list.find((f) => f.id === id) ?? null
  if (after) {
    if (!after.id.trim() || !after.name.trim()) throw new ApiError('edit.incomplete', 'a facility needs an id and a name')
    if (!before && current) throw new ApiError('edit.duplicate_id', `facility id ${after.id} is already used`, { id: after.id })
    const town = townshipAt(await boundaries(), after.location.lon, after.location.lat)
    if (!town)
      throw new ApiError('edit.outside_county', 'outside every township of the county', after.location as unknown as Record<string, unknown>)
    after.township_code = town.code
  }
  if (before && !same(before, current)) throw new ApiError('store.conflict', 'the facility changed since it was read', { id })
  put(list, id, after)
  return logged({ author, action, facility_id: id, summary: String(field(payload, 'summary') ?? ''), before, after })
}

function logged(change: Omit<ChangeEntry, 'seq' | 'at' | 'state'>): ChangeEntry {
  for (const e of log) if (e.state === 'undone') e.state = 'discarded'
  const entry: ChangeEntry = { seq: log.length + 1, at: new Date().toISOString(), ...change, state: 'done' }
  log.push(entry)
  return structuredClone(entry)
}

async function editPopulation(payload: unknown): Promise<ChangeEntry> {
  const author = String(field(payload, 'author') ?? '').trim()
  const code = String(field(payload, 'township_code') ?? '')
  const value = field(payload, 'resident_population')
  if (!author) throw new ApiError('edit.no_author', 'enter your name in the author field before editing')
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new ApiError('edit.bad_population', 'the resident population must be a whole number ≥ 0', { value })
  const mod = await import('../fixtures/dashboard.demo.json')
  const town = (mod.default as unknown as Dashboard).townships.find((z) => z.code === code)
  if (!town) throw new ApiError('edit.unknown_township', `no township ${code}`, { code })
  const was = population.get(code) ?? town.resident_population
  population.set(code, value)
  // The backend writes this summary itself (the UI sends none); the demo copies its wording.
  return logged({
    author, action: 'population', facility_id: code, summary: `${town.name} 常住人口 ${was} → ${value}`,
    before: null, after: null, before_population: was, after_population: value,
  })
}

const flags = () => ({ can_undo: log.some((e) => e.state === 'done'), can_redo: log.some((e) => e.state === 'undone') })

async function step(undo: boolean): Promise<EditStep> {
  const list = await stored()
  // Undo takes the newest change in effect; redo the oldest undone one (undone changes are a suffix).
  const entry = undo ? [...log].reverse().find((e) => e.state === 'done') : log.find((e) => e.state === 'undone')
  if (entry?.action === 'population') {
    population.set(entry.facility_id, (undo ? entry.before_population : entry.after_population) ?? 0)
    entry.state = undo ? 'undone' : 'done'
  } else if (entry) {
    put(list, entry.facility_id, structuredClone(undo ? entry.before : entry.after))
    entry.state = undo ? 'undone' : 'done'
  }
  return { entry: entry ? structuredClone(entry) : null, ...flags() }
}

/** The demo assessment of each stored facility and township, updated for what was edited. */
export async function withFixtureEdits(d: Dashboard): Promise<Dashboard> {
  if (population.size) {
    for (const z of d.townships) z.resident_population = population.get(z.code) ?? z.resident_population
    // Like the backend, the county is the sum of its townships.
    d.county_assessment.resident_population = d.townships.reduce((sum, z) => sum + z.resident_population, 0)
  }
  if (!facilities) return d
  const assessed = new Map(d.facilities.map((f) => [f.id, f]))
  const year = new Date().getFullYear()
  d.facilities = facilities.map((f): FacilityAssessment => {
    const old = assessed.get(f.id)
    const was = original.has(f.id) ? (JSON.parse(original.get(f.id)!) as Facility) : null
    const inputsChanged = !old || !was || !same(f.childcare, was.childcare) || !same(f.elderly, was.elderly)
    const base: FacilityAssessment = old ?? {
      id: f.id, name: f.name, kind: f.kind, category: categoryOf(f.kind), township_code: f.township_code, lon: 0, lat: 0,
      ownership: f.ownership, inclusive: f.inclusive, status: f.status, opening_year: null, sample: f.sample,
      childcare_slots: null, binding_constraint: null, beds: null, nursing_beds: null, students: null, meets_standard: null,
      in_service: true, childcare_capacity: null, elderly_capacity: null, school_sections: [],
    }
    return {
      ...base,
      name: f.name, kind: f.kind, category: categoryOf(f.kind), township_code: f.township_code,
      lon: f.location.lon, lat: f.location.lat, ownership: f.ownership, inclusive: f.inclusive,
      status: f.status, opening_year: f.opening_year,
      in_service: f.status === 'existing' || (f.status === 'planned' && f.opening_year != null && f.opening_year <= year),
      ...(inputsChanged
        ? {
            // Without the backend's capacity rules the demo shows the entered numbers as they are.
            childcare_slots: f.childcare?.registered_slots ?? null, childcare_capacity: null, binding_constraint: null,
            beds: f.elderly?.beds ?? null, nursing_beds: f.elderly?.nursing_beds ?? null, elderly_capacity: null,
          }
        : {}),
    }
  })
  return d
}

export async function editRpc(cmd: string, payload: unknown): Promise<unknown> {
  switch (cmd) {
    case 'get_facilities':
      return structuredClone(await stored())
    case 'edit_facility':
      return edit(payload)
    case 'edit_population':
      return editPopulation(payload)
    case 'undo_edit':
      return step(true)
    case 'redo_edit':
      return step(false)
    case 'get_change_log': {
      const out: ChangeLog = { entries: structuredClone([...log].reverse()), ...flags() }
      return out
    }
  }
  throw new ApiError('api.unknown_command', `Fixture has no data for ${cmd}`, { cmd })
}
