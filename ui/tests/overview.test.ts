import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { DivisionItem, Overview } from '../src/bindings/generated'
import lishui from '../src/fixtures/overview.331100.json'
import provinces from '../src/fixtures/divisions.provinces.json'
import zhejiang from '../src/fixtures/divisions.330000.json'
import OverviewView from '../src/features/overview/OverviewView.vue'
import { overviewQuery, overviewState } from '../src/features/overview/store'
import { defaultScope, kpiValue, overviewScale, ranked, targetOf } from '../src/features/overview/overview'
import { countyState } from '../src/features/county/store'
import { currentView } from '../src/lib/route'
import { useBackend } from './backend'
import { makeI18n } from './helpers'

const ls = lishui as unknown as Overview

beforeEach(() => {
  localStorage.clear()
  overviewState.data = null
  overviewQuery.scope = null
  overviewQuery.year = 2026
  overviewQuery.kpi = 'slots_per_1000'
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('the overview of 丽水市 in 2026 (recorded)', () => {
  it('has its nine counties, the demo county with its KPIs and the rest from the census', () => {
    expect(ls.counties.map((c) => c.code)).toEqual(['331102', '331121', '331122', '331123', '331124', '331125', '331126', '331127', '331181'])
    const yunhe = ls.counties.find((c) => c.code === '331125')!
    expect(yunhe.stored).toBe(true)
    // A second method: 452 托位 (the demo facilities, hand-worked) over the projected residents.
    expect(yunhe.slots_per_1000!).toBeCloseTo((452 / yunhe.resident_population) * 1000, 9)
    expect(ls.counties.filter((c) => !c.stored).every((c) => c.slots_per_1000 == null && c.resident_population > 0)).toBe(true)
    // The 十四五 托位 target ended in 2025; the 40 beds per 1000 aged 60+ norm is in force.
    expect(targetOf(ls, 'slots_per_1000')).toBeNull()
    expect(targetOf(ls, 'beds_per_1000_elderly')?.value).toBe(40)
    expect(ls.outlines).toBeTruthy()
  })

  it('ranks by a KPI with the census-only counties last, in code order', () => {
    const byPop = ranked(ls.counties, 'resident_population').map((c) => c.name)
    expect(byPop.slice(0, 3)).toEqual(['莲都区', '青田县', '缙云县'])
    const bySlots = ranked(ls.counties, 'slots_per_1000', 'ascending').map((c) => c.code)
    expect(bySlots[0]).toBe('331125')
    expect(bySlots.slice(1)).toEqual(['331102', '331121', '331122', '331123', '331124', '331126', '331127', '331181'])
  })
})

describe('overviewScale', () => {
  it('moves the interior edge nearest the target onto it', () => {
    // 1…6 in five classes: edges 1,2,3,4,5,6; 4.4 is nearest 4.
    const s = overviewScale([1, 2, 3, 4, 5, 6], ['a', 'b', 'c', 'd', 'e'], 4.4)
    expect(s.edges).toEqual([1, 2, 3, 4.4, 5, 6])
    expect(s.targetEdge).toBe(4.4)
  })
  it('leaves the classes alone when the target is outside the values or absent', () => {
    expect(overviewScale([10, 20], ['a', 'b', 'c', 'd', 'e'], 40).edges).toEqual([10, 12, 14, 16, 18, 20])
    expect(overviewScale([10, 20], ['a', 'b', 'c', 'd', 'e'], 40).targetEdge).toBeNull()
    expect(overviewScale([10, 20, null], ['a', 'b', 'c', 'd', 'e'], null).targetEdge).toBeNull()
    // One value: one class in the middle colour, no break.
    expect(overviewScale([3, 3], ['a', 'b', 'c', 'd', 'e'], 2).colors).toEqual(['c'])
  })
  it('opens on the prefecture of the county in use', () => {
    expect(defaultScope('331125')).toBe('331100')
    expect(defaultScope(null)).toBe('110000')
  })
})

describe('the 区域总览 page', () => {
  function mountPage(answers: Parameters<typeof useBackend>[0] = {}) {
    const backend = useBackend({
      get_overview: ls,
      search_divisions: (p) => (p.within === '330000' ? (zhejiang as DivisionItem[]) : (provinces as DivisionItem[])),
      ...answers,
    })
    const w = mount(OverviewView, {
      global: { plugins: [makeI18n('zh-CN')], stubs: { OverviewMap: true } },
      attachTo: document.body,
    })
    return { backend, w }
  }
  /** The page has asked for its overview and shows it (its first call loads the transport). */
  async function loaded() {
    await vi.waitFor(() => expect(overviewState.data ?? overviewState.error).toBeTruthy(), { timeout: 5000 })
    await flushPromises()
  }

  it('asks for the prefecture of the county in use and marks census-only counties', async () => {
    const { backend, w } = mountPage()
    await loaded()
    expect(backend.sent('get_overview')).toEqual([{ scope: '331100', year: 2026 }])
    expect(w.get('[data-testid="overview-count"]').text()).toBe('9 个县区，1 个已录入设施')
    expect(w.findAll('[data-testid="census-only"]')).toHaveLength(8)
    expect(w.findAll('[data-testid="overview-open"]')).toHaveLength(1)
    w.unmount()
  })

  it('shows the target in force as a class break of the legend', async () => {
    // Two stored counties around the 40‰ target: the legend's break lands on it.
    const two = structuredClone(ls)
    const other = two.counties.find((c) => c.code === '331102')!
    Object.assign(other, { stored: true, beds_per_1000_elderly: 52.5 })
    const { w } = mountPage({ get_overview: two })
    overviewQuery.kpi = 'beds_per_1000_elderly'
    await loaded()
    const yunhe = kpiValue(two.counties.find((c) => c.code === '331125')!, 'beds_per_1000_elderly')!
    expect(yunhe).toBeLessThan(40)
    expect(w.get('[data-testid="legend-target"]').element.parentElement!.textContent).toContain('40.00')
    expect(w.get('[data-testid="overview-target"]').text()).toBe('目标 40.00（2026年在用）')
    w.unmount()
  })

  it('opens a stored county’s dashboard on drill-down', async () => {
    const { w } = mountPage()
    await loaded()
    countyState.code = '330122'
    await w.get('[data-testid="overview-open"]').trigger('click')
    expect(countyState.code).toBe('331125')
    expect(currentView.value).toBe('dashboard')
    w.unmount()
  })

  it('exports the same scope and year as XLSX', async () => {
    const { backend, w } = mountPage({
      export_overview: { file_name: '331100_2026_区域总览.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==' },
    })
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }))
    await loaded()
    await w.get('[data-testid="overview-export"]').trigger('click')
    await flushPromises()
    expect(backend.sent('export_overview')).toEqual([{ scope: '331100', year: 2026 }])
    w.unmount()
  })

  it('says why when the scope is not the user’s', async () => {
    const { w } = mountPage({
      get_overview: () => {
        throw { code: 'auth.forbidden', message: 'forbidden', params: {} }
      },
    })
    await loaded()
    expect(w.text()).toContain('无法加载区域总览')
    w.unmount()
  })
})
