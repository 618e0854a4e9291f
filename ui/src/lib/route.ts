import { ref } from 'vue'

/** The app's screens; the hash (`#/schools`) keeps the view across reloads and in screenshots. */
export type View = 'dashboard' | 'overview' | 'population' | 'siting' | 'scenarios' | 'schools' | 'standards' | 'import' | 'monitor'
export const VIEWS: readonly View[] = ['dashboard', 'overview', 'population', 'siting', 'scenarios', 'monitor', 'schools', 'standards', 'import']

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'dashboard'
}

export const hashFor = (v: View): string => (v === 'dashboard' ? '#/' : `#/${v}`)

/** The tabs of 数据导入; `#/import/places` opens one (the dashboard's 数据完整度 links there). */
export type ImportTab = 'zones' | 'facilities' | 'places' | 'schools' | 'boundaries' | 'hukou' | 'actuals'
export const IMPORT_TABS: readonly ImportTab[] = ['zones', 'facilities', 'places', 'schools', 'boundaries', 'hukou', 'actuals']

export function importTabFromHash(hash: string): ImportTab | null {
  const [view, tab] = hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/')
  return view === 'import' && (IMPORT_TABS as readonly string[]).includes(tab) ? (tab as ImportTab) : null
}

export const currentView = ref<View>(typeof window === 'undefined' ? 'dashboard' : viewFromHash(window.location.hash))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    currentView.value = viewFromHash(window.location.hash)
    importTab.value = importTabFromHash(window.location.hash)
  })
}

/** Opens 数据导入 on one tab. */
export function navigateToImport(tab: ImportTab): void {
  window.location.hash = `#/import/${tab}`
  currentView.value = 'import'
  importTab.value = tab
}

/** The import tab asked for by the address (or a link), read by the import page. */
export const importTab = ref<ImportTab | null>(typeof window === 'undefined' ? null : importTabFromHash(window.location.hash))

export function navigate(v: View): void {
  if (currentView.value === v) return
  // Setting the hash keeps the query and fires `hashchange`.
  window.location.hash = hashFor(v)
  currentView.value = v
}
