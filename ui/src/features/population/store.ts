import { reactive, ref } from 'vue'
import type { HukouStatus, MigrationAssumption, Outlook, Variant, PopulationBasis } from '../../bindings/generated'
import { defaultMigrationDraft, migrationKey, type MigrationDraft } from '../../lib/migration'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { normsRevision } from '../standards/store'
import { currentCounty, onCountySwitch } from '../county/store'

/** Plan years requested from the backend (its defaults, stated so the UI can show them before loading). */
export const PLAN_FROM = 2025
export const PLAN_TO = 2035

/** Shared by the population page and the dashboard card so both show the same variant. */
export const outlookVariant = ref<Variant>('medium')
/** The fields as typed (kept across page visits) and the assumption last applied from them. */
export const migrationDraft = ref<MigrationDraft>(defaultMigrationDraft())
export const outlookMigration = ref<MigrationAssumption | null>(null)
/** 常住 unless the planner asks for the 户籍 view on the population page. */
export const outlookBasis = ref<PopulationBasis>('resident')

/** The stored 户籍 table (null = none); `loaded` tells "none" from "not asked yet". */
export const hukouState = reactive<{ status: HukouStatus | null; loaded: boolean }>({ status: null, loaded: false })

export async function loadHukou(): Promise<void> {
  try {
    setHukou(await rpc('get_hukou', { county: currentCounty() }))
  } catch {
    // Without the table's status the 户籍 switch just stays off; the 常住 view is unaffected.
    setHukou(null)
  }
}

/** After get/import/clear; a removed table takes the page back to 常住, which is all it can show. */
export function setHukou(status: HukouStatus | null): void {
  hukouState.status = status
  hukouState.loaded = true
  if (!status && outlookBasis.value === 'hukou') outlookBasis.value = 'resident'
}

export const outlookState = reactive<{
  data: Outlook | null
  /** Variant the data was requested for. */
  variant: Variant | null
  /** `migrationKey` of the migration the data was requested with. */
  migration: string | null
  basis: PopulationBasis | null
  error: ApiError | null
  loading: boolean
  /** Demand figures depend on norms; reload when they change. */
  revision: number
}>({ data: null, variant: null, migration: null, basis: null, error: null, loading: false, revision: -1 })

let seq = 0

// The 户籍 view takes no migration (the backend refuses it); the typed fields are kept for 常住.
const requestMigration = (): MigrationAssumption | null => (outlookBasis.value === 'hukou' ? null : outlookMigration.value)

export const outlookStale = (): boolean =>
  !outlookState.data ||
  outlookState.variant !== outlookVariant.value ||
  outlookState.migration !== migrationKey(requestMigration()) ||
  outlookState.basis !== outlookBasis.value ||
  outlookState.revision !== normsRevision.value

export async function loadOutlook(force = false): Promise<void> {
  if (!force && !outlookStale()) return
  const variant = outlookVariant.value
  const revision = normsRevision.value
  const migration = requestMigration()
  const basis = outlookBasis.value
  const mine = ++seq
  outlookState.loading = true
  outlookState.error = null
  try {
    const d = await rpc('get_outlook', {
      county: currentCounty(), variant, from: PLAN_FROM, to: PLAN_TO, basis, ...(basis === 'hukou' ? {} : { migration }),
    })
    if (mine !== seq) return
    if (!d || !d.county) throw new ApiError('data.no_county', 'No county loaded')
    outlookState.data = d
    outlookState.variant = variant
    outlookState.migration = migrationKey(migration)
    outlookState.basis = basis
    outlookState.revision = revision
  } catch (err) {
    if (mine !== seq) return
    outlookState.data = null
    outlookState.error = toApiError(err)
  } finally {
    if (mine === seq) outlookState.loading = false
  }
}

onCountySwitch(() => {
  seq++
  outlookState.data = null
  outlookState.error = null
  outlookState.loading = false
  outlookState.revision = -1
  hukouState.status = null
  hukouState.loaded = false
  if (outlookBasis.value === 'hukou') outlookBasis.value = 'resident'
})
