import type { FacilityKind, Kpi, KpiKey, Norm } from '../bindings/generated'

export const DASH = '—'

export function formatNumber(v: number | null | undefined, locale: string, digits = 0): string {
  if (v == null || !Number.isFinite(v)) return DASH
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
}

/** Shares arrive as fractions (0.55), planners read percentages (55.0%). */
export function formatPercent(share: number | null | undefined, locale: string, digits = 1): string {
  if (share == null || !Number.isFinite(share)) return DASH
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share)
}

/** KPIs whose value and target are fractions (0–1), shown as percentages. */
export const SHARE_KPIS: ReadonlySet<KpiKey> = new Set<KpiKey>(['enrolment_rate', 'nursing_bed_share', 'schools_meeting_standard'])

export const isShareKpi = (kpi: Pick<Kpi, 'key'>): boolean => SHARE_KPIS.has(kpi.key)

/** Norm values in unit `比例` are fractions. */
export const isShareNorm = (norm: Pick<Norm, 'unit'>): boolean => norm.unit === '比例'

/** The backend has no `editable_default`: an unconfirmed norm is a default the planner may adjust. */
export const normEditable = (norm: Pick<Norm, 'confidence'>): boolean => norm.confidence === 'unconfirmed'

/** What the KPI formatters read; scenario results carry these numbers without a norm. */
export type KpiNumbers = Pick<Kpi, 'key' | 'value' | 'numerator' | 'denominator' | 'scale'>

/** Decimals shown per KPI; the norms are stated with this precision. */
const DIGITS: Record<KpiKey, number> = {
  slots_per_1000: 2,
  enrolment_rate: 1,
  nursing_bed_share: 1,
  beds_per_1000_elderly: 1,
  schools_meeting_standard: 1,
}

/** Main value on the card. Schools show counts (`10 / 13`); their percentage is `formatKpiShare`. */
export function formatKpiValue(kpi: KpiNumbers, locale: string): string {
  switch (kpi.key) {
    case 'slots_per_1000':
      return kpi.value == null ? DASH : `${formatNumber(kpi.value, locale, DIGITS[kpi.key])}‰`
    case 'enrolment_rate':
    case 'nursing_bed_share':
      return formatPercent(kpi.value, locale, DIGITS[kpi.key])
    case 'beds_per_1000_elderly':
      return formatNumber(kpi.value, locale, DIGITS[kpi.key])
    case 'schools_meeting_standard':
      // No school assessed: no count to show.
      return kpi.denominator > 0 ? `${formatNumber(kpi.numerator, locale)} / ${formatNumber(kpi.denominator, locale)}` : DASH
  }
}

/** Percentage shown next to the schools count (`76.9%`); null for other KPIs. */
export function formatKpiShare(kpi: Pick<Kpi, 'key' | 'value'>, locale: string): string | null {
  return kpi.key === 'schools_meeting_standard' && kpi.value != null ? formatPercent(kpi.value, locale, DIGITS[kpi.key]) : null
}

/**
 * A target value without the "target" label, shares as percentages (`≥ 4.5‰`, `≥ 73%`, `100%`);
 * null when no target is in force (never a stale one in its place).
 */
export function formatTargetValue(key: KpiKey, target: number | null | undefined, locale: string): string | null {
  if (target == null || !Number.isFinite(target)) return null
  switch (key) {
    case 'slots_per_1000':
      return `≥ ${formatNumber(target, locale, 1)}‰`
    case 'beds_per_1000_elderly':
      return `≥ ${formatNumber(target, locale, 0)}`
    case 'enrolment_rate':
    case 'nursing_bed_share':
    case 'schools_meeting_standard':
      return target >= 1 ? formatPercent(1, locale, 0) : `≥ ${formatPercent(target, locale, isWholePercent(target) ? 0 : 1)}`
  }
}

const isWholePercent = (share: number): boolean => Math.abs(share * 100 - Math.round(share * 100)) < 1e-9

/** The dashboard KPI's target as the backend gives it: its value and the year it is set for. */
export function formatKpiTarget(kpi: Pick<Kpi, 'key' | 'target'>, locale: string): { value: string; byYear: number | null } | null {
  const value = formatTargetValue(kpi.key, kpi.target?.value, locale)
  return value == null ? null : { value, byYear: kpi.target?.by_year ?? null }
}

/** A norm's value with its unit; shares (`比例`) as percentages. */
export function formatNormValue(norm: Pick<Norm, 'value' | 'unit'>, locale: string): string {
  if (isShareNorm(norm)) {
    const pct = norm.value * 100
    return formatPercent(norm.value, locale, Math.abs(pct - Math.round(pct)) < 1e-9 ? 0 : 1)
  }
  // Up to three decimals and no trailing zeros: 4.5, 0.45, 0.25, 2,000.
  const v = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(norm.value)
  const unit = normUnit(norm.unit, locale)
  return unit ? `${v} ${unit}` : v
}

/** English names for the catalogue's units; the backend states units in Chinese. */
const NORM_UNIT_EN: Record<string, string> = {
  '人/班': 'children/class',
  '人/保育人员': 'children/caregiver',
  '人/保教人员': 'children/teacher',
  '人/照护人员': 'children/carer',
  '人': 'persons',
  '张/千名老年人': 'beds/1,000 elderly',
  'm²/床': 'm²/bed',
  '床/间': 'beds/room',
  '人/百生': 'per 100 students',
  'm²/生': 'm²/student',
  '元/生': 'yuan/student',
  '间/百生': 'rooms/100 students',
  '项': 'indicators',
  '生/教职工': 'students/staff',
  // The cost.* norms (unit costs of scenarios), in 万元 = 10,000 yuan.
  '万元/托位': '10k yuan/slot',
  '万元/托位·年': '10k yuan/slot/year',
  '万元/床': '10k yuan/bed',
  '万元/床·年': '10k yuan/bed/year',
  '万元/学位': '10k yuan/place',
  '万元/学位·年': '10k yuan/place/year',
}

/** A norm unit in the active language (unknown units pass through). */
export function normUnit(unit: string, locale: string): string {
  return locale === 'en' ? (NORM_UNIT_EN[unit] ?? unit) : unit
}

export type KpiStatus = 'pass' | 'fail' | 'unknown'

export function kpiStatus(kpi: Kpi): KpiStatus {
  if (kpi.meets === true) return 'pass'
  if (kpi.meets === false) return 'fail'
  return 'unknown'
}

/** Share of the target reached (0–1), for the progress bar; null without a value or a target. */
export function kpiProgress(kpi: Pick<Kpi, 'value' | 'target'>): number | null {
  const achieved = kpi.value
  const target = kpi.target?.value
  if (achieved == null || !Number.isFinite(achieved) || target == null || target <= 0) return null
  return Math.max(0, Math.min(1, achieved / target))
}

/**
 * The explain dialog's line with the real numbers, `numerator ÷ denominator × scale`:
 * `452 ÷ 129,216 × 1000 = 3.50‰`, `584 ÷ 970 = 60.2%`, `10 ÷ 13 = 76.9%`.
 */
export function computationLine(kpi: KpiNumbers, locale: string): string {
  const n = formatNumber(kpi.numerator, locale, Number.isInteger(kpi.numerator) ? 0 : 1)
  const d = formatNumber(kpi.denominator, locale, Number.isInteger(kpi.denominator) ? 0 : 1)
  const lhs = kpi.scale === 1 ? `${n} ÷ ${d}` : `${n} ÷ ${d} × ${String(kpi.scale)}`
  // The value is the backend's; this line only shows what it was computed from.
  const v = kpi.value
  if (v == null) return `${lhs} = ${DASH}`
  const rhs = isShareKpi(kpi) ? formatPercent(v, locale, DIGITS[kpi.key]) : formatKpiValue(kpi, locale)
  return `${lhs} = ${rhs}`
}

/** `2021–2025`, `2021 起` / `from 2021`, `至 2025` / `until 2025`, or the open-ended label. */
export function formatEffective(
  norm: Pick<Norm, 'effective_from' | 'effective_to'>,
  labels: { from: (y: number) => string; to: (y: number) => string; open: string },
): string {
  const { effective_from: a, effective_to: b } = norm
  if (a != null && b != null) return a === b ? String(a) : `${a}–${b}`
  if (a != null) return labels.from(a)
  if (b != null) return labels.to(b)
  return labels.open
}

/** Compulsory-education school kinds; these are assessed against the standardisation norm. */
export const COMPULSORY_SCHOOL_KINDS: ReadonlySet<FacilityKind> = new Set<FacilityKind>([
  'primary_school',
  'junior_school',
  'nine_year_school',
  'twelve_year_school',
  'teaching_point',
])

/** Township-level comparison against the county KPI targets; null when there is nothing to compare. */
export function belowTarget(value: number | null | undefined, target: number | undefined): boolean {
  return value != null && target != null && Number.isFinite(value) && value < target
}
