import { describe, expect, it } from 'vitest'
import {
  belowTarget, computationLine, formatEffective, formatKpiShare, formatKpiTarget, formatKpiValue, formatNormValue,
  formatNumber, formatPercent, isShareKpi, kpiProgress, kpiStatus, normEditable,
} from '../src/lib/format'
import { schoolsKpi, shareKpi, slotsKpi } from './helpers'

describe('number formatting', () => {
  it('groups thousands per locale and shows a dash for missing values', () => {
    expect(formatNumber(129216, 'zh-CN')).toBe('129,216')
    expect(formatNumber(3.498, 'en', 2)).toBe('3.50')
    expect(formatNumber(null, 'en')).toBe('—')
    expect(formatNumber(Number.NaN, 'en')).toBe('—')
  })

  it('shows fractions as percentages', () => {
    // 584 / 970 = 0.60206… → 60.2%
    expect(formatPercent(584 / 970, 'zh-CN')).toBe('60.2%')
    expect(formatPercent(0.55, 'en', 0)).toBe('55%')
    expect(formatPercent(null, 'en')).toBe('—')
  })
})

describe('KPI formatting', () => {
  it('formats each KPI in its own unit and precision', () => {
    // 452 / 129216 × 1000 = 3.4980… → 3.50‰
    expect(formatKpiValue(slotsKpi(), 'zh-CN')).toBe('3.50‰')
    expect(formatKpiValue(shareKpi(), 'zh-CN')).toBe('60.2%')
    expect(formatKpiValue(slotsKpi({ key: 'beds_per_1000_elderly', value: 1060 / 31324 * 1000 }), 'en')).toBe('33.8')
    expect(formatKpiValue(schoolsKpi(), 'zh-CN')).toBe('10 / 13')
    expect(formatKpiValue(slotsKpi({ value: null }), 'zh-CN')).toBe('—')
  })

  it('shows the schools KPI as counts plus a percentage (value is a share, not a count)', () => {
    // 10 / 13 = 0.76923… → 76.9%
    expect(formatKpiShare(schoolsKpi(), 'zh-CN')).toBe('76.9%')
    expect(formatKpiShare(slotsKpi(), 'zh-CN')).toBeNull()
    expect(isShareKpi(schoolsKpi())).toBe(true)
    expect(isShareKpi(shareKpi())).toBe(true)
    expect(isShareKpi(slotsKpi())).toBe(false)
  })

  it('formats targets, shares as percentages', () => {
    expect(formatKpiTarget(slotsKpi(), 'zh-CN')).toBe('≥ 4.5‰')
    expect(formatKpiTarget(shareKpi(), 'zh-CN')).toBe('≥ 55%')
    expect(formatKpiTarget(slotsKpi({ key: 'beds_per_1000_elderly', target: 40 }), 'en')).toBe('≥ 40')
    expect(formatKpiTarget(schoolsKpi(), 'en')).toBe('100%')
    expect(formatKpiTarget(schoolsKpi({ target: 0.9 }), 'en')).toBe('≥ 90%')
  })

  it('formats norm values: 比例 as percent, others with their unit', () => {
    expect(formatNormValue({ value: 0.55, unit: '比例' }, 'zh-CN')).toBe('55%')
    expect(formatNormValue({ value: 1, unit: '比例' }, 'en')).toBe('100%')
    expect(formatNormValue({ value: 0.555, unit: '比例' }, 'en')).toBe('55.5%')
    expect(formatNormValue({ value: 4.5, unit: '‰' }, 'zh-CN')).toBe('4.5 ‰')
    expect(formatNormValue({ value: 40, unit: '张/千名老年人' }, 'zh-CN')).toBe('40 张/千名老年人')
  })

  it('formats the effective years and derives editability from confidence', () => {
    const labels = { from: (y: number) => `${y}年起`, to: (y: number) => `至${y}年`, open: '长期有效' }
    expect(formatEffective({ effective_from: 2021, effective_to: 2025 }, labels)).toBe('2021–2025')
    expect(formatEffective({ effective_from: 2021, effective_to: null }, labels)).toBe('2021年起')
    expect(formatEffective({ effective_from: null, effective_to: 2030 }, labels)).toBe('至2030年')
    expect(formatEffective({ effective_from: null, effective_to: null }, labels)).toBe('长期有效')
    expect(normEditable({ confidence: 'unconfirmed' })).toBe(true)
    expect(normEditable({ confidence: 'secondary' })).toBe(false)
    expect(normEditable({ confidence: 'confirmed' })).toBe(false)
  })

  it('derives status from meets', () => {
    expect(kpiStatus(slotsKpi({ meets: true }))).toBe('pass')
    expect(kpiStatus(slotsKpi({ meets: false }))).toBe('fail')
    expect(kpiStatus(slotsKpi({ meets: null }))).toBe('unknown')
  })

  it('computes progress toward the target, clamped to 1', () => {
    expect(kpiProgress(slotsKpi({ value: 3.6 }))).toBeCloseTo(0.8, 10) // 3.6 / 4.5
    expect(kpiProgress(schoolsKpi())).toBeCloseTo(10 / 13, 10)
    expect(kpiProgress(shareKpi({ value: 0.66 }))).toBe(1)
    expect(kpiProgress(slotsKpi({ value: null }))).toBeNull()
  })

  it('writes the computation with the actual numbers', () => {
    expect(computationLine(slotsKpi(), 'zh-CN')).toBe('452 ÷ 129,216 × 1000 = 3.50‰')
    expect(computationLine(shareKpi(), 'zh-CN')).toBe('584 ÷ 970 = 60.2%')
    expect(computationLine(schoolsKpi(), 'en')).toBe('10 ÷ 13 = 76.9%')
    // 970 / 26194 × 1000 = 37.03…
    expect(computationLine(slotsKpi({ key: 'beds_per_1000_elderly', numerator: 970, denominator: 26194 }), 'en')).toBe(
      '970 ÷ 26,194 × 1000 = 37.0',
    )
    expect(computationLine(slotsKpi({ numerator: 0, denominator: 0, value: null }), 'en')).toBe('0 ÷ 0 × 1000 = —')
  })

  it('flags township values below target, ignoring missing data', () => {
    expect(belowTarget(3.49, 4.5)).toBe(true)
    expect(belowTarget(4.5, 4.5)).toBe(false)
    expect(belowTarget(null, 4.5)).toBe(false)
  })
})
