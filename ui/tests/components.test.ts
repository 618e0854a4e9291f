import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import KpiCard from '../src/features/dashboard/KpiCard.vue'
import KpiExplainDialog from '../src/features/dashboard/KpiExplainDialog.vue'
import { bedsKpi, enrolmentKpi, makeI18n, schoolsKpi, shareKpi, slotsKpi } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

const card = (kpi: ReturnType<typeof slotsKpi>, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  mount(KpiCard, { props: { kpi }, global: { plugins: [makeI18n(lang)] } })

describe('KpiCard', () => {
  it('says the year and the target in force with its year, and judges against it', () => {
    const w = card(shareKpi())
    const root = w.get('[data-testid="kpi-card"]')
    expect(root.attributes('data-kpi')).toBe('nursing_bed_share')
    expect(root.classes()).toContain('is-fail')
    expect(w.get('[data-testid="kpi-year"]').text()).toBe('2026年')
    // 584 / 970 = 60.2%, below the 73% set for 2030 (the expired 55% of 2025 is never shown).
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('60.2%')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('2030 目标 ≥ 73%')
    expect(w.get('[data-testid="kpi-status"]').text()).toBe('未达标')
  })

  it('says so when no target is in force, and does not judge', () => {
    const w = card(slotsKpi())
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('3.58‰')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('无现行目标')
    expect(w.get('[data-testid="kpi-status"]').text()).toBe('不作判定')
    expect(w.text()).not.toContain('4.5')
  })

  it('shows the 入托率 missing-data reason and the basis of its target', () => {
    const w = card(enrolmentKpi())
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('—')
    expect(w.get('[data-testid="kpi-missing"]').text()).toBe('尚未录入2026年在托婴幼儿数（数据导入 → 年度实际数）')
    // The national 2025 rate (12.0%) + 6 points = 18% by 2030.
    expect(w.get('[data-testid="kpi-target"]').text()).toContain('2030 目标 ≥ 18%')
    expect(w.get('[data-testid="kpi-target-basis"]').text()).toBe('目标依据')
    const en = card(enrolmentKpi(), 'en')
    expect(en.get('[data-testid="kpi-missing"]').text()).toBe('no 2026 enrolment entered yet (Import → annual actuals)')
  })

  it('shows a target without a year as it is, in English, and emits explain with its key', async () => {
    const w = card(bedsKpi(), 'en')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('Target ≥ 40')
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('27.4')
    const btn = w.get('[data-testid="kpi-explain"]')
    expect(btn.element.tagName).toBe('BUTTON') // keyboard reachable
    await btn.trigger('click')
    expect(w.emitted('explain')).toEqual([['beds_per_1000_elderly']])
  })

  it('shows schools as met / assessed plus the percentage', () => {
    const w = card(schoolsKpi())
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('10 / 13')
    expect(w.get('[data-testid="kpi-share"]').text()).toBe('76.9%')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('2030 目标 100%')
  })
})

async function explain(kpi: ReturnType<typeof slotsKpi>, lang: 'zh-CN' | 'en' = 'zh-CN') {
  mount(KpiExplainDialog, { props: { kpi, modelValue: true }, global: { plugins: [makeI18n(lang)] }, attachTo: document.body })
  await nextTick()
  await nextTick()
  const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null
  return { text: q('kpi-explain-dialog') ?? '', q }
}

describe('KpiExplainDialog', () => {
  it('explains with the backend’s formula, inputs, and the target in force with its norm and source', async () => {
    const { text, q } = await explain(shareKpi())
    expect(q('kpi-formula')).toBe('护理型床位 ÷ 养老机构床位')
    expect(q('kpi-computation')).toBe('584 ÷ 970 = 60.2%')
    expect(text).toContain('输入数据（2026年）')
    expect(q('kpi-explain-target')).toBe('2030 目标 ≥ 73%')
    expect(q('kpi-norm-value')).toBe('73%')
    expect(q('kpi-norm-effective')).toBe('2026–2030')
    expect(q('kpi-norm-origin')).toBe('国家')
    expect(document.querySelector('.el-dialog__title')!.textContent).toBe('指标说明：养老机构护理型床位占比（2026年）')
  })

  it('explains the schools share with counts and the norm as a percent', async () => {
    const { q } = await explain(schoolsKpi())
    expect(q('kpi-computation')).toBe('10 ÷ 13 = 76.9%')
    expect(q('kpi-result')).toBe('10 / 13（76.9%）')
    expect(q('kpi-norm-value')).toBe('100%')
  })

  it('says why there is no value and how the 入托率 target was set', async () => {
    const { q } = await explain(enrolmentKpi())
    expect(q('kpi-computation')).toBeNull()
    expect(q('kpi-explain-missing')).toBe('尚未录入2026年在托婴幼儿数（数据导入 → 年度实际数）')
    expect(q('kpi-explain-basis')).toBe('目标取值：全国2025年入托率（本县未录入2025年在托数） 12.0% + 6 个百分点')
    expect(q('kpi-norm-value')).toBe('6 百分点')
  })

  it('states that no target is in force instead of showing an expired one', async () => {
    const { q } = await explain(slotsKpi(), 'en')
    expect(q('kpi-explain-target')).toBe('No target in force')
    expect(q('kpi-explain-no-target')).toContain('No plan target is in force in 2026')
    expect(q('kpi-norm-value')).toBeNull()
    // English shows the translated formula and the backend's own beneath it.
    expect(q('kpi-formula')).toBe('childcare slots ÷ resident population × 1000')
  })
})
