import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import counties from '../src/fixtures/counties.json'
import type { CountySummary } from '../src/bindings/generated'
import { COUNTY_KEY, countyState, loadCounties, removeCounty, selectCounty } from '../src/features/county/store'
import { dashboardStale, dashboardState, loadDashboard } from '../src/features/dashboard/store'
import { clearNormOverride, normsState, setNormOverride } from '../src/features/standards/store'
import { recorded, useBackend } from './backend'

const ID = 'elderly.nursing_bed_share.target_2030'
const both = counties as CountySummary[]

beforeEach(() => localStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('the county every call acts on', () => {
  it('reopens the county used last, and falls back to the first stored when it is gone', async () => {
    useBackend({ list_counties: both }, null)
    localStorage.setItem(COUNTY_KEY, '640522')
    await loadCounties()
    expect(countyState.code).toBe('640522')
    // The stored one removed elsewhere (another window, the CLI): the first of the list.
    selectCounty(null)
    localStorage.setItem(COUNTY_KEY, '330122')
    await loadCounties()
    expect(countyState.code).toBe('331125')
    expect(localStorage.getItem(COUNTY_KEY)).toBe('331125')
  })

  it('names the selected county in every county command, and drops the old county’s data on a switch', async () => {
    const b = useBackend({ list_counties: both })
    await loadDashboard()
    expect(b.sent('get_dashboard')[0].county).toBe('331125')
    expect(dashboardState.data?.county.name).toBe('云和县')
    selectCounty('640522')
    expect(dashboardState.data).toBeNull()
    expect(localStorage.getItem(COUNTY_KEY)).toBe('640522')
    await loadDashboard()
    expect(b.sent('get_dashboard')[1].county).toBe('640522')
  })

  it('removes a county and moves the selection to the first left', async () => {
    const b = useBackend({ list_counties: both, remove_county: () => both.filter((c) => c.code !== '331125') })
    await removeCounty('331125')
    expect(b.sent('remove_county')).toEqual([{ code: '331125' }])
    expect(countyState.code).toBe('640522')
  })
})

describe('norm changes invalidate norm-dependent views', () => {
  it('sends the override for the county and marks the dashboard stale so it reloads', async () => {
    const b = useBackend({
      set_norm_override: (p) => {
        const v = structuredClone(recorded.list_norms)
        const n = v.norms.find((x) => x.id === p.id)!
        Object.assign(n, { value: p.value, source: p.source, overridden: true, origin: 'county_override' })
        return v
      },
      clear_norm_override: () => recorded.list_norms,
    })
    await loadDashboard()
    expect(dashboardStale()).toBe(false)
    await setNormOverride(ID, 0.75, ' 县级规划 ')
    expect(b.sent('set_norm_override')).toEqual([{ county: '331125', id: ID, value: 0.75, source: '县级规划' }])
    expect(normsState.byId.get(ID)).toMatchObject({ value: 0.75, overridden: true })
    expect(dashboardStale()).toBe(true)
    await loadDashboard()
    expect(dashboardStale()).toBe(false)
    await clearNormOverride(ID)
    expect(b.sent('clear_norm_override')).toEqual([{ county: '331125', id: ID }])
    expect(normsState.byId.get(ID)?.value).toBe(0.73)
    expect(dashboardStale()).toBe(true)
  })
})
