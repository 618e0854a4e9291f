import type { HukouStatus } from '../../bindings/generated'
import { formatNumber } from '../../lib/format'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** `户籍人口 131,216 人（比普查常住人口多 2,000 人）`: the total and how it differs from the census 常住 count. */
export function hukouSummary(s: Pick<HukouStatus, 'total' | 'minus_resident'>, t: Translate, locale: string): string {
  const d = s.minus_resident
  const key = d > 0 ? 'more' : d < 0 ? 'fewer' : 'same'
  return t(`dataImport.hukou.summary.${key}`, { total: formatNumber(s.total, locale), diff: formatNumber(Math.abs(d), locale) })
}
