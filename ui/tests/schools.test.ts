import { describe, expect, it } from 'vitest'
import { classifyIndicator, formatResourceAmount, resourceUnit, SCHOOL_INDICATORS, indicatorNormId } from '../src/lib/schools'
import { formatNormValue } from '../src/lib/format'
import { filterNorms } from '../src/features/standards/filter'
import { facilityNorms } from '../src/features/facility/normIds'
import type { Dashboard, NormsView, SchoolBalance } from '../src/bindings/generated'
import normsFixture from '../src/fixtures/norms.demo.json'
import balanceFixture from '../src/fixtures/school_balance.demo.json'
import dashboardFixture from '../src/fixtures/dashboard.demo.json'
import zhCN from '../src/locales/zh-CN'
import { makeI18n } from './helpers'

const norms = (normsFixture as NormsView).norms
const balance = balanceFixture as SchoolBalance

describe('indicator colours', () => {
  it('is green at or above the threshold, amber from 85%, red below', () => {
    // 4.2 × 0.85 = 3.57
    expect(classifyIndicator(4.3, 4.2)).toBe('good')
    expect(classifyIndicator(4.2, 4.2)).toBe('good')
    expect(classifyIndicator(3.8, 4.2)).toBe('warn')
    expect(classifyIndicator(3.57, 4.2)).toBe('warn')
    expect(classifyIndicator(3.5, 4.2)).toBe('bad')
    // The share comes from the norm `school.pass.remaining_share` when overridden.
    expect(classifyIndicator(3.8, 4.2, 0.95)).toBe('bad')
  })

  it('matches the backend verdicts on the real fixture (met = green cells)', () => {
    for (const l of balance.levels) {
      const th = new Map(l.indicators.map((i) => [i.key, i.threshold]))
      for (const s of l.schools) {
        const greens = SCHOOL_INDICATORS.filter((k) => classifyIndicator(s.values[k]!, th.get(k)!) === 'good').length
        expect(greens, s.school_code).toBe(s.met)
      }
    }
  })
})

describe('resource amounts', () => {
  const zh = makeI18n('zh-CN').global
  const en = makeI18n('en').global
  it('formats each resource with its unit', () => {
    expect(formatResourceAmount('equipment_value_yuan', 106250, 'zh-CN', zh.t)).toBe('10.63万元')
    expect(formatResourceAmount('equipment_value_yuan', 8500, 'zh-CN', zh.t)).toBe('8,500 元')
    expect(formatResourceAmount('equipment_value_yuan', 106250, 'en', en.t)).toBe('106,250 yuan')
    expect(formatResourceAmount('teaching_area_m2', 508, 'zh-CN', zh.t)).toBe('508 m²')
    expect(formatResourceAmount('teachers_backbone', 2, 'zh-CN', zh.t)).toBe('2 人')
    expect(formatResourceAmount('teachers_backbone', 2, 'en', en.t)).toBe('2 teachers')
    expect(formatResourceAmount('multimedia_rooms', 3, 'zh-CN', zh.t)).toBe('3 间')
  })

  it('has a unit and a label for every resource and indicator key the backend sends', () => {
    for (const r of balance.totals) {
      expect(['persons', 'area', 'yuan', 'rooms']).toContain(resourceUnit(r.resource))
      expect(zhCN.resources[r.resource as keyof typeof zhCN.resources]).toBeTruthy()
    }
    for (const k of SCHOOL_INDICATORS) expect(zhCN.indicators[k]).toBeTruthy()
  })
})

describe('norm display', () => {
  it('shows shares as percentages and keeps real decimals', () => {
    expect(formatNormValue({ value: 0.55, unit: '比例' }, 'zh-CN')).toBe('55%')
    expect(formatNormValue({ value: 0.73, unit: '比例' }, 'en')).toBe('73%')
    expect(formatNormValue({ value: 0.45, unit: '' }, 'zh-CN')).toBe('0.45')
    expect(formatNormValue({ value: 0.25, unit: '' }, 'zh-CN')).toBe('0.25')
    expect(formatNormValue({ value: 2000, unit: '元/生' }, 'zh-CN')).toBe('2,000 元/生')
    expect(formatNormValue({ value: 2000, unit: '元/生' }, 'en')).toBe('2,000 yuan/student')
  })

  it('has a norm for every indicator threshold and CV limit the schools page links to', () => {
    const ids = new Set(norms.map((n) => n.id))
    for (const l of balance.levels) {
      for (const i of l.indicators) {
        const n = norms.find((x) => x.id === indicatorNormId(i.key, l.level))
        expect(n?.value, `${i.key}.${l.level}`).toBe(i.threshold)
      }
      expect(ids.has(`school.cv_limit.${l.level}`)).toBe(true)
    }
  })

  it('filters by category prefix and text', () => {
    expect(filterNorms(norms, 'all', '')).toHaveLength(norms.length)
    expect(filterNorms(norms, 'elderly', '').every((n) => n.id.startsWith('elderly.'))).toBe(true)
    expect(filterNorms(norms, 'school', '差异系数').map((n) => n.id)).toEqual(['school.cv_limit.primary', 'school.cv_limit.junior', 'school.basic.cv_limit.primary', 'school.basic.cv_limit.junior'])
    expect(filterNorms(norms, 'all', 'JGJ 450').map((n) => n.id)).toContain('elderly.room_area_per_bed_m2')
  })

  it('picks the norms applied to a facility', () => {
    const d = dashboardFixture as unknown as Dashboard
    const cc = d.facilities.find((f) => f.category === 'childcare')!
    const ids = facilityNorms(cc, norms).map((n) => n.id)
    expect(ids).toContain('childcare.class_max.infant')
    expect(ids).toContain('childcare.ratio.nursery')
    expect(ids).toContain('childcare.family.max_children')
    expect(ids.some((id) => id.startsWith('childcare.fte.'))).toBe(false)
    const el = d.facilities.find((f) => f.category === 'elderly')!
    expect(facilityNorms(el, norms).map((n) => n.id)).toEqual(['elderly.room_area_per_bed_m2', 'elderly.max_beds_per_nursing_room'])
    const sc = d.facilities.find((f) => f.id === 'SC12')! // nine-year school: both levels
    const sIds = facilityNorms(sc, norms).map((n) => n.id)
    expect(sIds).toContain('school.indicator.multimedia_rooms_per100.primary')
    expect(sIds).toContain('school.indicator.multimedia_rooms_per100.junior')
  })
})
