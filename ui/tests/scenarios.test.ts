import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import type { Dashboard, Facility, Intervention, Scenario, ScenarioComparison, SitingResult } from '../src/bindings/generated'
import compareFixture from '../src/fixtures/compare.demo.json'
import sitingFixture from '../src/fixtures/siting.demo.json'
import dashboardFixture from '../src/fixtures/dashboard.demo.json'
import scenariosFixture from '../src/fixtures/scenarios.demo.json'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { computationLine } from '../src/lib/format'
import { townshipAt } from '../src/lib/geo'
import { errorText } from '../src/lib/errorText'
import {
  DIVERGING, addedClassesOf, addedPlaces, capacityInputs, expandedSections, costRows, defaultCapacity, defaultChildcareInputs, divergingScale,
  formatKpiDelta, kpiFacts, niceCeil, siteInterventions, sortedInterventions, townshipDiff, yearOf,
} from '../src/lib/scenarios'
import { saveScenario, scenariosState } from '../src/features/scenarios/store'
import { thisYear } from '../src/features/dashboard/store'
import normsFixture from '../src/fixtures/norms.demo.json'
import type { FeatureCollection } from 'geojson'
import { apiError, useBackend } from './backend'
import type { ApiError } from '../src/platform/errors'
import { makeI18n } from './helpers'

const comparison = compareFixture as unknown as ScenarioComparison
const [base, demo] = comparison.outcomes
const siting = sitingFixture as unknown as SitingResult
const dashboard = dashboardFixture as unknown as Dashboard
const boundaries = dashboard.boundaries as FeatureCollection
/** The county's norms as `list_norms` answered (national values: 班额 45 小学, 50 初中). */
const norms = (id: string) => normsFixture.norms.find((n) => n.id === id)?.value
const noNorms = () => undefined

afterEach(() => vi.unstubAllGlobals())

describe('childcare capacity preview (computed by core, not here)', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('asks preview_facility for the form’s inputs and shows 托位 with the binding constraint', async () => {
    // The recorded answer for the default form: 1 乳儿班 ×10 + 2 托小班 ×15 + 2 托大班 ×20 = 80
    // places; 14 caregivers at 1:3, 1:5, 1:7 take 2 → 6 infants, 6 → 30, 6 → 40 = 76.
    const b = useBackend()
    const { default: CapacityFields } = await import('../src/features/scenarios/CapacityFields.vue')
    const w = mount(CapacityFields, {
      props: { modelValue: defaultCapacity(), kind: 'community_childcare', norm: norms, idPrefix: 't' },
      global: { plugins: [makeI18n('zh-CN')] },
    })
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.get('[data-testid="cap-estimate"]').text()).toContain('76')
    })
    const text = w.get('[data-testid="cap-estimate"]').text()
    expect(text).toContain('保育人员')
    expect(text).toContain('80')
    const [sent] = b.sent('preview_facility')
    expect(sent.county).toBe('331125')
    expect(sent.facility).toMatchObject({ kind: 'community_childcare', childcare: defaultChildcareInputs(), elderly: null })
    w.unmount()
  })

  it('shows the backend’s refusal of an out-of-range input instead of a figure', async () => {
    useBackend({
      preview_facility: () => apiError('edit.out_of_range', { field: 'caregivers', detail_zh: '须在 0–2000 之间', detail: 'must be 0–2000' }),
    })
    const { default: CapacityFields } = await import('../src/features/scenarios/CapacityFields.vue')
    const w = mount(CapacityFields, {
      props: { modelValue: defaultCapacity(), kind: 'community_childcare', norm: norms, idPrefix: 't' },
      global: { plugins: [makeI18n('zh-CN')] },
    })
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.get('[data-testid="cap-estimate-error"]').text()).toBe('caregivers：须在 0–2000 之间')
    })
    w.unmount()
  })
})

describe('siting result → build interventions', () => {
  const opts = {
    year: 2027,
    childcare: defaultChildcareInputs(),
    elderly: defaultCapacity().elderly,
    school: null,
    name: (s: { name: string }) => `${s.name}新建社区托育点`,
    note: '选址优化',
    norm: norms,
  }

  it('builds one public inclusive community childcare point at each new site', () => {
    const ivs = siteInterventions(siting, opts)
    expect(ivs).toHaveLength(2)
    expect(ivs.map((iv) => iv.action.type === 'build' && iv.action.facility.name)).toEqual(['元和街道新建社区托育点', '崇头镇新建社区托育点'])
    const a = ivs[0].action
    if (a.type !== 'build') throw new Error('build expected')
    expect(ivs[0]).toMatchObject({ id: '', year: 2027, note: '选址优化' })
    expect(a.facility).toMatchObject({
      id: '', township_code: '', kind: 'community_childcare', ownership: 'public', inclusive: true,
      status: 'planned', opening_year: 2027, location: { lon: 119.662505, lat: 28.123687 },
      elderly: null, school_sections: [],
    })
    expect(a.facility.childcare).toEqual(defaultChildcareInputs())
  })

  it('leaves schools out unless classes are given', () => {
    const schools = { ...siting, category: 'school' as const }
    expect(siteInterventions(schools, opts)).toEqual([])
    const ivs = siteInterventions(schools, { ...opts, school: { kind: 'primary_school', classes: { primary: 12, junior: 0 } } })
    const a = ivs[0].action
    if (a.type !== 'build') throw new Error('build expected')
    expect(a.facility.kind).toBe('primary_school')
    expect(a.facility.childcare).toBeNull()
    expect(a.facility.school_sections).toMatchObject([{ level: 'primary', classes: 12, max_class_size: 45, students: 0 }])
    // Without the norms the class size is not guessed: the build is refused until they load.
    expect(() => siteInterventions(schools, { ...opts, norm: noNorms, school: { kind: 'primary_school', classes: { primary: 12, junior: 0 } } })).toThrow()
  })

  it('keeps the category part of the form only', () => {
    const d = defaultCapacity()
    expect(capacityInputs('elderly_institution', d, 'x', noNorms)).toEqual({ childcare: null, elderly: d.elderly, school_sections: [] })
    expect(capacityInputs('day_care_center', d, 'x', noNorms).elderly).toBeNull()
  })
})

describe('scenario results', () => {
  it('explains the 2027 KPIs with the numbers of the response', () => {
    const f = kpiFacts(yearOf(demo, 2027)!.county)
    // 托位 452 + 76 (new point, 2026) + 60 (planned CC09 from 2027) = 588; projected population 125,744.3.
    expect(computationLine(f[0], 'zh-CN')).toBe('588 ÷ 125,744.3 × 1000 = 4.68‰')
    // EL03 expanded from 190/80 to 220/180: 970 + 30 = 1,000 beds, 584 + 100 = 684 nursing.
    expect(computationLine(f[1], 'zh-CN')).toBe('684 ÷ 1,000 = 68.4%')
    expect(computationLine(f[2], 'zh-CN')).toBe('1,000 ÷ 37,253.4 × 1000 = 26.8')
    expect(computationLine(f[3], 'zh-CN')).toBe('10 ÷ 13 = 76.9%')
    // No 每千人口托位数 target is in force after 2025 (the 十五五 indicator is the 入托率): not judged.
    expect(f[0].target).toBeNull()
    expect(f.map((x) => x.meets)).toEqual([null, false, false, false])
  })

  it('formats the difference to the base with a sign and percentage points', () => {
    const s = kpiFacts(yearOf(demo, 2030)!.county)
    const b = kpiFacts(yearOf(base, 2030)!.county)
    expect(formatKpiDelta('slots_per_1000', s[0].value! - b[0].value!, 'zh-CN', '个百分点')).toBe('+0.61‰')
    expect(formatKpiDelta('nursing_share', s[1].value! - b[1].value!, 'zh-CN', '个百分点')).toBe('+8.2 个百分点')
    expect(formatKpiDelta('beds_per_1000_elderly', -1.44, 'en', 'pp')).toBe('−1.4')
    expect(formatKpiDelta('schools', 0, 'en', 'pp')).toBe('±0.0 pp')
  })

  it('lists the cost of each year and the totals (万元)', () => {
    const rows = costRows(demo)
    expect(rows).toHaveLength(12)
    // 2026: 76 new slots × 3 = 228 construction, × 1.5 = 114 operating, × 1 = 76 subsidy; net 228 + 114 − 76 = 266.
    expect(rows[1]).toMatchObject({ year: 2026, subsidy: 76, net: 266 })
    expect(rows[1].construction.total).toBe(228)
    expect(rows[1].operating.total).toBe(114)
    // 2027: 30 new beds × 12 = 360; operating 114 + 30 × 3 = 204; net 564.
    expect(rows[2].construction.elderly).toBe(360)
    expect(rows[2].operating.total).toBe(204)
    expect(rows[2].net).toBe(564)
    const total = rows[11]
    expect(total.year).toBeNull()
    expect([total.construction.total, total.operating.total, total.subsidy, total.net]).toEqual([588, 1950, 76, 2462])
    expect(rows.slice(0, 11).reduce((s, r) => s + r.net, 0)).toBe(total.net)
  })

  it('maps the difference between two scenarios township by township', () => {
    const d = townshipDiff(yearOf(base, 2030), yearOf(demo, 2030), 'slots_per_1000')
    expect(d).toHaveLength(10)
    const yuanhe = d.find((x) => x.code === '331125002')!
    // 76 new slots ÷ 45,990.9 residents (its 2030 projection) × 1000 = 1.68 more per 1,000; every other township unchanged.
    expect(yuanhe.delta!).toBeCloseTo((76 / 45990.878) * 1000, 4)
    expect(d.filter((x) => x.code !== '331125002').every((x) => Math.abs(x.delta!) < 1e-9)).toBe(true)
    const gap = townshipDiff(yearOf(base, 2030), yearOf(demo, 2030), 'childcare_gap')
    expect(gap.find((x) => x.code === '331125002')!.delta).toBeCloseTo(-76, 6)
  })

  it('colours differences on a scale symmetric around zero', () => {
    expect(niceCeil(1.68)).toBe(2)
    expect(niceCeil(76)).toBe(100)
    expect(niceCeil(0.3)).toBeCloseTo(0.5)
    const up = divergingScale([0, 1.68, 0], true)
    expect(up.edges.map((e) => Number(e.toFixed(6)))).toEqual([-2, -1.2, -0.4, 0.4, 1.2, 2])
    expect(up.colors).toEqual([...DIVERGING])
    // A smaller gap is better, so negative values get the blue end.
    const gap = divergingScale([-76, 0], false)
    expect(gap.colors[0]).toBe(DIVERGING[4])
    expect(divergingScale([0, 0], true)).toEqual({ edges: [0, 0], colors: [DIVERGING[2]] })
  })

  it('orders interventions by year, keeping the entry order within a year', () => {
    const s = scenariosFixture[0] as unknown as Scenario
    const mixed = [s.interventions[2], s.interventions[0], { ...s.interventions[1], year: 2026 }]
    expect(sortedInterventions(mixed).map((iv) => iv.id)).toEqual(['i1', 'i2', 'i3'])
  })
})

describe('expansion prefill', () => {
  it('starts from the stored inputs, else from the dashboard capacities', async () => {
    const { facilityOptions, prefillDraft } = await import('../src/features/scenarios/facilities')
    const { default: raw } = await import('../src/fixtures/facilities.demo.json')
    const s = scenariosFixture[0] as unknown as Scenario
    const options = facilityOptions(s, dashboard.facilities)
    const cc06 = options.find((o) => o.id === 'CC06')
    // CC06 as stored: 1 托小班, 1 托大班, 7 caregivers, 30 registered slots.
    expect(prefillDraft(cc06, s, 2027, undefined, raw as never).childcare).toMatchObject({
      toddler_small_classes: 1, toddler_large_classes: 1, caregivers: 7, registered_slots: 30,
    })
    // Without them: the dashboard knows the registered 30 but not the classes.
    expect(prefillDraft(cc06, s, 2027).childcare).toMatchObject({ toddler_small_classes: 0, caregivers: 0, registered_slots: 30 })
    // EL03 in 2028 comes from the scenario's own 2027 expansion (220 beds, 180 nursing).
    expect(prefillDraft(options.find((o) => o.id === 'EL03'), s, 2028).elderly).toMatchObject({ beds: 220, nursing_beds: 180 })
    expect(prefillDraft(options.find((o) => o.id === 'EL03'), s, 2026).elderly).toMatchObject({ beds: 190, nursing_beds: 80 })
    // The scenario's new facility is offered too, with its year.
    expect(options.find((o) => o.id === 'N-DEMO-1')).toMatchObject({ builtIn: 2026, category: 'childcare' })
  })
})

describe('school expansion (增加班级)', () => {
  const sc12 = async () => {
    const { default: raw } = await import('../src/fixtures/facilities.demo.json')
    const f = (raw as unknown as Facility[]).find((x) => x.id === 'SC12')!
    return { raw: raw as unknown as Facility[], f }
  }

  it('adds classes to SC12 崇头镇中心学校 and keeps every other field of its sections', async () => {
    const { raw, f } = await sc12()
    const s = scenariosFixture[0] as unknown as Scenario
    const { facilityOptions, schoolSectionsNow } = await import('../src/features/scenarios/facilities')
    const base = schoolSectionsNow(facilityOptions(s, dashboard.facilities).find((o) => o.id === 'SC12'), s, 2027, undefined, raw)
    expect(base.map((x) => [x.level, x.classes])).toEqual([['primary', 12], ['junior', 6]])

    const after = expandedSections(base, [2, 1])
    expect(after.map((x) => x.classes)).toEqual([14, 7])
    after.forEach((x, i) => expect({ ...x, classes: f.school_sections[i].classes }).toEqual(f.school_sections[i]))
    // The stored facility is not touched.
    expect(f.school_sections.map((x) => x.classes)).toEqual([12, 6])
    // +2 primary classes × 45 + 1 junior class × 50.
    expect(addedPlaces(base, [2, 1], norms)).toBe(140)
    expect(addedPlaces(base, [0, 0], norms)).toBe(0)
    expect(addedPlaces(base, [2, 1], noNorms)).toBeNull()
    // Reopened for editing, the saved totals read as what was added.
    expect(addedClassesOf(base, after)).toEqual([2, 1])
  })

  it('shows the added places live and saves the increased sections', async () => {
    const { raw } = await sc12()
    const { default: ActionDialog } = await import('../src/features/scenarios/ActionDialog.vue')
    const { facilityOptions } = await import('../src/features/scenarios/facilities')
    const { rawFacilities } = await import('../src/features/scenarios/store')
    rawFacilities.value = raw
    const s = scenariosFixture[0] as unknown as Scenario
    const submit = vi.fn(async () => {})
    const editing = {
      id: 'x', year: 2027, note: '',
      action: { type: 'expand', facility_id: 'SC12', childcare: null, elderly: null, school_sections: expandedSections(raw.find((x) => x.id === 'SC12')!.school_sections, [2, 1]) },
    } as Intervention
    const w = mount(ActionDialog, {
      props: { modelValue: true, editing, scenario: s, options: facilityOptions(s, dashboard.facilities), norm: norms, defaultYear: 2027, submit },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await flushPromises()
    const places = () => document.querySelector('[data-testid="expand-places"]')?.textContent?.replace(/\s+/g, ' ').trim()
    expect(places()).toBe('新增学位 = 新增班级 × 45（小学） / 50（初中） = 2 × 45 + 1 × 50 = 140')
    const enter = async (level: string, v: string) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="expand-classes-${level}"] input`)!
      input.value = v
      input.dispatchEvent(new Event('input'))
      input.dispatchEvent(new Event('change'))
      await flushPromises()
    }
    // Nothing added: refused with a message.
    await enter('primary', '0')
    await enter('junior', '0')
    expect(places()).toBe('新增学位 = 新增班级 × 45（小学） / 50（初中） = 0')
    document.querySelector<HTMLButtonElement>('[data-testid="action-confirm"]')!.click()
    await flushPromises()
    expect(submit).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid="expand-classes"]')?.textContent).toContain('请至少为一个学段增加班级。')
    await enter('primary', '2')
    await enter('junior', '3')
    expect(places()).toContain('= 2 × 45 + 3 × 50 = 240')
    document.querySelector<HTMLButtonElement>('[data-testid="action-confirm"]')!.click()
    await flushPromises()
    const saved = (submit.mock.calls[0] as unknown as [Intervention])[0]
    expect(saved.action).toMatchObject({ type: 'expand', facility_id: 'SC12' })
    expect(saved.action.type === 'expand' && saved.action.school_sections?.map((x) => x.classes)).toEqual([14, 9])
    w.unmount()
    rawFacilities.value = []
  })
})

describe('township lookup', () => {
  it('finds the township of a point and nothing outside the county', () => {
    expect(townshipAt(boundaries, 119.662505, 28.123687)?.name).toBe('元和街道')
    expect(townshipAt(boundaries, 118.5, 27.0)).toBeNull()
  })
})

describe('scenario store', () => {
  it('saves for the county and keeps the backend’s copy; a refusal is worded from the contract', async () => {
    const s = structuredClone(scenariosFixture[0]) as unknown as Scenario
    const b = useBackend({ save_scenario: (p) => ({ ...p.scenario, id: 'new-1', version: 1 }) })
    const saved = await saveScenario({ ...s, id: '' })
    expect(b.sent('save_scenario')[0]).toMatchObject({ county: '331125', scenario: { id: '', name: s.name } })
    expect(saved.id).toBe('new-1')
    expect(scenariosState.list.map((x) => x.id)).toContain('new-1')

    b.answer('save_scenario', () => apiError('scenario.outside_county', { name: '元和街道社区嵌入式托育点（新建）', lon: 118.5, lat: 27 }))
    const err = await saveScenario(s).catch((e: ApiError) => e)
    const zh = makeI18n('zh-CN').global
    expect(errorText(err as ApiError, zh.t, zh.te)).toBe('“元和街道社区嵌入式托育点（新建）”的位置（118.5，27）不在本县任何乡镇（街道）范围内。')
    expect(scenariosState.save).toBe('error')
  })
})

describe('scenario messages', () => {
  it('names the page in both languages', () => {
    expect(zhCN.nav.scenarios).toBe('规划方案')
    expect(en.nav.scenarios).toBe('Scenarios')
  })
})

describe('scenarios page (recorded backend)', () => {
  let backend: ReturnType<typeof useBackend>
  beforeEach(() => {
    backend = useBackend({
      compare_scenarios: (p) => ({ ...comparison, outcomes: comparison.outcomes.filter((o) => p.ids.includes(o.scenario_id)) }),
      save_scenario: (p) => ({ ...p.scenario, id: p.scenario.id || 'new-1', version: p.scenario.version + 1 }),
    })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  // Leaflet and ECharts need a laid-out page; they are checked in the screenshots.
  const stubs = { PlacementMap: true, KpiTrendChart: true, DiffMap: true }

  async function settle(check: () => void) {
    await vi.waitFor(async () => {
      await flushPromises()
      check()
    })
  }

  it('shows the demo scenario with its 2030 results against the base', async () => {
    const { default: ScenariosView } = await import('../src/features/scenarios/ScenariosView.vue')
    const w = mount(ScenariosView, { global: { plugins: [makeI18n('zh-CN')], stubs }, attachTo: document.body })
    await settle(() => expect(w.findAll('[data-testid="scenario-kpi-value"]')).toHaveLength(4))
    expect(backend.sent('list_scenarios')).toEqual([{ county: '331125' }])
    expect(w.get('[data-testid="scenario-list"]').text()).toContain('方案一：新建社区托育与护理型床位扩建')
    expect((w.get('input[data-testid="scenario-name-input"]').element as HTMLInputElement).value).toBe('方案一：新建社区托育与护理型床位扩建')
    const values = w.findAll('[data-testid="scenario-kpi-value"]').map((v) => v.text())
    // 2030: 588 ÷ 123,817.1 × 1000 = 4.75‰; 684 ÷ 1,000; 1,000 ÷ 42,741.5 × 1000 = 23.4; 10 / 13.
    expect(values).toEqual(['4.75‰', '68.4%', '23.4', '10 / 13'])
    expect(w.findAll('[data-testid="scenario-kpi-delta"]')[0].text()).toContain('+0.61‰')
    expect(w.get('[data-testid="intervention-table"]').text()).toContain('云和县夕阳红老年公寓')
    expect(w.get('[data-testid="gap-table"]').text()).toContain('元和街道')
    const nets = w.findAll('[data-testid="cost-net"]').map((c) => c.text())
    expect(nets[nets.length - 1]).toBe('2,462')
    expect(w.get('[data-testid="cost-note"]').text()).toContain('cost.*')
    w.unmount()
  })

  it('creates a scenario, says it is saved, and has no results until they are computed', async () => {
    const { default: ScenariosView } = await import('../src/features/scenarios/ScenariosView.vue')
    const w = mount(ScenariosView, { global: { plugins: [makeI18n('zh-CN')], stubs }, attachTo: document.body })
    await settle(() => expect(w.find('[data-testid="scenario-list"]').exists()).toBe(true))
    await w.get('[data-testid="scenario-new"]').trigger('click')
    await settle(() => expect(w.findAll('[data-testid="scenario-item"]')).toHaveLength(2))
    expect(w.get('[data-testid="scenario-save-status"]').text()).toContain('已保存')
    expect((w.get('input[data-testid="scenario-name-input"]').element as HTMLInputElement).value).toBe('新方案 1')
    await settle(() => expect(w.find('[data-testid="results-missing"]').exists()).toBe(true))
    expect(w.get('[data-testid="intervention-table"]').text()).toContain('尚无措施')
    w.unmount()
  })

  it('tells a new user what to do when there is no scenario', async () => {
    backend.answer('list_scenarios', [])
    const { default: ScenariosView } = await import('../src/features/scenarios/ScenariosView.vue')
    const w = mount(ScenariosView, { global: { plugins: [makeI18n('zh-CN')], stubs }, attachTo: document.body })
    await settle(() => expect(w.find('[data-testid="scenario-empty"]').exists()).toBe(true))
    expect(w.get('[data-testid="scenario-empty"]').text()).toBe('还没有规划方案。点击「新建方案」，从现状数据出发添加新建、扩建、关停等措施。')
    w.unmount()
  })

  it('compares the base and the demo scenario: cost totals and target years', async () => {
    const { default: ScenariosView } = await import('../src/features/scenarios/ScenariosView.vue')
    const w = mount(ScenariosView, { global: { plugins: [makeI18n('en')], stubs }, attachTo: document.body })
    await settle(() => expect(w.find('[data-testid="scenario-list"]').exists()).toBe(true))
    await w.get('[data-testid="scenario-tab-compare"]').trigger('click')
    await settle(() => expect(w.find('[data-testid="compare-costs"]').exists()).toBe(true))
    const costs = w.get('[data-testid="compare-costs"]').text()
    expect(costs).toContain('Base (current trend)')
    expect(costs).toContain('2,462')
    // No 每千人口托位数 target after 2025, so no year can reach one.
    const targets = w.findAll('[data-testid="target-slots_per_1000"]').map((c) => c.text())
    expect(targets).toEqual(['—', '—'])
    w.unmount()
  })
})

describe('report export dialog', () => {
  it('lists the scenarios when it is opened first from another page, and words a refusal', async () => {
    const b = useBackend({ export_county_report: () => apiError('export.failed') })
    const { default: ExportReportDialog } = await import('../src/features/report/ExportReportDialog.vue')
    // Created already open, as the header button does on its first click: the list must load then.
    const w = mount(ExportReportDialog, { props: { modelValue: true }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await vi.waitFor(async () => {
      await flushPromises()
      expect(document.querySelector('[data-testid="export-report-scenarios"]')?.textContent).toContain('方案一')
    })
    expect(document.querySelector('[data-testid="export-report-none"]')).toBeNull()
    ;(document.querySelector('[data-testid="export-report-confirm"]') as HTMLButtonElement).click()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(document.querySelector('[data-testid="export-report-error"]')?.textContent).toBe('导出失败：导出失败。')
    })
    expect(b.sent('export_county_report')[0]).toMatchObject({ county: '331125', format: 'pdf', lang: 'zh-CN', scenario_ids: [], as_of: thisYear() })
    w.unmount()
    document.body.innerHTML = ''
  })
})

describe('siting: add to a scenario', () => {

  it('creates a scenario with a build intervention per new site and opens it', async () => {
    const { default: AdoptDialog } = await import('../src/features/siting/AdoptDialog.vue')
    const { scenariosState } = await import('../src/features/scenarios/store')
    const { currentView } = await import('../src/lib/route')
    const b = useBackend({ list_scenarios: [], save_scenario: (p) => ({ ...p.scenario, id: 'new-1', version: 1 }) })
    currentView.value = 'siting'
    const w = mount(AdoptDialog, { props: { modelValue: false, result: siting }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await w.setProps({ modelValue: true })
    await flushPromises()
    await nextTick()
    expect(document.querySelector('[data-testid="adopt-sites"]')?.textContent).toContain('崇头镇新建社区托育点')
    ;(document.querySelector('[data-testid="adopt-confirm"]') as HTMLButtonElement).click()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(currentView.value).toBe('scenarios')
    })
    const s = scenariosState.list.find((x) => x.id === scenariosState.selectedId)!
    expect(s.name).toBe('选址方案：托育新增 2 处')
    // One build per new site, at its point (the backend places it in its township).
    expect(s.interventions.map((iv) => (iv.action.type === 'build' ? iv.action.facility.location : null))).toEqual(
      siting.sites.filter((x) => x.chosen && x.source !== 'existing').map((x) => ({ lon: x.lon, lat: x.lat })),
    )
    expect(b.sent('save_scenario')[0].county).toBe('331125')
    expect(s.interventions.every((iv) => iv.year === 2030)).toBe(true)
    expect(window.location.hash).toBe('#/scenarios')
    w.unmount()
    document.body.innerHTML = ''
  })
})

describe('coverage and evenness (覆盖与均衡)', () => {
  it('builds the reach rows for 2030 from the fixture, scenario beside base', async () => {
    const { reachRows, formatSigned, deltaTone } = await import('../src/lib/reach')
    const rows = reachRows(yearOf(demo, 2030), yearOf(base, 2030))
    expect(rows.map((r) => r.category)).toEqual(['childcare', 'elderly', 'school'])
    const [cc, el, sc] = rows
    // Childcare: 4.433% of 0–2-year-olds within 1 km vs 3.174% in the base → +1.3 points.
    expect(cc.radius_m).toBe(1000)
    expect(cc.catchment_m).toBe(3000)
    expect((cc.coverage! * 100).toFixed(1)).toBe('4.4')
    expect((cc.baseCoverage! * 100).toFixed(1)).toBe('3.2')
    expect((cc.coverageDelta! * 100).toFixed(2)).toBe('1.26')
    // CV 0.686 vs 0.850: the new community points make townships more even.
    expect(cc.cv!.toFixed(2)).toBe('0.69')
    expect(cc.baseCv!.toFixed(2)).toBe('0.85')
    expect(formatSigned(cc.cvDelta, 'zh-CN', 2)).toBe('−0.16')
    expect(deltaTone(cc.cvDelta, false, 2)).toBe('better')
    // Elderly: coverage unchanged (3.7%), CV 0.817 vs 0.810 — the expansion concentrates beds.
    expect((el.coverage! * 100).toFixed(1)).toBe('3.7')
    expect(deltaTone(el.coverageDelta! * 100, true, 1)).toBe('same')
    expect(formatSigned(el.cvDelta, 'zh-CN', 2)).toBe('+0.01')
    expect(deltaTone(el.cvDelta, false, 2)).toBe('worse')
    // Schools: no intervention, identical to the base.
    expect((sc.coverage! * 100).toFixed(1)).toBe('15.1')
    expect(sc.cvDelta).toBe(0)
    expect(formatSigned(sc.cvDelta, 'zh-CN', 2)).toBe('±0.00')
  })

  it('leaves the base columns empty without a base and skips services not reported', async () => {
    const { reachRows } = await import('../src/lib/reach')
    const y = yearOf(demo, 2030)!
    const rows = reachRows({ ...y, reach: y.reach.filter((r) => r.category !== 'school') }, null)
    expect(rows.map((r) => r.category)).toEqual(['childcare', 'elderly'])
    expect(rows[0].baseCoverage).toBeNull()
    expect(rows[0].coverageDelta).toBeNull()
  })

  it('gives the childcare coverage per year, one series per scenario', async () => {
    const { coverageSeries } = await import('../src/lib/reach')
    const s = coverageSeries(demo, 'childcare', [2025, 2026, 2030, 2040])
    expect(s.slice(0, 3).map((v) => (v! * 100).toFixed(1))).toEqual(['2.5', '3.8', '4.4'])
    expect(s[3]).toBeNull()
    expect((coverageSeries(base, 'childcare', [2026])[0]! * 100).toFixed(1)).toBe('2.5')
  })

  it('renders the table with coloured deltas in both languages', async () => {
    const { default: ReachTable } = await import('../src/features/scenarios/ReachTable.vue')
    for (const [lang, pp, service] of [['zh-CN', '个百分点', '托育（0–2岁）'], ['en', 'pp', 'Childcare (ages 0–2)']] as const) {
      const w = mount(ReachTable, { props: { year: yearOf(demo, 2030)!, base: yearOf(base, 2030) }, global: { plugins: [makeI18n(lang)] } })
      await flushPromises()
      expect(w.find('[data-testid="reach-table"]').exists()).toBe(true)
      expect(w.get('[data-testid="reach-childcare"]').text()).toBe(service)
      expect(w.findAll('[data-testid="reach-coverage"]').map((x) => x.text())).toEqual(['4.4%', '3.7%', '15.1%'])
      const d = w.findAll('[data-testid="reach-coverage-delta"]')
      expect(d[0].text()).toBe(`+1.3 ${pp}`)
      expect(d[0].classes()).toContain('better')
      const cv = w.findAll('[data-testid="reach-cv-delta"]')
      expect(cv.map((x) => x.text())).toEqual(['−0.16', '+0.01', '±0.00'])
      expect(cv[1].classes()).toContain('worse')
      w.unmount()
    }
  })
})
