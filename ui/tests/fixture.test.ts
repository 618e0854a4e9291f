import { beforeEach, describe, expect, it } from 'vitest'
import { fixtureRpc, resetFixture } from '../src/platform/fixture'
import { ApiError } from '../src/platform/errors'
import { errorText } from '../src/lib/errorText'
import type { NormsView, SchoolBalance } from '../src/bindings'
import { makeI18n } from './helpers'

const ID = 'elderly.nursing_bed_share.target_2025'
const find = (v: NormsView, id = ID) => v.norms.find((n) => n.id === id)!

describe('demo fixture', () => {
  beforeEach(() => resetFixture())

  it('serves the school balance and the norms', async () => {
    const b = await fixtureRpc<SchoolBalance>('demo', 'get_school_balance', {})
    expect(b.levels.map((l) => l.level)).toEqual(['primary', 'junior'])
    expect(b.excluded).toEqual(['SC07'])
    const v = await fixtureRpc<NormsView>('demo', 'list_norms', {})
    expect(v.norms.length).toBeGreaterThan(50)
    expect(find(v).overridden).toBe(false)
  })

  it('round-trips an override like the backend', async () => {
    const national = find(await fixtureRpc<NormsView>('demo', 'list_norms')).source
    let v = await fixtureRpc<NormsView>('demo', 'set_norm_override', { id: ID, value: 0.65, source: '县级规划' })
    expect(find(v)).toMatchObject({ value: 0.65, national_value: 0.55, overridden: true, origin: 'county_override', source: '县级规划' })
    // Persists across calls within the page.
    expect(find(await fixtureRpc<NormsView>('demo', 'list_norms')).value).toBe(0.65)
    // Without a source the current one is kept.
    v = await fixtureRpc<NormsView>('demo', 'set_norm_override', { id: ID, value: 0.6 })
    expect(find(v)).toMatchObject({ value: 0.6, source: '县级规划' })
    v = await fixtureRpc<NormsView>('demo', 'clear_norm_override', { id: ID })
    expect(find(v)).toMatchObject({ value: 0.55, overridden: false, origin: 'national', source: national })
  })

  it('rejects unknown ids and invalid values with translated codes', async () => {
    const zh = makeI18n('zh-CN').global
    const bad = async (payload: unknown) => {
      try {
        await fixtureRpc('demo', 'set_norm_override', payload)
      } catch (e) {
        return e as ApiError
      }
      throw new Error('expected a rejection')
    }
    const unknown = await bad({ id: 'no.such', value: 1 })
    expect(unknown.code).toBe('norms.unknown_id')
    expect(errorText(unknown, zh.t, zh.te)).toBe('标准库中没有编号为 no.such 的标准。')
    const invalid = await bad({ id: 'elderly.beds_per_1000_elderly', value: -1 })
    expect(invalid.code).toBe('norms.invalid_value')
    expect(errorText(invalid, zh.t, zh.te)).toContain('无效')
  })
})

describe('norm changes invalidate norm-dependent views', () => {
  beforeEach(() => {
    resetFixture()
    window.history.replaceState(null, '', '/?fixture=demo')
  })

  it('marks the dashboard stale after an override so it reloads on return', async () => {
    const { dashboardStale, loadDashboard, dashboardState } = await import('../src/features/dashboard/store')
    const { setNormOverride, clearNormOverride, normsState } = await import('../src/features/standards/store')
    await loadDashboard()
    expect(dashboardState.data?.county.name).toBe('云和县')
    expect(dashboardStale()).toBe(false)
    await setNormOverride(ID, 0.65, '县级规划')
    expect(normsState.byId.get(ID)?.overridden).toBe(true)
    expect(dashboardStale()).toBe(true)
    await loadDashboard()
    expect(dashboardStale()).toBe(false)
    await clearNormOverride(ID)
    expect(normsState.byId.get(ID)?.value).toBe(0.55)
    expect(dashboardStale()).toBe(true)
  })
})
