import type {
  Facility, FacilityAssessment, FacilityCategory, FacilityKind, Intervention, Scenario, SchoolSection,
} from '../../bindings/generated'
import {
  categoryOf, defaultCapacity, draftFrom, facilityIdOf, sortedInterventions, type CapacityDraft, type CapacityInputs,
} from '../../lib/scenarios'

/** A facility an intervention can act on: one of the base data, or one this scenario builds. */
export interface FacilityOption {
  id: string
  name: string
  kind: FacilityKind
  category: FacilityCategory
  inclusive: boolean
  /** Year a scenario-built facility opens; null for base facilities. */
  builtIn: number | null
  lon: number
  lat: number
  assessment: FacilityAssessment | null
}

/**
 * Base facilities in service or planned (candidate sites and closed ones are not facilities yet
 * or any more), then those the scenario builds, with the name and kind a conversion gave them.
 */
export function facilityOptions(s: Scenario | null, base: readonly FacilityAssessment[]): FacilityOption[] {
  const out: FacilityOption[] = base
    .filter((f) => f.status === 'existing' || f.status === 'planned')
    .map((f) => ({
      id: f.id, name: f.name, kind: f.kind, category: f.category, inclusive: f.inclusive, builtIn: null,
      lon: f.lon, lat: f.lat, assessment: f,
    }))
  for (const iv of s?.interventions ?? []) {
    if (iv.action.type !== 'build') continue
    const f = iv.action.facility
    out.push({
      id: f.id, name: f.name, kind: f.kind, category: categoryOf(f.kind), inclusive: f.inclusive, builtIn: iv.year,
      lon: f.location.lon, lat: f.location.lat, assessment: null,
    })
  }
  return out
}

/** Name of a facility by id, after the scenario's renames; null when unknown. */
export function facilityName(options: readonly FacilityOption[], s: Scenario | null, id: string): string | null {
  let name = options.find((o) => o.id === id)?.name ?? null
  for (const iv of sortedInterventions(s?.interventions ?? [])) {
    if (iv.action.type === 'convert' && iv.action.facility_id === id && iv.action.name) name = iv.action.name
  }
  return name
}

/**
 * The last inputs the scenario gives a facility before `year` (excluding `skip`), to prefill an
 * expansion: its build, then later expansions and conversions in year order.
 */
export function scenarioInputs(s: Scenario | null, id: string, year: number, skip?: Intervention): Partial<CapacityInputs> | null {
  let found: Partial<CapacityInputs> | null = null
  for (const iv of sortedInterventions(s?.interventions ?? [])) {
    if (iv === skip || iv.year > year || facilityIdOf(iv.action) !== id) continue
    const a = iv.action
    if (a.type === 'build') found = { childcare: a.facility.childcare, elderly: a.facility.elderly, school_sections: a.facility.school_sections }
    else if (a.type === 'expand' || a.type === 'convert') {
      const prev = found as Partial<CapacityInputs> | null
      found = {
        childcare: a.childcare ?? prev?.childcare ?? null,
        elderly: a.elderly ?? prev?.elderly ?? null,
        school_sections: a.school_sections ?? prev?.school_sections ?? [],
      }
    }
  }
  return found
}

/**
 * A form prefilled with what is known of a facility now: the scenario's own inputs, else the
 * stored raw inputs (`get_facilities`), else the dashboard's capacities — those have beds but not
 * class counts, so childcare then keeps only the registered slots and the current capacity is
 * shown next to the form.
 */
export function prefillDraft(
  o: FacilityOption | undefined, s: Scenario | null, year: number, skip?: Intervention, raw: readonly Facility[] = [],
): CapacityDraft {
  if (!o) return defaultCapacity()
  const own = scenarioInputs(s, o.id, year, skip)
  if (own) return draftFrom(own)
  const stored = raw.find((f) => f.id === o.id)
  if (stored && (stored.childcare || stored.elderly || stored.school_sections.length)) return draftFrom(stored)
  const d = defaultCapacity()
  const a = o.assessment
  if (a?.elderly_capacity) {
    d.elderly = { beds: a.elderly_capacity.beds, nursing_beds: a.elderly_capacity.nursing_beds, nursing_rooms: null, max_beds_per_room: null, room_usable_area_m2: null }
  }
  if (a?.childcare_capacity) {
    const registered = a.childcare_capacity.constraints.find((c) => c.constraint === 'registered_slots')
    d.childcare = {
      ...d.childcare, infant_classes: 0, toddler_small_classes: 0, toddler_large_classes: 0, mixed_classes: 0, nursery_classes: 0,
      caregivers: 0, registered_slots: registered ? registered.slots : null,
    }
  }
  return d
}

/**
 * A school's sections just before an expansion in `year`: those the scenario last gave it (a
 * build or an earlier expansion, which the new one must build on since it replaces them), else
 * the stored ones.
 */
export function schoolSectionsNow(
  o: FacilityOption | undefined, s: Scenario | null, year: number, skip?: Intervention, raw: readonly Facility[] = [],
): SchoolSection[] {
  if (!o || o.category !== 'school') return []
  const own = scenarioInputs(s, o.id, year, skip)?.school_sections
  if (own?.length) return own
  return raw.find((f) => f.id === o.id)?.school_sections ?? []
}
