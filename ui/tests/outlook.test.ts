import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Outlook } from '../src/bindings/generated'
import outlookFixture from '../src/fixtures/outlook.demo.json'
import {
  PYRAMID_GROUPS, SERVICES, VARIANTS, aggregatePyramid, classifyGap, gapBands, gapLabel, groupLabel, peakRows, peakYear, serviceSeries,
} from '../src/lib/outlook'
import { viewFromHash } from '../src/lib/route'
import { loadOutlook, outlookState, outlookVariant } from '../src/features/population/store'
import { useBackend } from './backend'
import PeakTable from '../src/features/population/PeakTable.vue'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { makeI18n } from './helpers'

const outlook = structuredClone(outlookFixture) as Outlook

describe('pyramid aggregation', () => {
  it('sums single ages into 5-year groups with an open 85+ group', () => {
    const single = new Array<number>(101).fill(0)
    ;[1, 2, 3, 4, 5].forEach((v, age) => (single[age] = v))
    for (let age = 85; age <= 100; age++) single[age] = age - 84 // 1..16
    single[84] = 1000 // belongs to 80–84, not 85+
    const g = aggregatePyramid(single)
    expect(g).toHaveLength(18)
    expect(g[0]).toBe(15)
    expect(g[16]).toBe(1000)
    expect(g[17]).toBe(136)
    expect(g.reduce((a, b) => a + b, 0)).toBe(single.reduce((a, b) => a + b, 0))
    expect(PYRAMID_GROUPS.map(groupLabel).slice(0, 2)).toEqual(['0–4', '5–9'])
    expect(groupLabel(PYRAMID_GROUPS[17])).toBe('85+')
  })

  it('keeps the census total of the fixture', () => {
    const base = outlook.pyramids[0]
    expect(base.date).toBe('2020-11-01')
    const total = [...aggregatePyramid(base.male), ...aggregatePyramid(base.female)].reduce((a, b) => a + b, 0)
    expect(Math.round(total)).toBe(129216)
  })
})

describe('gap classification', () => {
  it('classifies need − capacity as displayed', () => {
    expect(classifyGap(49.8)).toBe('shortfall')
    expect(classifyGap(-395.9)).toBe('surplus')
    expect(classifyGap(0.4)).toBe('balanced')
    expect(classifyGap(-0.4)).toBe('balanced')
    expect(classifyGap(0.5)).toBe('shortfall')
    expect(classifyGap(-0.5)).toBe('surplus')
  })

  it('labels the gap with 缺口/富余 and the service unit', () => {
    const zh = makeI18n('zh-CN').global
    const e = makeI18n('en').global
    expect(gapLabel(49.77, 'childcare', zh.t, 'zh-CN')).toBe('缺口 50 个')
    expect(gapLabel(-1234.4, 'beds', zh.t, 'zh-CN')).toBe('富余 1,234 张')
    expect(gapLabel(0.2, 'primary', zh.t, 'zh-CN')).toBe('供需平衡')
    expect(gapLabel(-25.2, 'junior', e.t, 'en')).toBe('surplus of 25 places')
    expect(gapLabel(140.1, 'nursing', e.t, 'en')).toBe('shortfall of 140 beds')
  })

  it('reports gap = need − capacity for every service and zone', () => {
    for (const z of [outlook.county, ...outlook.townships]) {
      for (const s of SERVICES) {
        const r = serviceSeries(z, s)
        r.gap.forEach((g, i) => expect(g).toBeCloseTo(r.need[i] - r.capacity[i], 6))
      }
    }
  })

  it('inserts the crossing point so shortfall and surplus bands meet', () => {
    const b = gapBands([2025, 2026, 2027], [10, 0, 0], [0, 10, 5])
    expect(b.base.map(([x]) => x)).toEqual([2025, 2025.5, 2026, 2027])
    expect(b.base[1]).toEqual([2025.5, 5])
    expect(b.shortfall.map(([, y]) => y)).toEqual([10, 0, 0, 0])
    expect(b.surplus.map(([, y]) => y)).toEqual([0, 0, 10, 5])
    // base + band = the upper line everywhere
    b.base.forEach(([, y], i) => expect(y + b.shortfall[i][1] + b.surplus[i][1]).toBe([10, 5, 10, 5][i]))
  })
})

describe('peak years', () => {
  it('shows the backend peak year for the county and every township', async () => {
    const rows = peakRows(outlook)
    expect(rows).toHaveLength(1 + outlook.townships.length)
    const w = mount(PeakTable, { props: { outlook }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    const shown = (tid: string) =>
      new Map(w.findAll(`[data-testid="${tid}"]`).map((c) => [c.attributes('data-code'), Number(c.text())]))
    const primary = shown('peak-primary-year')
    const junior = shown('peak-junior-year')
    for (const z of [outlook.county, ...outlook.townships]) {
      expect(primary.get(z.code)).toBe(z.peak_primary_year)
      expect(junior.get(z.code)).toBe(z.peak_junior_year)
      // The backend's peak is the year of largest enrolment need.
      const years = z.years.map((y) => y.need.year)
      expect(peakYear(years, z.years.map((y) => y.need.primary_students))).toBe(z.peak_primary_year)
      expect(peakYear(years, z.years.map((y) => y.need.junior_students))).toBe(z.peak_junior_year)
    }
    expect(w.text()).toContain('云和县（全县）')
    w.unmount()
  })

  it('finds the first year of the maximum', () => {
    expect(peakYear([2025, 2026, 2027], [3, 5, 5])).toBe(2026)
    expect(peakYear([], [])).toBeNull()
  })
})

describe('population page wiring', () => {
  it('routes #/population and asks the backend for the county, variant and plan years', async () => {
    expect(viewFromHash('#/population')).toBe('population')
    const b = useBackend()
    outlookVariant.value = 'high'
    await loadOutlook(true)
    expect(b.sent('get_outlook')).toEqual([
      { county: '331125', variant: 'high', from: 2025, to: 2035, basis: 'resident', migration: null },
    ])
    expect(outlookState.data?.county.name).toBe('云和县')
    outlookVariant.value = 'medium'
  })

  it('labels every variant and service in both languages', () => {
    for (const m of [zhCN, en]) {
      for (const v of VARIANTS) expect(m.population.variants[v]).toBeTruthy()
      for (const s of SERVICES) {
        expect(m.outlook.services[s]).toBeTruthy()
        expect(m.outlook.units[s]).toBeTruthy()
        expect(m.outlook.basis[s]).toBeTruthy()
      }
      expect(m.nav.population).toBeTruthy()
    }
  })
})
