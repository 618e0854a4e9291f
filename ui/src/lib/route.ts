import { ref } from 'vue'

/** The app's screens; the hash (`#/schools`) keeps the view across reloads and in screenshots. */
export type View = 'dashboard' | 'population' | 'siting' | 'scenarios' | 'schools' | 'standards' | 'import'
export const VIEWS: readonly View[] = ['dashboard', 'population', 'siting', 'scenarios', 'schools', 'standards', 'import']

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'dashboard'
}

export const hashFor = (v: View): string => (v === 'dashboard' ? '#/' : `#/${v}`)

export const currentView = ref<View>(typeof window === 'undefined' ? 'dashboard' : viewFromHash(window.location.hash))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    currentView.value = viewFromHash(window.location.hash)
  })
}

export function navigate(v: View): void {
  if (currentView.value === v) return
  // Setting the hash keeps the query (`?fixture=demo`) and fires `hashchange`.
  window.location.hash = hashFor(v)
  currentView.value = v
}
