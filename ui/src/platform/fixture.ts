import type { Dashboard, NormsView } from '../bindings'
import { ApiError } from './errors'
import { resetScenarioFixture, scenarioRpc } from './fixtureScenarios'
import { editRpc, resetEditFixture, withFixtureEdits } from './fixtureEdits'
import { fixtureHukou, importRpc, resetImportFixture } from './fixtureImport'

/** `?fixture=demo` lets the UI run in a plain browser without the backend (screenshots, design work). */
export function fixtureName(search: string): string | null {
  return new URLSearchParams(search).get('fixture')
}

// Norm overrides live in memory for the page's lifetime so the standards page is usable offline.
// Like the backend, an override replaces the value (and the source when one is given) and
// marks the norm `county_override`; clearing it restores the national row.
let normsState: NormsView | null = null
let nationalNorms: NormsView | null = null

/** Forget in-memory overrides (tests). */
export function resetFixture(): void {
  normsState = null
  nationalNorms = null
  resetScenarioFixture()
  resetEditFixture()
  resetImportFixture()
}

async function norms(): Promise<NormsView> {
  if (!normsState) {
    const mod = await import('../fixtures/norms.demo.json')
    nationalNorms = structuredClone(mod.default) as NormsView
    normsState = structuredClone(nationalNorms)
  }
  return normsState
}

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined
}

async function setOverride(payload: unknown): Promise<NormsView> {
  const view = await norms()
  const id = String(field(payload, 'id') ?? '')
  const value = field(payload, 'value')
  const source = field(payload, 'source')
  const norm = view.norms.find((n) => n.id === id)
  if (!norm) throw new ApiError('norms.unknown_id', `unknown norm id \`${id}\``, { id, value })
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ApiError('norms.invalid_value', 'value must be a finite, non-negative number', { id, value })
  norm.value = value
  norm.origin = 'county_override'
  norm.overridden = true
  if (typeof source === 'string' && source.trim()) norm.source = source.trim()
  return structuredClone(view)
}

async function clearOverride(payload: unknown): Promise<NormsView> {
  const view = await norms()
  const id = String(field(payload, 'id') ?? '')
  const i = view.norms.findIndex((n) => n.id === id)
  const national = nationalNorms?.norms.find((n) => n.id === id)
  if (i >= 0 && national) view.norms[i] = structuredClone(national)
  return structuredClone(view)
}

export async function fixtureRpc<T>(name: string, cmd: string, payload: unknown = {}): Promise<T> {
  if (name !== 'demo') throw new ApiError('fixture_unknown', `Unknown fixture: ${name}`, { name })
  // Lazy imports so the fixtures land in their own chunks and are never loaded in normal use.
  switch (cmd) {
    case 'get_dashboard': {
      const mod = await import('../fixtures/dashboard.demo.json')
      return (await withFixtureEdits(structuredClone(mod.default) as unknown as Dashboard)) as T
    }
    case 'get_school_balance': {
      const mod = await import('../fixtures/school_balance.demo.json')
      return structuredClone(mod.default) as T
    }
    case 'get_outlook': {
      // The backend's refusals of the 户籍 basis, so the page's handling of them can be tried.
      if (field(payload, 'basis') === 'hukou') {
        if (!fixtureHukou()) throw new ApiError('projection.no_hukou', 'no 户籍 table is stored for this county: import one first', { county: '331125' })
        if (field(payload, 'migration') != null)
          throw new ApiError('projection.hukou_migration', 'the 户籍 view counts registered residents wherever they live: it takes no migration', {})
      }
      // The demo ships only the medium variant on the 常住 basis; it is served for any variant and basis and the page says so.
      const mod = await import('../fixtures/outlook.demo.json')
      return structuredClone(mod.default) as T
    }
    case 'optimize_sites': {
      // One real answer (childcare, p-median, 2 new sites, 1000 m, 2030); served for any payload and labelled so on screen.
      const mod = await import('../fixtures/siting.demo.json')
      return structuredClone(mod.default) as T
    }
    case 'get_accessibility': {
      // One real answer (childcare, 2025, backend defaults); served for any payload and labelled so on screen.
      const mod = await import('../fixtures/accessibility.demo.json')
      return structuredClone(mod.default) as T
    }
    case 'list_norms':
      return structuredClone(await norms()) as T
    case 'set_norm_override':
      return (await setOverride(payload)) as T
    case 'clear_norm_override':
      return (await clearOverride(payload)) as T
    case 'list_scenarios':
    case 'save_scenario':
    case 'delete_scenario':
    case 'compare_scenarios':
    case 'export_county_report':
      return (await scenarioRpc(cmd, payload)) as T
    case 'get_facilities':
    case 'edit_facility':
    case 'edit_population':
    case 'undo_edit':
    case 'redo_edit':
    case 'get_change_log':
      return (await editRpc(cmd, payload)) as T
    case 'get_import_template':
    case 'preview_import':
    case 'import_facilities':
    case 'import_zones':
    case 'import_boundaries':
    case 'import_hukou':
    case 'get_hukou':
    case 'clear_hukou':
      return (await importRpc(cmd, payload)) as T
  }
  throw new ApiError('api.unknown_command', `Fixture has no data for ${cmd}`, { cmd })
}
