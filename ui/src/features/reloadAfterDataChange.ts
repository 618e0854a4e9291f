import { loadDashboard } from './dashboard/store'
import { loadOutlook, outlookState } from './population/store'
import { loadSchoolBalance, schoolsState } from './schools/store'

/**
 * After an edit or an import the stored county differs from every loaded view. The dashboard
 * (and its outlook card) reload now; the school balance reloads only if it was loaded, so pages
 * never visited cost nothing.
 */
export async function reloadAfterDataChange(): Promise<void> {
  await Promise.all([
    loadDashboard(),
    outlookState.data ? loadOutlook(true) : undefined,
    schoolsState.data ? loadSchoolBalance(true) : undefined,
  ])
}
