import type { NormView, SchoolLevel } from '../bindings/generated'
import { formatNumber } from './format'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** The seven resource-allocation indicators of 教督〔2017〕6号, in the order the document lists them. */
export const SCHOOL_INDICATORS = [
  'teachers_qualified_per100',
  'teachers_backbone_per100',
  'teachers_pe_art_per100',
  'teaching_area_per_student_m2',
  'sports_area_per_student_m2',
  'equipment_per_student_yuan',
  'multimedia_rooms_per100',
] as const

/** An indicator's key (the contract carries it as a string; these are the ones the page names). */
export type SchoolIndicatorKey = (typeof SCHOOL_INDICATORS)[number]

/** Default for `school.pass.remaining_share`: the indicator not met must still reach 85%. */
export const DEFAULT_REMAINING_SHARE = 0.85

export type IndicatorClass = 'good' | 'warn' | 'bad'

// Values are ratios of counts; a tiny tolerance keeps 4.5 = 4.5000000001 from flipping colour.
const EPS = 1e-9

/** Green at or above the threshold, amber at or above `share` of it (85%), red below. */
export function classifyIndicator(value: number, threshold: number, share = DEFAULT_REMAINING_SHARE): IndicatorClass {
  if (value >= threshold - EPS) return 'good'
  if (value >= threshold * share - EPS) return 'warn'
  return 'bad'
}

export const indicatorNormId = (key: string, level: SchoolLevel): string => `school.indicator.${key}.${level}`
export const cvLimitNormId = (level: SchoolLevel): string => `school.cv_limit.${level}`

/** Decimals shown per indicator: money in whole yuan, ratios with two decimals. */
export function indicatorDigits(key: string): number {
  return key === 'equipment_per_student_yuan' ? 0 : 2
}

export function formatIndicator(key: string, value: number | null | undefined, locale: string): string {
  return formatNumber(value, locale, indicatorDigits(key))
}

/** Threshold as stated in the norm: `4.2`, `2,000` (no needless decimals). */
export function formatThreshold(key: string, value: number, locale: string): string {
  const digits = Number.isInteger(value) ? 0 : Math.min(3, String(value).split('.')[1]?.length ?? 0)
  return formatNumber(value, locale, key === 'equipment_per_student_yuan' ? 0 : digits)
}

export type ResourceUnit = 'persons' | 'area' | 'yuan' | 'rooms'

export function resourceUnit(resource: string): ResourceUnit {
  if (resource.startsWith('teachers_')) return 'persons'
  if (resource.endsWith('_m2')) return 'area'
  if (resource.endsWith('_yuan')) return 'yuan'
  return 'rooms'
}

/**
 * `2 人`, `508 m²`, `8,500 元`, `10.63万元` (zh, from 10,000 yuan), `106,250 yuan` (en), `3 间`.
 * People and rooms are whole numbers; the backend already rounds them up.
 */
export function formatResourceAmount(resource: string, amount: number, locale: string, t: Translate): string {
  const unit = resourceUnit(resource)
  if (unit === 'yuan' && locale.startsWith('zh') && Math.abs(amount) >= 10000)
    return t('units.wanYuan', { n: formatNumber(amount / 10000, locale, 2) })
  const digits = unit === 'area' && !Number.isInteger(amount) ? 1 : 0
  return t(`units.${unit}`, { n: formatNumber(amount, locale, digits) })
}

/** Norm title in the active language. */
export function normTitle(norm: Pick<NormView, 'title_zh' | 'title_en'>, locale: string): string {
  return locale === 'en' ? norm.title_en : norm.title_zh
}
