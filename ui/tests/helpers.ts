import { createI18n } from 'vue-i18n'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import type { Kpi } from '../src/bindings'

export function makeI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
}

export function slotsKpi(over: Partial<Kpi> = {}): Kpi {
  return {
    key: 'slots_per_1000',
    value: (452 / 129216) * 1000,
    target: 4.5,
    unit: '‰',
    meets: false,
    numerator: 452,
    denominator: 129216,
    scale: 1000,
    formula: '托位数 ÷ 常住人口 × 1000',
    inputs: [
      { key: 'childcare_slots', value: 452, unit: '个' },
      { key: 'resident_population', value: 129216, unit: '人' },
    ],
    norm: {
      id: 'childcare_slots_per_1000_2025',
      title_zh: '每千人口拥有3岁以下婴幼儿托位数',
      title_en: 'Childcare slots for children under 3 per 1,000 residents',
      value: 4.5,
      unit: '‰',
      source: '十四五规划纲要',
      confidence: 'confirmed',
      effective_from: 2021,
      effective_to: 2025,
      origin: 'national',
    },
    ...over,
  }
}

export function shareKpi(over: Partial<Kpi> = {}): Kpi {
  return slotsKpi({
    key: 'nursing_bed_share',
    value: 584 / 970,
    target: 0.55,
    unit: '',
    meets: true,
    numerator: 584,
    denominator: 970,
    scale: 1,
    norm: { ...slotsKpi().norm, id: 'elderly.nursing_bed_share.target_2025', value: 0.55, unit: '比例' },
    ...over,
  })
}

export function schoolsKpi(over: Partial<Kpi> = {}): Kpi {
  return slotsKpi({
    key: 'schools_meeting_standard',
    value: 10 / 13,
    target: 1,
    unit: '',
    meets: false,
    numerator: 10,
    denominator: 13,
    scale: 1,
    norm: {
      ...slotsKpi().norm,
      id: 'school.standardisation.target',
      title_zh: '义务教育学校标准化建设覆盖率目标',
      title_en: 'Target share of standardised compulsory schools',
      value: 1,
      unit: '比例',
      effective_from: 2025,
      effective_to: 2030,
    },
    ...over,
  })
}
