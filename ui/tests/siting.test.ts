import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { SitingResult } from '../src/bindings/generated'
import fixture from '../src/fixtures/siting.demo.json'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { useBackend } from './backend'
import { ApiError } from '../src/platform/errors'
import { errorText } from '../src/lib/errorText'
import { VIEWS, viewFromHash } from '../src/lib/route'
import {
  RADIUS_PICKS, SITE_SOURCES, SITING_CATEGORIES, SITING_MODELS, chosenNewSites, formatCoverage,
  formatCv, formatGap, formatKm, formatObjective, formatRadius, openSites, sourceKey, trend,
} from '../src/lib/siting'
import SitingFigures from '../src/features/siting/SitingFigures.vue'
import { makeI18n } from './helpers'

const demo = fixture as SitingResult

describe('siting figures', () => {
  it('formats coverage as a percentage and distances in km', () => {
    expect(formatCoverage(0.0644763428382113, 'zh-CN')).toBe('6.4%')
    expect(formatCoverage(0.5191236421976229, 'en')).toBe('51.9%')
    expect(formatCoverage(null, 'en')).toBe('—')
    expect(formatKm(7426.983510971367, 'zh-CN')).toBe('7.43 km')
    expect(formatKm(14989.147, 'en')).toBe('15.0 km')
    expect(formatKm(0, 'en')).toBe('0.00 km')
    expect(formatKm(null, 'en')).toBe('—')
    expect(formatRadius(500, 'en')).toBe('500 m')
    expect(formatRadius(1000, 'zh-CN')).toBe('1 km')
    expect(formatRadius(2500, 'en')).toBe('2.5 km')
    expect(formatGap(1.8e-16, 'en')).toBe('0.00%')
    expect(formatGap(0.0123, 'en')).toBe('1.23%')
    // p-median objective is demand × metres, shown as demand·km.
    expect(formatObjective('pmedian', 1277246.79, 'en')).toBe('1,277.2')
    expect(formatObjective('mclp', 227.4, 'en')).toBe('227.4')
    expect(formatObjective('equity', 0.54987, 'en')).toBe('0.550')
  })

  it('tells better from worse by the figure direction', () => {
    expect(trend(0.06, 0.52, true)).toBe('better')
    expect(trend(7427, 2924, false)).toBe('better')
    expect(trend(0.55, 1.33, false)).toBe('worse')
    expect(trend(1, 1, false)).toBe('same')
    expect(trend(null, 1, false)).toBe('unknown')
  })

  it('translates every site source', () => {
    const zh = makeI18n('zh-CN').global
    const e = makeI18n('en').global
    expect(SITE_SOURCES.map((s) => zh.t(sourceKey(s)))).toEqual(['现有', '备选点', '乡镇中心点'])
    expect(SITE_SOURCES.map((s) => e.t(sourceKey(s)))).toEqual(['Existing', 'Candidate site', 'Township centre'])
  })

  it('shows before → after in the figures panel', () => {
    const w = mount(SitingFigures, { props: { result: demo }, global: { plugins: [makeI18n('zh-CN')] } })
    expect(w.get('[data-testid="fig-coverage"]').text()).toContain('6.4%')
    expect(w.get('[data-testid="fig-coverage"]').text()).toContain('51.9%')
    expect(w.get('[data-testid="fig-distance"]').text()).toContain('7.43 km')
    expect(w.get('[data-testid="fig-distance"]').text()).toContain('2.92 km')
    // Mean distance falls but the spread rises: the panel must say so rather than hide it.
    expect(w.get('[data-testid="fig-cv"]').text()).toContain('变差')
    expect(w.get('[data-testid="proven"]').text()).toBe('已证明最优')
    // The demo's p-median answer is proven by the Lagrangian bound (the fixture says so).
    expect(w.get('[data-testid="proof"]').text()).toBe('拉格朗日松弛界（引擎自证）')
    w.unmount()
  })

  it('names the proof of an MCLP closed by HiGHS, in both languages', () => {
    const milp = { ...demo, model: 'mclp', proof: 'milp' } as SitingResult
    const zh = mount(SitingFigures, { props: { result: milp }, global: { plugins: [makeI18n('zh-CN')] } })
    expect(zh.get('[data-testid="proof"]').text()).toBe('混合整数规划精确求解（HiGHS）')
    zh.unmount()
    const e = mount(SitingFigures, { props: { result: milp }, global: { plugins: [makeI18n('en')] } })
    expect(e.get('[data-testid="proof"]').text()).toBe('Exact mixed-integer programme (HiGHS)')
    e.unmount()
  })

  it('shows the access CV before → after from the fixture, with its explanation', () => {
    expect(demo.access_cv_before).toBeCloseTo(3.8091, 4)
    expect(demo.access_cv_after).toBeCloseTo(1.4062, 4)
    for (const lang of ['zh-CN', 'en'] as const) {
      const w = mount(SitingFigures, { props: { result: demo }, global: { plugins: [makeI18n(lang)] } })
      const fig = w.get('[data-testid="fig-access-cv"]')
      const before = formatCv(demo.access_cv_before, lang)
      const after = formatCv(demo.access_cv_after, lang)
      expect([before, after]).toEqual(['3.81', '1.41'])
      expect(fig.get('.fig-before').text()).toBe(before)
      expect(fig.get('.fig-after').text()).toBe(after)
      // Lower is more even: 3.81 → 1.41 is an improvement.
      expect(fig.get('.fig-after').classes()).toContain('better')
      // The tip names the catchment (3 km = 3 × the 1 km radius) and the assumed new-site capacity.
      expect(fig.text()).toContain('3 km')
      expect(fig.text()).toContain('80')
      expect(fig.get('[data-testid="fig-access-cv-help"]').attributes('aria-label')).toContain('E2SFCA')
      // p-median here: the access CV is shown but is not the objective.
      expect(fig.find('.fig-obj').exists()).toBe(false)
      w.unmount()
    }
    const zh = mount(SitingFigures, { props: { result: demo }, global: { plugins: [makeI18n('zh-CN')] } })
    expect(zh.get('[data-testid="fig-access-cv"]').text()).toContain('可达性差异系数')
    expect(zh.get('[data-testid="fig-access-cv"]').text()).toContain('改善')
    zh.unmount()
  })

  it('marks the access CV as the objective of the equity model', () => {
    const eq = { ...demo, model: 'equity' as const, objective: demo.access_cv_after ?? 0 }
    const w = mount(SitingFigures, { props: { result: eq }, global: { plugins: [makeI18n('zh-CN')] } })
    expect(w.get('[data-testid="fig-access-cv"] .fig-obj').text()).toBe('优化目标')
    expect(w.get('[data-testid="fig-objective"]').text()).toContain('1.406')
    expect(w.get('[data-testid="fig-objective"]').text()).toContain('可达性差异系数')
    w.unmount()
  })
})

describe('siting fixture', () => {
  it('chosen new sites are exactly the chosen non-existing ones', () => {
    const fresh = chosenNewSites(demo)
    expect(fresh.map((s) => s.id)).toEqual(demo.sites.filter((s) => s.chosen && s.source !== 'existing').map((s) => s.id))
    expect(fresh).toHaveLength(demo.new_sites)
    expect(fresh.every((s) => s.source !== 'existing' && s.chosen)).toBe(true)
    // Existing sites stay open; they and the new ones get coverage rings.
    expect(openSites(demo)).toHaveLength(demo.sites.filter((s) => s.source === 'existing').length + demo.new_sites)
    for (const a of demo.allocation) expect(demo.sites[a.site]?.chosen).toBe(true)
  })

  it('gives every site a capacity; new sites get the assumed one', () => {
    for (const s of demo.sites) expect(s.capacity).toBeGreaterThan(0)
    for (const s of chosenNewSites(demo)) expect(s.capacity).toBe(demo.new_site_capacity)
  })

  it('sends capacity and catchment only when filled', async () => {
    const { sitingRequest } = await import('../src/features/siting/store')
    const base = { category: 'school', model: 'equity', new_sites: 2, radius_m: 1000, year: 2030, variant: 'medium' } as const
    const blank = sitingRequest({ ...base, new_site_capacity: null, catchment_m: null }, '331125')
    expect(blank).toEqual({ ...base, county: '331125' })
    expect('new_site_capacity' in blank || 'catchment_m' in blank).toBe(false)
    expect(sitingRequest({ ...base, new_site_capacity: 600, catchment_m: 2500 }, '331125')).toEqual({
      ...base, county: '331125', new_site_capacity: 600, catchment_m: 2500,
    })
    expect(sitingRequest({ ...base, new_site_capacity: 0, catchment_m: 4000 }, '331125')).toEqual({ ...base, county: '331125', catchment_m: 4000 })
  })

  it('routes #/siting', () => {
    expect(viewFromHash('#/siting')).toBe('siting')
    expect(VIEWS.indexOf('siting')).toBe(VIEWS.indexOf('population') + 1)
  })

  it('translates siting.invalid', () => {
    const err = new ApiError('siting.invalid', 'bad request')
    expect(errorText(err, makeI18n('zh-CN').global.t, makeI18n('zh-CN').global.te)).toContain('选址条件无效')
    expect(errorText(err, makeI18n('en').global.t, makeI18n('en').global.te)).toContain('Invalid siting question')
  })
})

describe('siting i18n', () => {
  it('labels every option in both languages', () => {
    for (const m of [zhCN, en]) {
      expect(m.nav.siting).toBeTruthy()
      for (const c of SITING_CATEGORIES) {
        expect(m.siting.categories[c]).toBeTruthy()
        expect(m.siting.demandUnits[c]).toBeTruthy()
      }
      for (const k of SITING_MODELS) {
        expect(m.siting.models[k]).toBeTruthy()
        expect(m.siting.modelTips[k]).toBeTruthy()
      }
      for (const s of SITE_SOURCES) expect(m.siting.sources[s]).toBeTruthy()
    }
    expect(RADIUS_PICKS.map((p) => p.m)).toEqual([300, 500, 1000, 2000, 5000])
  })

  it('has the same siting keys in zh-CN and en', () => {
    const keys = (o: unknown, p = ''): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`],
      )
    expect(keys(en.siting).sort()).toEqual(keys(zhCN.siting).sort())
  })
})

describe('siting page', () => {
  it('runs the recorded question and shows the new sites', async () => {
    const b = useBackend({ optimize_sites: demo })
    const { default: SitingView } = await import('../src/features/siting/SitingView.vue')
    // Leaflet needs a laid-out container; the map is checked in the screenshot.
    const w = mount(SitingView, { global: { plugins: [makeI18n('zh-CN')], stubs: { SitingMap: true } }, attachTo: document.body })
    expect(w.find('[data-testid="siting-empty"]').exists()).toBe(true)
    // Before an answer the placeholders do not guess the backend's defaults.
    expect(w.get('[data-testid="sf-capacity"] input').attributes('placeholder')).toBe('默认（由后端按类型取值）')
    await w.get('[data-testid="siting-form"]').trigger('submit')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-testid="siting-empty"]').exists()).toBe(false)
    })
    expect(b.sent('optimize_sites')).toEqual([
      { county: '331125', category: 'childcare', model: 'pmedian', new_sites: 2, radius_m: 1000, year: 2030, variant: 'medium' },
    ])
    expect(w.get('[data-testid="siting-answers"]').text()).toContain('托育')
    expect(w.get('[data-testid="siting-new-sites"]').text()).toContain('崇头镇')
    // Capacity column: the assumed 80 托位 of each new site.
    expect(w.get('[data-testid="siting-new-sites"]').text()).toContain('容量')
    expect(w.get('[data-testid="siting-new-sites"]').text()).toContain('80 托位')
    // Blank optional inputs show the defaults the answer used as placeholders.
    expect(w.get('[data-testid="sf-capacity"] input').attributes('placeholder')).toBe('默认 80')
    expect(w.get('[data-testid="sf-catchment"] input').attributes('placeholder')).toBe('默认 3,000')
    expect(w.get('[data-testid="siting-limits"]').text()).toContain('规划情景')
    w.unmount()
  })
})
