import type { Outlook, Variant, ZoneOutlook } from '../bindings/generated'
import { formatNumber } from './format'

type Translate = (key: string, params?: Record<string, unknown>) => string

export const VARIANTS: readonly Variant[] = ['low', 'medium', 'high']

/** Five-year age groups of the pyramid: 0–4 … 80–84, then 85+ (single ages 85..100, 100 = 100+). */
export const PYRAMID_GROUPS: ReadonlyArray<readonly [number, number]> = [
  ...Array.from({ length: 17 }, (_, i) => [i * 5, i * 5 + 4] as const),
  [85, 100] as const,
]

export const groupLabel = ([a, b]: readonly [number, number]): string => (b >= 100 ? `${a}+` : `${a}–${b}`)

/** Sums single-age populations (index = age) into the pyramid's five-year groups. */
export function aggregatePyramid(single: readonly number[]): number[] {
  return PYRAMID_GROUPS.map(([a, b]) => {
    let s = 0
    for (let age = a; age <= b && age < single.length; age++) s += single[age] ?? 0
    return s
  })
}

/** Sum of single ages `from..to` (inclusive) over both sexes. */
export function ageSum(p: { male: readonly number[]; female: readonly number[] }, from: number, to: number): number {
  let s = 0
  for (let age = from; age <= to; age++) s += (p.male[age] ?? 0) + (p.female[age] ?? 0)
  return s
}

/** The services of the plan-years card, with the need/capacity/gap fields behind each. */
export type Service = 'childcare' | 'beds' | 'nursing' | 'primary' | 'junior'
export const SERVICES: readonly Service[] = ['childcare', 'beds', 'nursing', 'primary', 'junior']

/** Norms that determine each service's need, for the card's explanation. */
export const SERVICE_NORMS: Record<Service, string[]> = {
  childcare: ['demand.childcare.uptake'],
  beds: ['elderly.beds_per_1000_elderly'],
  nursing: ['elderly.beds_per_1000_elderly', 'elderly.nursing_bed_share.target_2025', 'elderly.nursing_bed_share.target_2030'],
  primary: ['demand.school.enrolment.primary'],
  junior: ['demand.school.enrolment.junior'],
}

export interface ServiceSeries {
  years: number[]
  need: number[]
  capacity: number[]
  /** need − capacity, as the backend reports it. */
  gap: number[]
}

export function serviceSeries(zone: ZoneOutlook, service: Service): ServiceSeries {
  const years = zone.years.map((y) => y.need.year)
  const pick = (f: (y: ZoneOutlook['years'][number]) => number) => zone.years.map(f)
  switch (service) {
    case 'childcare':
      return { years, need: pick((y) => y.need.childcare_slots), capacity: pick((y) => y.capacity.childcare_slots), gap: pick((y) => y.gap.childcare_slots) }
    case 'beds':
      return { years, need: pick((y) => y.need.beds_by_norm), capacity: pick((y) => y.capacity.institution_beds), gap: pick((y) => y.gap.beds) }
    case 'nursing':
      return { years, need: pick((y) => y.need.nursing_beds), capacity: pick((y) => y.capacity.nursing_beds), gap: pick((y) => y.gap.nursing_beds) }
    case 'primary':
      return { years, need: pick((y) => y.need.primary_students), capacity: pick((y) => y.capacity.primary_places), gap: pick((y) => y.gap.primary_places) }
    case 'junior':
      return { years, need: pick((y) => y.need.junior_students), capacity: pick((y) => y.capacity.junior_places), gap: pick((y) => y.gap.junior_places) }
  }
}

export type GapKind = 'shortfall' | 'surplus' | 'balanced'

/** Sign of need − capacity as displayed (rounded half away from zero, like Intl): a gap that rounds to zero is balanced. */
export function classifyGap(gap: number): GapKind {
  const r = Math.sign(gap) * Math.round(Math.abs(gap))
  if (r > 0) return 'shortfall'
  if (r < 0) return 'surplus'
  return 'balanced'
}

/** `缺口 35 个` / `富余 12 张` / `供需平衡`; `unit` is the i18n unit for the service. */
export function gapLabel(gap: number, service: Service, t: Translate, locale: string): string {
  const kind = classifyGap(gap)
  if (kind === 'balanced') return t('outlook.balanced')
  const n = formatNumber(Math.abs(gap), locale)
  return t(`outlook.${kind}`, { n, unit: t(`outlook.units.${service}`) })
}

/**
 * Stacked bands for shading between the need and capacity lines: `base` = min(need, capacity),
 * then `shortfall` (need above capacity) and `surplus` (capacity above need). Where the lines
 * cross between two years the crossing point is inserted so the two colours meet exactly.
 */
export function gapBands(years: readonly number[], need: readonly number[], capacity: readonly number[]) {
  const base: [number, number][] = []
  const shortfall: [number, number][] = []
  const surplus: [number, number][] = []
  const push = (x: number, n: number, c: number) => {
    base.push([x, Math.min(n, c)])
    shortfall.push([x, Math.max(n - c, 0)])
    surplus.push([x, Math.max(c - n, 0)])
  }
  for (let i = 0; i < years.length; i++) {
    if (i > 0) {
      const d0 = need[i - 1] - capacity[i - 1]
      const d1 = need[i] - capacity[i]
      if ((d0 > 0 && d1 < 0) || (d0 < 0 && d1 > 0)) {
        const f = d0 / (d0 - d1)
        const x = years[i - 1] + f * (years[i] - years[i - 1])
        const y = need[i - 1] + f * (need[i] - need[i - 1])
        push(x, y, y)
      }
    }
    push(years[i], need[i], capacity[i])
  }
  return { base, shortfall, surplus }
}

/** Year of the largest value (the first such year on a tie). */
export function peakYear(years: readonly number[], values: readonly number[]): number | null {
  let best = -1
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i
  return best < 0 ? null : years[best]
}

export interface PeakRow {
  code: string
  name: string
  county: boolean
  /** Null when the zone has no projection (a 待导入 township). */
  peak_primary_year: number | null
  primary_at_peak: number
  primary_last: number
  peak_junior_year: number | null
  junior_at_peak: number
  junior_last: number
}

function peakRow(z: ZoneOutlook, county: boolean): PeakRow {
  const at = (year: number | null) => z.years.find((y) => y.need.year === year)?.need
  const last = z.years[z.years.length - 1]?.need
  return {
    code: z.code,
    name: z.name,
    county,
    peak_primary_year: z.peak_primary_year,
    primary_at_peak: at(z.peak_primary_year)?.primary_students ?? NaN,
    primary_last: last?.primary_students ?? NaN,
    peak_junior_year: z.peak_junior_year,
    junior_at_peak: at(z.peak_junior_year)?.junior_students ?? NaN,
    junior_last: last?.junior_students ?? NaN,
  }
}

/** The county first, then each township, with the backend's peak years. */
export function peakRows(o: Outlook): PeakRow[] {
  return [peakRow(o.county, true), ...o.townships.map((z) => peakRow(z, false))]
}

/** Age-group lines for one zone over the plan years (populations at each year-end). */
export function ageTrends(z: ZoneOutlook) {
  return {
    years: z.years.map((y) => y.need.year),
    children_0_2: z.years.map((y) => y.need.children_0_2),
    primary: z.years.map((y) => y.need.primary_students),
    junior: z.years.map((y) => y.need.junior_students),
    senior: z.years.map((y) => y.need.senior_students),
    aged_60_plus: z.years.map((y) => y.need.aged_60_plus),
    aged_80_plus: z.years.map((y) => y.need.aged_80_plus),
  }
}

/** Life expectancy path `2020 77.9 → 2025 79.3 → 2030 80.0`. */
export function e0Path(knots: readonly (readonly [number, number])[], locale: string): string {
  return knots.map(([y, e]) => `${y} ${formatNumber(e, locale, 1)}`).join(' → ')
}

/** Norms behind the demand figures, in the order the demand is built. */
export const DEMAND_NORM_IDS: readonly string[] = [
  'demand.childcare.uptake',
  'elderly.beds_per_1000_elderly',
  'elderly.nursing_bed_share.target_2025',
  'elderly.nursing_bed_share.target_2030',
  'demand.elderly.disabled_share',
  'demand.elderly.institutional_uptake',
  'demand.elderly.occupancy_target',
  'demand.school.enrolment.primary',
  'demand.school.enrolment.junior',
  'demand.school.enrolment.senior',
]

/** Label punctuation per language: `人口：1,234`, `Population: 1,234`; `云和县（全县）`, `云和县 (County)`. */
export const colon = (locale: string): string => (locale === 'en' ? ': ' : '：')
export const comma = (locale: string): string => (locale === 'en' ? ', ' : '，')
export const paren = (text: string, note: string, locale: string): string =>
  locale === 'en' ? `${text} (${note})` : `${text}（${note}）`
