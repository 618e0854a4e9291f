import type { FacilityCategory, FacilityKind } from '../bindings/generated'

/** The 16 kinds by category, in the order of the kind labels (the add dialog groups them so). */
export const KINDS_BY_CATEGORY: Readonly<Record<FacilityCategory, readonly FacilityKind[]>> = {
  childcare: [
    'childcare_center', 'childcare_institution', 'community_childcare',
    'kindergarten_nursery_class', 'employer_childcare', 'family_childcare',
  ],
  elderly: ['elderly_institution', 'nursing_home', 'day_care_center', 'community_elderly_station'],
  school: [
    'primary_school', 'junior_school', 'nine_year_school', 'twelve_year_school', 'senior_high_school', 'teaching_point',
  ],
}

export function categoryOf(kind: FacilityKind): FacilityCategory {
  if (KINDS_BY_CATEGORY.childcare.includes(kind)) return 'childcare'
  if (KINDS_BY_CATEGORY.elderly.includes(kind)) return 'elderly'
  return 'school'
}
