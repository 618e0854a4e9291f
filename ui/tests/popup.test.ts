import { describe, expect, it } from 'vitest'
import fixture from '../src/fixtures/dashboard.demo.json'
import type { Dashboard, FacilityAssessment } from '../src/bindings/generated'
import { checkMark, constraintLabel, facilityPopupHtml, schoolNotAssessed } from '../src/features/map/popup'
import { makeI18n } from './helpers'

const demo = fixture as unknown as Dashboard
const byId = (id: string) => demo.facilities.find((f) => f.id === id) as FacilityAssessment
const i18n = (lang: 'zh-CN' | 'en') => {
  const { t, te } = makeI18n(lang).global
  return { t: (k: string, p?: Record<string, unknown>) => t(k, p ?? {}), te: (k: string) => te(k) }
}
const text = (html: string) => {
  const el = document.createElement('div')
  el.innerHTML = html
  return el.textContent?.replace(/\s+/g, ' ') ?? ''
}

describe('binding constraints', () => {
  it('translates every backend value in both languages', () => {
    const zh = i18n('zh-CN')
    const en = i18n('en')
    expect(constraintLabel('class_places', zh.t, zh.te)).toBe('班额（班级容量）')
    expect(constraintLabel('caregivers', zh.t, zh.te)).toBe('保育人员')
    expect(constraintLabel('registered_slots', zh.t, zh.te)).toBe('核定托位')
    expect(constraintLabel('family_cap', zh.t, zh.te)).toBe('家庭托育点上限')
    expect(constraintLabel('class_places', en.t, en.te)).toBe('Class places')
    expect(constraintLabel('family_cap', en.t, en.te)).toBe('Family childcare cap')
    expect(constraintLabel('something_new', en.t, en.te)).toBe('something_new')
  })

  it('covers every binding constraint in the real fixture', () => {
    const zh = i18n('zh-CN')
    const used = new Set(demo.facilities.flatMap((f) => f.childcare_capacity?.constraints.map((c) => c.constraint) ?? []))
    for (const c of used) expect(zh.te(`constraints.${c}`), c).toBe(true)
  })
})

describe('facility popup', () => {
  it('lists childcare constraints with slots and marks the binding one', () => {
    const { t, te } = i18n('zh-CN')
    const html = facilityPopupHtml(byId('CC01'), t, te, 'zh-CN')
    const s = text(html)
    expect(s).toContain('示例数据')
    expect(s).toContain('托位 150 个')
    expect(s).toContain('班额（班级容量）160')
    expect(s).toContain('核定托位150 ◀ 起约束')
    expect(html.match(/jh-on/g)).toHaveLength(1)
  })

  it('shows elderly beds, nursing share and room checks', () => {
    const { t, te } = i18n('en')
    const s = text(facilityPopupHtml(byId('EL01'), t, te, 'en'))
    expect(s).toContain('360 beds (215 nursing-care)')
    expect(s).toContain('Nursing-care share59.7%')
    expect(s).toContain('Room area✓')
    expect(checkMark(false, t)).toBe('✗')
    expect(checkMark(null, t)).toBe('No data')
  })

  it('shows school sections and the not-assessed teaching point', () => {
    const { t, te } = i18n('zh-CN')
    const s = text(facilityPopupHtml(byId('SC01'), t, te, 'zh-CN'))
    expect(s).toContain('小学在校生 1,420 人，达标 6/7 项 · 达标')
    const tp = demo.facilities.find((f) => f.kind === 'teaching_point')!
    expect(schoolNotAssessed(tp)).toBe(tp.meets_standard == null)
    expect(text(facilityPopupHtml(tp, t, te, 'zh-CN'))).toContain('不参评（教学点少于50人）')
    const senior = demo.facilities.find((f) => f.kind === 'senior_high_school')!
    expect(schoolNotAssessed(senior)).toBe(false)
  })

  it('labels every sample facility', () => {
    const { t, te } = i18n('en')
    for (const f of demo.facilities.filter((x) => x.sample)) expect(facilityPopupHtml(f, t, te, 'en')).toContain('Sample data')
  })
})
