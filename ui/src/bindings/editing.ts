// Hand-written mirror of the Rust types of facility editing (crates/core domain::facility,
// crates/store change.rs, crates/api edits.rs); re-exported from ./index.
import type { FacilityKind } from './index'

export type FacilityStatus = 'existing' | 'planned' | 'candidate' | 'closed'

export interface LonLat {
  lon: number
  lat: number
}

export type ServiceMode = 'full_day' | 'half_day' | 'hourly' | 'temporary'

export interface ChildcareInputs {
  service_mode: ServiceMode | null
  /** 核定托位; null when the licence states none (the class places then decide). */
  registered_slots: number | null
  infant_classes: number
  toddler_small_classes: number
  toddler_large_classes: number
  mixed_classes: number
  nursery_classes: number
  caregivers: number
}

export interface ElderlyInputs {
  beds: number
  nursing_beds: number
  nursing_rooms: number | null
  max_beds_per_room: number | null
  room_usable_area_m2: number | null
}

/** A school section as stored; editing passes it through unchanged. */
export interface SchoolSectionInputs {
  school_code: string
  school_name: string
  level: string
  kind: string
  students: number
  [key: string]: unknown
}

/** A facility as stored (`get_facilities`), as opposed to its assessment on the dashboard. */
export interface Facility {
  id: string
  name: string
  kind: FacilityKind
  township_code: string
  location: LonLat
  ownership: 'public' | 'private'
  inclusive: boolean
  status: FacilityStatus
  opening_year: number | null
  sample: boolean
  childcare: ChildcareInputs | null
  elderly: ElderlyInputs | null
  school_sections: SchoolSectionInputs[]
}

export type ChangeAction = 'add' | 'edit' | 'move' | 'close' | 'reopen' | 'delete'
export type ChangeState = 'done' | 'undone' | 'discarded'

export interface EditFacilityRequest {
  author: string
  action: ChangeAction
  summary: string
  /** Exactly as stored, or the backend refuses the edit (`store.conflict`); null when adding. */
  before: Facility | null
  after: Facility | null
}

/** `edit_population`: a township's 常住人口; the backend keeps the age/sex shares and sums the county. */
export interface EditPopulationRequest {
  author: string
  township_code: string
  /** Whole, ≥ 0 (`edit.bad_population` otherwise). */
  resident_population: number
}

export interface ChangeEntry {
  seq: number
  /** UTC, ISO 8601. */
  at: string
  author: string
  /** `population` comes only from `edit_population`, never from `edit_facility`. */
  action: ChangeAction | 'population'
  facility_id: string
  summary: string
  before: Facility | null
  after: Facility | null
  /** Population edits only (`facility_id` then holds the township code); null/absent otherwise. */
  before_population?: number | null
  after_population?: number | null
  state: ChangeState
}

/** `undo_edit` / `redo_edit`: the entry undone or redone (null: nothing to do). */
export interface EditStep {
  entry: ChangeEntry | null
  can_undo: boolean
  can_redo: boolean
}

/** `get_change_log`: newest first. */
export interface ChangeLog {
  entries: ChangeEntry[]
  can_undo: boolean
  can_redo: boolean
}
