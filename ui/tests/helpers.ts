import { createI18n } from 'vue-i18n'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import type { Kpi, KpiKey } from '../src/bindings/generated'
import dashboard from '../src/fixtures/dashboard.demo.json'

export function makeI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
}

/**
 * A KPI of the demo county as the backend answered for 2026 (src/fixtures/dashboard.demo.json):
 * 452 托位 (hand-worked from the demo facilities), 584 of 970 beds nursing, 10 of 13 schools
 * meeting the standard; the 2026 residents are projected. `over` changes what a test needs.
 */
export function recordedKpi(key: KpiKey, over: Partial<Kpi> = {}): Kpi {
  const k = (dashboard.kpis as unknown as Kpi[]).find((x) => x.key === key)!
  return { ...structuredClone(k), ...over }
}

export const slotsKpi = (over: Partial<Kpi> = {}): Kpi => recordedKpi('slots_per_1000', over)
export const shareKpi = (over: Partial<Kpi> = {}): Kpi => recordedKpi('nursing_bed_share', over)
export const schoolsKpi = (over: Partial<Kpi> = {}): Kpi => recordedKpi('schools_meeting_standard', over)
export const bedsKpi = (over: Partial<Kpi> = {}): Kpi => recordedKpi('beds_per_1000_elderly', over)
export const enrolmentKpi = (over: Partial<Kpi> = {}): Kpi => recordedKpi('enrolment_rate', over)
