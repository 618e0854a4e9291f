import { describe, expect, it } from 'vitest'
import {
  belowTarget, computationLine, formatEffective, formatKpiShare, formatKpiTarget, formatKpiValue, formatNormValue,
  formatNumber, formatPercent, formatTargetValue, isShareKpi, kpiProgress, kpiStatus, normEditable,
} from '../src/lib/format'
import { bedsKpi, enrolmentKpi, schoolsKpi, shareKpi, slotsKpi } from './helpers'

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
    // 452 托位 over the projected 2026 residents: 452 / 126,337.3 × 1000 = 3.577… → 3.58‰
    expect(slotsKpi().numerator).toBe(452)
    expect(formatKpiValue(slotsKpi(), 'zh-CN')).toBe('3.58‰')
    // 584 / 970 = 0.60206… → 60.2%
    expect(formatKpiValue(shareKpi(), 'zh-CN')).toBe('60.2%')
    // 970 / 35,399.8 × 1000 = 27.40… → 27.4
    expect(formatKpiValue(bedsKpi(), 'en')).toBe('27.4')
    expect(formatKpiValue(schoolsKpi(), 'zh-CN')).toBe('10 / 13')
    expect(formatKpiValue(enrolmentKpi(), 'zh-CN')).toBe('—')
    expect(formatKpiValue(enrolmentKpi({ value: 0.1234 }), 'zh-CN')).toBe('12.3%')
  })

  it('shows the schools KPI as counts plus a percentage (value is a share, not a count)', () => {
    // 10 / 13 = 0.76923… → 76.9%
    expect(formatKpiShare(schoolsKpi(), 'zh-CN')).toBe('76.9%')
    expect(formatKpiShare(slotsKpi(), 'zh-CN')).toBeNull()
    expect(isShareKpi(schoolsKpi())).toBe(true)
    expect(isShareKpi(shareKpi())).toBe(true)
    expect(isShareKpi(enrolmentKpi())).toBe(true)
    expect(isShareKpi(slotsKpi())).toBe(false)
  })

  it('formats the target in force with its year, and none where none is in force', () => {
    // 2026: the 十四五 4.5‰ ended in 2025 and the 十五五 childcare indicator is the 入托率.
    expect(formatKpiTarget(slotsKpi(), 'zh-CN')).toBeNull()
    expect(formatKpiTarget(shareKpi(), 'zh-CN')).toEqual({ value: '≥ 73%', byYear: 2030 })
    expect(formatKpiTarget(bedsKpi(), 'en')).toEqual({ value: '≥ 40', byYear: null })
    expect(formatKpiTarget(schoolsKpi(), 'en')).toEqual({ value: '100%', byYear: 2030 })
    // The national 2025 rate 12% + 6 points.
    expect(formatKpiTarget(enrolmentKpi(), 'en')).toEqual({ value: '≥ 18%', byYear: 2030 })
    expect(formatTargetValue('nursing_bed_share', 0.555, 'en')).toBe('≥ 55.5%')
    expect(formatTargetValue('slots_per_1000', 4.5, 'en')).toBe('≥ 4.5‰')
    expect(formatTargetValue('slots_per_1000', null, 'en')).toBeNull()
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
    expect(kpiStatus(shareKpi())).toBe('fail')
    expect(kpiStatus(slotsKpi())).toBe('unknown')
  })

  it('computes progress toward the target in force, clamped to 1', () => {
    // 0.60206 / 0.73 = 0.8247
    expect(kpiProgress(shareKpi())).toBeCloseTo(584 / 970 / 0.73, 10)
    expect(kpiProgress(schoolsKpi())).toBeCloseTo(10 / 13, 10)
    expect(kpiProgress(shareKpi({ value: 0.8 }))).toBe(1)
    // No target in force, or no value: nothing to show progress toward.
    expect(kpiProgress(slotsKpi())).toBeNull()
    expect(kpiProgress(enrolmentKpi())).toBeNull()
  })

  it('writes the computation with the actual numbers', () => {
    expect(computationLine(shareKpi(), 'zh-CN')).toBe('584 ÷ 970 = 60.2%')
    expect(computationLine(schoolsKpi(), 'en')).toBe('10 ÷ 13 = 76.9%')
    expect(computationLine(slotsKpi(), 'zh-CN')).toBe('452 ÷ 126,337.3 × 1000 = 3.58‰')
    expect(computationLine(bedsKpi(), 'en')).toBe('970 ÷ 35,399.8 × 1000 = 27.4')
    expect(computationLine(enrolmentKpi(), 'en')).toBe('0 ÷ 1,599.5 = —')
  })

  it('flags township values below target, ignoring missing data', () => {
    expect(belowTarget(3.49, 4.5)).toBe(true)
    expect(belowTarget(4.5, 4.5)).toBe(false)
    expect(belowTarget(null, 4.5)).toBe(false)
  })
})
