// The 监测 page, 补贴测算 and the 年度实际数 import tab on the backend's recorded answers
// (crates/api/tests/ui_fixtures.rs `monitoring`: the demo county with 2024 and 2025 actuals).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Actuals, ActualsReport, ImportPreview, Monitoring, SubsidyBudget } from '../src/bindings/generated'
import monitoringFixture from '../src/fixtures/monitoring.demo.json'
import subsidyFixture from '../src/fixtures/subsidy.demo.json'
import actualsFixture from '../src/fixtures/actuals.demo.json'
import actualsPreview from '../src/fixtures/preview_import.actuals.json'
import actualsDryRun from '../src/fixtures/import_actuals.dry_run.json'
import { apiError, useBackend } from './backend'
import { makeI18n } from './helpers'
import { trackSeries, paceVerdict, eventsRows, changedFields, COUNTY_FIELDS } from '../src/lib/monitoring'
import TrackCard from '../src/features/monitoring/TrackCard.vue'
import TrackChart from '../src/features/monitoring/TrackChart.vue'
import MonitoringView from '../src/features/monitoring/MonitoringView.vue'
import TableImport from '../src/features/import/TableImport.vue'
import { editState } from '../src/features/editing/store'

const monitoring = monitoringFixture as unknown as Monitoring
const subsidy = subsidyFixture as unknown as SubsidyBudget
const actuals = actualsFixture as unknown as Actuals
const dryRun = actualsDryRun as unknown as ActualsReport

describe('monitoring series', () => {
  it('each KPI chart carries the recorded actual, plan and target values year by year', () => {
    for (const tr of monitoring.tracks) {
      const s = trackSeries(tr, monitoring.current_year)
      expect(s.years).toEqual(tr.years.map((y) => y.year))
      expect(s.actual).toEqual(tr.years.map((y) => y.actual))
      expect(s.plan).toEqual(tr.years.map((y) => y.plan))
      expect(s.target).toEqual(tr.years.map((y) => y.target))
      expect(s.targetYear).toBe(tr.target?.by_year ?? null)
    }
  })

  it('the enrolment-rate actuals are the recorded 在托 ÷ projected children 0–2 of 2024 and 2025', () => {
    const rate = monitoring.tracks.find((t) => t.key === 'enrolment_rate')!
    for (const y of [2024, 2025]) {
      const a = monitoring.actuals.find((x) => x.year === y)!
      // The county row's 全县在托婴幼儿数: 260 in 2024, 290 in 2025 (the fixture's file).
      expect(a.enrolled).toBe(y === 2024 ? 260 : 290)
      const point = rate.years.find((x) => x.year === y)!.actual!
      expect(point).toBeCloseTo(a.enrolled! / a.children_0_2, 12)
    }
  })

  it('the pace verdict follows the light and the backend’s year', () => {
    const base = monitoring.tracks[0]
    expect(paceVerdict({ ...base, light: 'green' })).toEqual({ kind: 'met' })
    expect(paceVerdict({ ...base, light: 'red', reached_at_pace: 2031, target: { ...base.target!, by_year: 2030 } })).toEqual({ kind: 'reaches', year: 2031, late: true })
    expect(paceVerdict({ ...base, light: 'red', reached_at_pace: null, at_risk: true })).toEqual({ kind: 'not_reached' })
  })

  it('registered births against the projection: 650 registered, scaled to 常住 by 128,300 ÷ 112,200', () => {
    const rows = eventsRows(monitoring.actuals)
    const r = rows.find((x) => x.year === 2025)!
    // 650 × 128,300 ÷ 112,200 = 743.27 resident-basis births (the file's 2025 county row).
    expect(r.birthsRegistered).toBeCloseTo((650 * 128300) / 112200, 9)
    expect(r.birthsRegistered).toBeCloseTo(743.27, 2)
    expect(r.birthsGap).toBeCloseTo((r.birthsRegistered! - r.birthsProjected) / r.birthsProjected, 12)
  })

  it('a conflict names the fields that differ', () => {
    const read = actuals.county.find((c) => c.year === 2025)!
    expect(changedFields(read, { ...read, births: 700 }, COUNTY_FIELDS)).toEqual([{ field: 'births', read: 650, now: 700 }])
  })
})

describe('监测 page', () => {
  beforeEach(() => {
    localStorage.clear()
    editState.author = '王规划'
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a card per KPI with the chart series, the warnings and the subsidy total', async () => {
    useBackend({ get_monitoring: monitoring, get_actuals: actuals, get_subsidy: subsidy })
    const w = mount(MonitoringView, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(w.findAll('[data-testid="track-card"]')).toHaveLength(monitoring.tracks.length))
    const card = w.findAllComponents(TrackCard)[0]
    const chart = card.findComponent(TrackChart)
    const option = (chart.vm as unknown as { option: { series: Array<{ data: unknown[] }> } }).option
    expect(option.series[0].data).toEqual(monitoring.tracks[0].years.map((y) => y.actual))
    expect(option.series[1].data).toEqual(monitoring.tracks[0].years.map((y) => y.plan))
    expect(option.series[2].data).toEqual(monitoring.tracks[0].years.map((y) => y.target))
    // Every warning is in the list (the first six shown, the rest behind 展开全部 and on paper).
    expect(w.findAll('[data-testid="warnings"] li')).toHaveLength(monitoring.warnings.length)
    expect(w.findAll('[data-testid="warnings"] li').filter((li) => (li.element as HTMLElement).style.display !== 'none')).toHaveLength(Math.min(6, monitoring.warnings.length))
    // Total in 万元, one decimal.
    const wan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(subsidy.total_yuan / 10_000)
    expect(w.get('[data-testid="subsidy-total"]').text()).toBe(wan)
    w.unmount()
  })

  it('an edited county figure is sent with what was read; a conflict shows what changed', async () => {
    const read2025 = actuals.county.find((c) => c.year === 2025)!
    const b = useBackend({
      get_monitoring: monitoring,
      get_actuals: actuals,
      get_subsidy: subsidy,
      set_actual: () => apiError('store.conflict'),
    })
    const w = mount(MonitoringView, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await vi.waitFor(() => expect(w.find('[data-testid="county-actuals"]').exists()).toBe(true))
    // Meanwhile someone else set 2025's births to 700.
    b.answer('get_actuals', { ...actuals, county: actuals.county.map((c) => (c.year === 2025 ? { ...c, births: 700 } : c)) })
    const cell = w.get('[data-testid="county-actuals"] input[aria-label="2025 出生登记人数"]')
    expect((cell.element as HTMLInputElement).value).toBe('650')
    await cell.setValue('660')
    await cell.trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(w.find('[data-testid="actuals-conflict"]').exists()).toBe(true))
    const sent = b.sent('set_actual')[0]
    expect(sent.before_county).toEqual(read2025)
    expect(sent.county_year).toEqual({ ...read2025, births: 660 })
    expect(sent.author).toBe('王规划')
    expect(w.get('[data-testid="actuals-conflict"]').text()).toContain('2025 · 出生登记人数：您读取时为 650，现为 700')
    w.unmount()
  })
})

describe('年度实际数 import tab', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the year, lists the plausibility notes and keeps 导入 disabled until they are confirmed', async () => {
    const b = useBackend({
      preview_import: actualsPreview as unknown as ImportPreview,
      import_actuals: (p) => ({ ...dryRun, dry_run: !!p.dry_run }),
    })
    const w = mount(TableImport, { props: { kind: 'actuals' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    const input = w.get('[data-testid="import-file-input"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [new File(['x'], '年度实际数.csv')], configurable: true })
    await w.get('[data-testid="import-file-input"]').trigger('change')
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-warnings"]').exists()).toBe(true))
    // The recorded dry run: CC07 (5 托位) with 30 children, EL04 (120 beds) with 150 residents.
    expect(dryRun.warnings).toHaveLength(2)
    expect(w.findAll('[data-testid="import-warnings"] li')).toHaveLength(2)
    expect(w.get('[data-testid="import-warnings"]').text()).toContain('在托 30 人')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="import-confirm"] input').setValue(true)
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeUndefined()
    const sent = b.sent('import_actuals')[0]
    expect(sent.dry_run).toBe(true)
    expect(sent.year).toBe(new Date().getFullYear() - 1)
    w.unmount()
  })
})
