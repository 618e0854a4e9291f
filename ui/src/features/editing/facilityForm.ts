import type {
  ChildcareInputs, ElderlyInputs, Facility, FacilityCategory, FacilityKind, FacilityStatus, ServiceMode,
} from '../../bindings/generated'
import { categoryOf } from '../../lib/kinds'

export { KINDS_BY_CATEGORY, categoryOf } from '../../lib/kinds'

export const STATUSES: readonly FacilityStatus[] = ['existing', 'planned', 'candidate', 'closed']
export const SERVICE_MODES: readonly ServiceMode[] = ['full_day', 'half_day', 'hourly', 'temporary']

/** Class and staff counts of a childcare facility, in form order. */
export const CHILDCARE_COUNTS = [
  'infant_classes', 'toddler_small_classes', 'toddler_large_classes', 'mixed_classes', 'nursery_classes', 'caregivers',
] as const

export interface FacilityForm {
  kind: FacilityKind
  id: string
  name: string
  ownership: 'public' | 'private'
  inclusive: boolean
  status: FacilityStatus
  opening_year: number | null
  lon: number | null
  lat: number | null
  childcare: ChildcareInputs
  elderly: ElderlyInputs
}

const emptyChildcare = (): ChildcareInputs => ({
  service_mode: 'full_day',
  registered_slots: null,
  infant_classes: 0,
  toddler_small_classes: 0,
  toddler_large_classes: 0,
  mixed_classes: 0,
  nursery_classes: 0,
  caregivers: 0,
})

const emptyElderly = (): ElderlyInputs => ({
  beds: 0,
  nursing_beds: 0,
  nursing_rooms: null,
  max_beds_per_room: null,
  room_usable_area_m2: null,
})

// The demo county numbers facilities CC01…, EL01…, SC01…; new ids follow the same scheme.
const ID_PREFIX: Record<FacilityCategory, string> = { childcare: 'CC', elderly: 'EL', school: 'SC' }

/** The next unused id of the kind's category: one past the highest number with that prefix. */
export function suggestId(kind: FacilityKind, ids: readonly string[]): string {
  const prefix = ID_PREFIX[categoryOf(kind)]
  const re = new RegExp(`^${prefix}(\\d+)$`)
  let max = 0
  let width = 2
  for (const id of ids) {
    const m = re.exec(id)
    if (!m) continue
    max = Math.max(max, Number(m[1]))
    width = Math.max(width, m[1].length)
  }
  const taken = new Set(ids)
  let n = max + 1
  while (taken.has(prefix + String(n).padStart(width, '0'))) n++
  return prefix + String(n).padStart(width, '0')
}

/** A new facility at a clicked point; `existing` with no opening year counts as supply at once. */
export function newForm(kind: FacilityKind, lon: number | null, lat: number | null, ids: readonly string[]): FacilityForm {
  return {
    kind,
    id: suggestId(kind, ids),
    name: '',
    ownership: 'public',
    inclusive: true,
    status: 'existing',
    opening_year: null,
    lon,
    lat,
    childcare: emptyChildcare(),
    elderly: emptyElderly(),
  }
}

export function formFromFacility(f: Facility): FacilityForm {
  return {
    kind: f.kind,
    id: f.id,
    name: f.name,
    ownership: f.ownership,
    inclusive: f.inclusive,
    status: f.status,
    opening_year: f.opening_year,
    lon: f.location.lon,
    lat: f.location.lat,
    childcare: f.childcare ? { ...f.childcare } : emptyChildcare(),
    elderly: f.elderly ? { ...f.elderly } : emptyElderly(),
  }
}

const count = (v: number | null | undefined): number => (v == null || !Number.isFinite(v) ? 0 : Math.max(0, Math.round(v)))
const optCount = (v: number | null | undefined): number | null => (v == null || !Number.isFinite(v) ? null : Math.max(0, Math.round(v)))

/**
 * The facility to send as `after`. An edit keeps what the form does not show (school sections,
 * the sample flag, the township until the backend sets it from the location); only the inputs of
 * the kind's category are kept, so a kind change drops the other category's numbers.
 */
export function facilityFromForm(form: FacilityForm, base: Facility | null): Facility {
  const category = categoryOf(form.kind)
  const c = form.childcare
  const e = form.elderly
  return {
    id: base ? base.id : form.id.trim(),
    name: form.name.trim(),
    kind: form.kind,
    township_code: base?.township_code ?? '',
    location: { lon: form.lon ?? 0, lat: form.lat ?? 0 },
    ownership: form.ownership,
    inclusive: form.inclusive,
    status: form.status,
    opening_year: optCount(form.opening_year),
    sample: base?.sample ?? false,
    childcare:
      category === 'childcare'
        ? {
            service_mode: c.service_mode,
            registered_slots: optCount(c.registered_slots),
            infant_classes: count(c.infant_classes),
            toddler_small_classes: count(c.toddler_small_classes),
            toddler_large_classes: count(c.toddler_large_classes),
            mixed_classes: count(c.mixed_classes),
            nursery_classes: count(c.nursery_classes),
            caregivers: count(c.caregivers),
          }
        : null,
    elderly:
      category === 'elderly'
        ? {
            beds: count(e.beds),
            nursing_beds: count(e.nursing_beds),
            nursing_rooms: optCount(e.nursing_rooms),
            max_beds_per_room: optCount(e.max_beds_per_room),
            room_usable_area_m2: e.room_usable_area_m2 == null || !Number.isFinite(e.room_usable_area_m2) ? null : e.room_usable_area_m2,
          }
        : null,
    school_sections: category === 'school' ? (base?.school_sections ?? []) : [],
  }
}

/** A form problem: the field (its `editing.form.*` label key) and the message key with its params. */
export interface FormProblem {
  field: 'id' | 'name' | 'lon' | 'lat' | 'nursingBeds'
  message: string
  params?: Record<string, unknown>
}

/** What must be fixed before saving; the backend checks the location against the county itself. */
export function formProblems(form: FacilityForm, takenIds: readonly string[], adding: boolean): FormProblem[] {
  const out: FormProblem[] = []
  if (adding) {
    const id = form.id.trim()
    if (!id) out.push({ field: 'id', message: 'editing.form.required' })
    else if (takenIds.includes(id)) out.push({ field: 'id', message: 'editing.form.idTaken', params: { id } })
  }
  if (!form.name.trim()) out.push({ field: 'name', message: 'editing.form.required' })
  if (form.lon == null || !Number.isFinite(form.lon)) out.push({ field: 'lon', message: 'editing.form.required' })
  if (form.lat == null || !Number.isFinite(form.lat)) out.push({ field: 'lat', message: 'editing.form.required' })
  if (categoryOf(form.kind) === 'elderly' && count(form.elderly.nursing_beds) > count(form.elderly.beds))
    out.push({ field: 'nursingBeds', message: 'editing.form.nursingOverBeds' })
  return out
}
