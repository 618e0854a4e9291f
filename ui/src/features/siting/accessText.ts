// Plain-language wording of the accessibility answer, shared by the panel, the list and the tests.
import type { AccessibilityView, FacilityCategory, TownshipAccess } from '../../bindings/generated'
import { formatNumber, formatPercent } from '../../lib/format'
import { formatAccess, formatPeople, outOfReach } from '../../lib/access'

type T = (key: string, named?: Record<string, unknown>) => string

/** Distances as planners say them: 3公里 / 500米, 3 km / 500 m. */
export function distanceWords(m: number, t: T, locale: string): string {
  return m >= 1000
    ? t('access.km', { n: formatNumber(m / 1000, locale, m % 1000 === 0 ? 0 : 1) })
    : t('access.m', { n: formatNumber(m, locale) })
}

/** Backend strings are Chinese; other languages get our translation of the same thing. */
export const backendText = (zh: string, key: string, t: T, locale: string): string =>
  locale.startsWith('zh') && zh.trim() ? zh : t(key)

export const peopleOf = (c: FacilityCategory, t: T) => t(`access.people.${c}`)

/**
 * One 盲区 as a sentence. A township with no access at all has no site within the catchment, so
 * the catchment is what to say; otherwise its share of the county level and who is beyond the radius.
 */
export function underservedLine(
  tw: TownshipAccess,
  v: Pick<AccessibilityView, 'category' | 'catchment_m' | 'radius_m'>,
  t: T,
  locale: string,
): string {
  const c = v.category
  const common = {
    name: tw.name,
    people: peopleOf(c, t),
    uncovered: formatPeople(tw.uncovered_demand, locale),
    demand: formatPeople(tw.demand, locale),
  }
  if (outOfReach(tw))
    return t('access.list.noReach', {
      ...common,
      catchment: distanceWords(v.catchment_m, t, locale),
      facility: t(`access.facilities.${c}`),
    })
  return t('access.list.low', {
    ...common,
    access: formatAccess(tw.access_per_1000, locale),
    countUnit: t(`access.countUnits.${c}`),
    pct: formatPercent(tw.access_ratio, locale, 0),
    radius: distanceWords(v.radius_m, t, locale),
  })
}
