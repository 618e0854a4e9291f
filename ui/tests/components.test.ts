import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import KpiCard from '../src/features/dashboard/KpiCard.vue'
import KpiExplainDialog from '../src/features/dashboard/KpiExplainDialog.vue'
import { makeI18n, schoolsKpi, shareKpi, slotsKpi } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('KpiCard', () => {
  it('renders value, target and status with the test hooks', () => {
    const w = mount(KpiCard, { props: { kpi: slotsKpi() }, global: { plugins: [makeI18n('zh-CN')] } })
    const root = w.get('[data-testid="kpi-card"]')
    expect(root.attributes('data-kpi')).toBe('slots_per_1000')
    expect(root.classes()).toContain('is-fail')
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('3.50‰')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('目标 ≥ 4.5‰')
    expect(w.get('[data-testid="kpi-status"]').text()).toBe('未达标')
    expect(w.text()).toContain('每千人口托位数')
  })

  it('shows pass status in English and emits explain with its key', async () => {
    const w = mount(KpiCard, { props: { kpi: shareKpi() }, global: { plugins: [makeI18n('en')] } })
    expect(w.get('[data-testid="kpi-status"]').text()).toBe('Meets target')
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('60.2%')
    expect(w.find('[data-testid="kpi-share"]').exists()).toBe(false)
    const btn = w.get('[data-testid="kpi-explain"]')
    expect(btn.element.tagName).toBe('BUTTON') // keyboard reachable
    await btn.trigger('click')
    expect(w.emitted('explain')).toEqual([['nursing_bed_share']])
  })

  it('shows schools as met / assessed plus the percentage, target 100%', () => {
    const w = mount(KpiCard, { props: { kpi: schoolsKpi() }, global: { plugins: [makeI18n('zh-CN')] } })
    expect(w.get('[data-testid="kpi-value"]').text()).toBe('10 / 13')
    expect(w.get('[data-testid="kpi-share"]').text()).toBe('76.9%')
    expect(w.get('[data-testid="kpi-target"]').text()).toBe('目标 100%')
  })
})

describe('KpiExplainDialog', () => {
  it('shows formula, inputs, computation with numbers, norm and confidence', async () => {
    mount(KpiExplainDialog, {
      props: { kpi: slotsKpi(), modelValue: true },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await nextTick()
    await nextTick()
    const dlg = document.querySelector('[data-testid="kpi-explain-dialog"]')
    expect(dlg).not.toBeNull()
    const text = dlg!.textContent ?? ''
    expect(document.querySelector('[data-testid="kpi-computation"]')!.textContent).toBe('452 ÷ 129,216 × 1000 = 3.50‰')
    expect(text).toContain('托位数 ÷ 常住人口 × 1000')
    expect(text).toContain('常住人口')
    expect(text).toContain('129,216')
    expect(text).toContain('每千人口拥有3岁以下婴幼儿托位数')
    expect(text).toContain('十四五规划纲要')
    expect(document.querySelector('[data-testid="kpi-confidence"]')!.textContent).toContain('已确认')
    expect(document.querySelector('[data-testid="kpi-norm-value"]')!.textContent).toBe('4.5 ‰')
    expect(document.querySelector('[data-testid="kpi-norm-effective"]')!.textContent).toBe('2021–2025')
    expect(document.querySelector('[data-testid="kpi-norm-origin"]')!.textContent).toBe('国家')
    expect(text).toContain('此标准值为国家规定')
  })

  it('explains the schools share with counts, percentages and the norm as a percent', async () => {
    mount(KpiExplainDialog, {
      props: { kpi: schoolsKpi(), modelValue: true },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await nextTick()
    await nextTick()
    expect(document.querySelector('[data-testid="kpi-computation"]')!.textContent).toBe('10 ÷ 13 = 76.9%')
    expect(document.querySelector('[data-testid="kpi-result"]')!.textContent).toBe('10 / 13（76.9%）')
    expect(document.querySelector('[data-testid="kpi-norm-value"]')!.textContent).toBe('100%')
    expect(document.querySelector('[data-testid="kpi-norm-effective"]')!.textContent).toBe('2025–2030')
    expect(document.querySelector('[data-testid="kpi-explain-dialog"]')!.textContent).toContain('义务教育学校标准化建设覆盖率目标')
  })

  it('shows the nursing-bed norm (比例) as a percentage', async () => {
    mount(KpiExplainDialog, {
      props: { kpi: shareKpi(), modelValue: true },
      global: { plugins: [makeI18n('en')] },
      attachTo: document.body,
    })
    await nextTick()
    await nextTick()
    expect(document.querySelector('[data-testid="kpi-computation"]')!.textContent).toBe('584 ÷ 970 = 60.2%')
    expect(document.querySelector('[data-testid="kpi-norm-value"]')!.textContent).toBe('55%')
    expect(document.querySelector('[data-testid="kpi-norm-origin"]')!.textContent).toBe('National')
  })

  it('uses the English norm title and flags an editable, unconfirmed norm', async () => {
    const kpi = slotsKpi()
    kpi.norm = { ...kpi.norm, confidence: 'unconfirmed', effective_from: null, effective_to: null }
    mount(KpiExplainDialog, {
      props: { kpi, modelValue: true },
      global: { plugins: [makeI18n('en')] },
      attachTo: document.body,
    })
    await nextTick()
    await nextTick()
    const text = document.querySelector('[data-testid="kpi-explain-dialog"]')!.textContent ?? ''
    expect(text).toContain('Childcare slots for children under 3 per 1,000 residents')
    expect(text).toContain('⚠️ Unconfirmed')
    expect(text).toContain('editable default')
    expect(document.querySelector('[data-testid="kpi-norm-effective"]')!.textContent).toBe('No end date')
  })
})
