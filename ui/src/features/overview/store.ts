import { reactive, ref } from 'vue'
import type { Overview } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { deliverFile, type SaveResult } from '../../platform/exportFile'
import { thisYear } from '../dashboard/store'
import type { OverviewKpi } from './overview'

/** What the page asks for: a scope (province, prefecture or `000000`), a year and the KPI shown. */
export const overviewQuery = reactive<{ scope: string | null; year: number; kpi: OverviewKpi }>({
  scope: null,
  year: thisYear(),
  kpi: 'slots_per_1000',
})

export const overviewState = reactive<{ data: Overview | null; error: ApiError | null; loading: boolean }>({
  data: null,
  error: null,
  loading: false,
})

let seq = 0

/** Loads the overview of the query's scope and year; a later call wins over an earlier one still running. */
export async function loadOverview(): Promise<void> {
  const scope = overviewQuery.scope
  if (!scope) return
  const mine = ++seq
  overviewState.loading = true
  overviewState.error = null
  try {
    const o = await rpc('get_overview', { scope, year: overviewQuery.year })
    if (mine !== seq) return
    overviewState.data = o
  } catch (err) {
    if (mine !== seq) return
    overviewState.data = null
    overviewState.error = toApiError(err)
  } finally {
    if (mine === seq) overviewState.loading = false
  }
}

export const exporting = ref(false)

/** The overview as an XLSX workbook, saved or downloaded as the other exports are. */
export async function exportOverview(): Promise<SaveResult | null> {
  const scope = overviewQuery.scope
  if (!scope) return null
  exporting.value = true
  try {
    const file = await rpc('export_overview', { scope, year: overviewQuery.year })
    return await deliverFile(file)
  } finally {
    exporting.value = false
  }
}
