import type { NormView } from '../../bindings/generated'

export type NormCategory = 'childcare' | 'elderly' | 'school'

/** Category by id prefix (`childcare.`, `elderly.`, `school.`), then a case-insensitive text match. */
export function filterNorms(norms: NormView[], category: NormCategory | 'all', query: string): NormView[] {
  const q = query.trim().toLowerCase()
  return norms.filter(
    (n) =>
      (category === 'all' || n.id.startsWith(`${category}.`)) &&
      (!q || [n.id, n.title_zh, n.title_en, n.source].some((s) => s.toLowerCase().includes(q))),
  )
}
