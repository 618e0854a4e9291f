import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import LevelBalance from '../src/features/schools/LevelBalance.vue'
import type { SchoolBalance } from '../src/bindings/generated'
import balanceFixture from '../src/fixtures/school_balance.demo.json'
import { makeI18n } from './helpers'

const balance = structuredClone(balanceFixture) as SchoolBalance

describe('LevelBalance', () => {
  it('shows the verdict, passing count, coloured cells and flags a CV over its limit', async () => {
    const primary = structuredClone(balance.levels[0])
    primary.indicators[4] = { ...primary.indicators[4], cv: 0.62, cv_ok: false }
    const w = mount(LevelBalance, {
      props: { balance: primary, remainingShare: 0.85, minMet: 6 },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(w.get('[data-testid="level-verdict"]').text()).toBe('县域结论：未达标')
    expect(w.get('[data-testid="level-passing"]').text().replace(/\s+/g, '')).toBe('7/9')
    expect(w.findAll('[data-testid="cv-cell"]').filter((c) => c.classes('cv-over'))).toHaveLength(1)
    const cells = w.findAll('[data-testid="indicator-cell"]')
    expect(cells.length).toBe(primary.schools.length * 7)
    // SC02: sports area 6.00 < 7.5 × 85% → red; teaching area 4.05 ≥ 3.825 → amber.
    expect(cells.some((c) => c.text() === '6.00' && c.classes('ind-bad'))).toBe(true)
    expect(cells.some((c) => c.text() === '4.05' && c.classes('ind-warn'))).toBe(true)
    expect(w.text()).toContain('高于规定学历教师')
    w.unmount()
  })
})
