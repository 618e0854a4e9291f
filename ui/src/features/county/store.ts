import { reactive } from 'vue'
import type { CountySummary } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'

/** Where the selected county is kept, so the app reopens on the last county used. */
export const COUNTY_KEY = 'junheng.county'

export const countyState = reactive<{
  /** The county every county command acts on (6-digit code); null until one is chosen. */
  code: string | null
  list: CountySummary[]
  loaded: boolean
  loading: boolean
  error: ApiError | null
}>({ code: null, list: [], loaded: false, loading: false, error: null })

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>
const storage = (): Storage | undefined => globalThis.localStorage

/** The county last used on this machine, if any. */
export const savedCounty = (s: Storage | undefined = storage()): string | null => s?.getItem(COUNTY_KEY) || null

/** The code to send as `county`; refused (as the backend would) when no county is chosen yet. */
export function currentCounty(): string {
  if (!countyState.code) throw new ApiError('data.no_county', 'No county selected')
  return countyState.code
}

export const currentSummary = (): CountySummary | null => countyState.list.find((c) => c.code === countyState.code) ?? null

// Stores that hold data of one county register here to drop it when the county changes.
const resets: Array<() => void> = []
export function onCountySwitch(reset: () => void): void {
  resets.push(reset)
}

/** Makes `code` the county of every view: every county's cached data is dropped, the choice kept. */
export function selectCounty(code: string | null): void {
  if (code === countyState.code) return
  countyState.code = code
  if (code) storage()?.setItem(COUNTY_KEY, code)
  else storage()?.removeItem(COUNTY_KEY)
  for (const r of resets) r()
}

/**
 * The stored counties; keeps the selection when it is still stored, else the one used last,
 * else the first (a removed or renamed database falls back without a dead end).
 */
export async function loadCounties(): Promise<void> {
  countyState.loading = true
  countyState.error = null
  try {
    countyState.list = await rpc('list_counties', {})
    countyState.loaded = true
    const codes = countyState.list.map((c) => c.code)
    const keep = [countyState.code, savedCounty()].find((c): c is string => !!c && codes.includes(c))
    selectCounty(keep ?? codes[0] ?? null)
  } catch (err) {
    countyState.error = toApiError(err)
  } finally {
    countyState.loading = false
  }
}

/** Removes a county with everything stored for it; the selection moves to the first left. */
export async function removeCounty(code: string): Promise<void> {
  countyState.list = await rpc('remove_county', { code })
  if (countyState.code === code) selectCounty(countyState.list[0]?.code ?? null)
}

/** After 新建县区: the list is re-read and the new county selected. */
export async function countyCreated(code: string): Promise<void> {
  countyState.list = await rpc('list_counties', {})
  selectCounty(code)
}

/** Tests: forget the selection. */
export function resetCounties(): void {
  countyState.code = null
  countyState.list = []
  countyState.loaded = false
  countyState.error = null
}
