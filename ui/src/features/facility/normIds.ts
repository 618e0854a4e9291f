import type { FacilityAssessment, NormView } from '../../bindings/generated'
import { SCHOOL_INDICATORS, indicatorNormId } from '../../lib/schools'

const CHILDCARE_PREFIXES = ['childcare.class_max.', 'childcare.ratio.', 'childcare.family.']
const ELDERLY_IDS = ['elderly.room_area_per_bed_m2', 'elderly.max_beds_per_nursing_room']

/** The norms the backend applied to this facility's capacity, in catalogue order. */
export function facilityNorms(f: Pick<FacilityAssessment, 'category' | 'school_sections'>, norms: NormView[]): NormView[] {
  if (f.category === 'childcare') return norms.filter((n) => CHILDCARE_PREFIXES.some((p) => n.id.startsWith(p)))
  if (f.category === 'elderly') return norms.filter((n) => ELDERLY_IDS.includes(n.id))
  const ids = new Set<string>()
  for (const s of f.school_sections) {
    for (const k of SCHOOL_INDICATORS) ids.add(indicatorNormId(k, s.level))
    ids.add(`school.class_max.${s.level}`)
  }
  return norms.filter((n) => ids.has(n.id))
}
