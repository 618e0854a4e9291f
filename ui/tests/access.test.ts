import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { AccessibilityView } from '../src/bindings/generated'
import fixture from '../src/fixtures/accessibility.demo.json'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { useBackend } from './backend'
import { cellBounds, formatPeople, townshipRows, underservedTownships } from '../src/lib/access'
import { ACCESS_COLORS, OUT_OF_REACH_COLOR, accessClass, accessColor, accessLegend } from '../src/features/siting/accessScale'
import { underservedLine } from '../src/features/siting/accessText'
import { makeI18n } from './helpers'

const demo = fixture as unknown as AccessibilityView
const county = demo.county_access_per_1000
const byName = (name: string) => demo.townships.find((t) => t.name === name)!

describe('access colour scale', () => {
  it('bins by multiples of the county figure, the first edge being the 盲区 rule', () => {
    expect(accessClass(null, county)).toBeNull()
    expect(accessColor(null, county)).toBe(OUT_OF_REACH_COLOR)
    expect(accessClass(0, county)).toBe(0)
    expect(accessClass(0.49 * county, county)).toBe(0)
    expect(accessClass(0.5 * county, county)).toBe(1)
    expect(accessClass(county, county)).toBe(2)
    expect(accessClass(4.9 * county, county)).toBe(3)
    expect(accessClass(5 * county, county)).toBe(4)
    expect(accessClass(10 * county, county)).toBe(5)
    expect(accessClass(1e9, county)).toBe(5)
    expect(accessColor(1e9, county)).toBe(ACCESS_COLORS[5])
    expect(accessLegend(county)[0].to).toBeCloseTo(demo.rule_access_ratio * county)
    // No supply in the county: reachable cells still get a class colour.
    expect(accessClass(0, 0)).toBe(0)
  })

  it('legend entries tile the whole range without gaps', () => {
    const l = accessLegend(county)
    expect(l).toHaveLength(ACCESS_COLORS.length)
    expect(l[0].from).toBeNull()
    expect(l[l.length - 1].to).toBeNull()
    for (let i = 1; i < l.length; i++) expect(l[i].from).toBe(l[i - 1].to)
  })

  it('every fixture cell gets a colour; those out of reach the grey', () => {
    const out = demo.cells.filter((c) => c.access_per_1000 == null)
    expect(out.length).toBeGreaterThan(0)
    for (const c of demo.cells) {
      const col = accessColor(c.access_per_1000, county)
      expect(col === OUT_OF_REACH_COLOR).toBe(c.access_per_1000 == null)
    }
  })

  it('a cell square spans cell_m in both directions', () => {
    const c = demo.cells[0]
    const [[s, w], [n, e]] = cellBounds(c.lon, c.lat, demo.cell_m)
    const mLat = (n - s) * 111_320
    const mLon = (e - w) * 111_320 * Math.cos((c.lat * Math.PI) / 180)
    expect(mLat).toBeCloseTo(demo.cell_m, 6)
    expect(mLon).toBeCloseTo(demo.cell_m, 6)
    // The fixture grid is 1 km: neighbouring centres are one square apart.
    expect(demo.cells[1].lon - demo.cells[0].lon).toBeCloseTo(e - w, 3)
  })
})

describe('盲区', () => {
  it('lists the fixture 盲区 in backend order, first in the table', () => {
    expect(underservedTownships(demo).map((t) => t.code)).toEqual(demo.underserved)
    const rows = townshipRows(demo)
    expect(rows.slice(0, demo.underserved.length).map((t) => t.code)).toEqual(demo.underserved)
    expect(rows.slice(demo.underserved.length).every((t) => !t.underserved)).toBe(true)
  })

  it('says 崇头镇 has no childcare within the catchment and how many children that leaves out', () => {
    const ct = byName('崇头镇')
    expect(ct.access_per_1000).toBe(0)
    expect(demo.underserved).toContain(ct.code)
    const zh = makeI18n('zh-CN').global
    const line = underservedLine(ct, demo, zh.t, 'zh-CN')
    const shown = formatPeople(ct.uncovered_demand, 'zh-CN')
    expect(shown).toBe(String(Math.round(ct.uncovered_demand)))
    expect(shown).toBe('139')
    expect(line).toBe(`崇头镇：3公里内无托育机构，${shown} 名婴幼儿不在服务范围内`)
    const e = makeI18n('en').global
    expect(underservedLine(ct, demo, e.t, 'en')).toBe(
      '崇头镇: no childcare facility within 3 km; 139 children under 3 are outside every service area',
    )
  })

  it('a 盲区 with some access is described by its share of the county level', () => {
    const yh = byName('元和街道')
    const line = underservedLine(yh, demo, makeI18n('zh-CN').global.t, 'zh-CN')
    expect(line).toContain('为全县水平的 45%')
    expect(line).toContain(`${Math.round(yh.uncovered_demand)} 名婴幼儿在1公里覆盖半径外`)
  })

  it('has the same access keys in zh-CN and en', () => {
    const keys = (o: unknown, p = ''): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`],
      )
    expect(keys(en.access).sort()).toEqual(keys(zhCN.access).sort())
  })
})

describe('access panel', () => {
  it('asks for the county, category and year, and shows the answer’s figures, table and 盲区', async () => {
    const b = useBackend({ get_accessibility: demo })
    const { default: AccessPanel } = await import('../src/features/siting/AccessPanel.vue')
    const { accessForm } = await import('../src/features/siting/accessStore')
    const { sitingForm } = await import('../src/features/siting/store')
    sitingForm.radius_m = 5000
    // Leaflet needs a laid-out container; the map is checked in the screenshot.
    const w = mount(AccessPanel, { global: { plugins: [makeI18n('zh-CN')], stubs: { AccessMap: true } }, attachTo: document.body })
    expect(w.find('[data-testid="access-empty"]').exists()).toBe(true)
    await w.get('[data-testid="access-form"]').trigger('submit')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-testid="access-empty"]').exists()).toBe(false)
    })
    // The backend's defaults fill the empty distance inputs.
    expect(accessForm.catchment_m).toBe(3000)
    expect(accessForm.radius_m).toBe(1000)
    // Blank distances are left to the backend: only county, category and year are sent.
    expect(b.sent('get_accessibility')).toEqual([{ county: '331125', category: 'childcare', year: 2025 }])
    expect(w.get('[data-testid="access-fig-access"]').text()).toContain('270')
    expect(w.get('[data-testid="access-fig-coverage"]').text()).toContain('2.5%')
    expect(w.get('[data-testid="access-fig-cv"]').text()).toContain('0.90')
    expect(w.get('[data-testid="access-demand-note"]').text()).toContain('均匀分布')

    const list = w.get('[data-testid="underserved-list"]')
    const items = list.findAll('li')
    expect(items).toHaveLength(demo.underserved.length)
    expect(list.text()).toContain('崇头镇：3公里内无托育机构，139 名婴幼儿不在服务范围内')

    const table = w.get('[data-testid="access-table"]')
    const firstRow = table.find('tbody tr')
    expect(firstRow.text()).toContain('元和街道')
    expect(firstRow.text()).toContain('盲区')
    expect(table.findAll('.el-tag')).toHaveLength(demo.underserved.length)

    // 在此选址 fills the siting form with the answer's category and radius.
    await w.get('[data-testid="site-here-331125105"]').trigger('click')
    expect(sitingForm.category).toBe('childcare')
    expect(sitingForm.radius_m).toBe(1000)
    expect(w.emitted('siteHere')?.[0]?.[0]).toMatchObject({ code: '331125105' })
    w.unmount()
  })
})
