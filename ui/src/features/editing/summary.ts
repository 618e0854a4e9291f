import type { Facility } from '../../bindings/generated'
import type { ChangeAction } from './store'
import { CHILDCARE_COUNTS } from './facilityForm'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** Great-circle distance in metres (spherical Earth; plenty for "moved about 120 m"). */
export function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const R = 6_371_008.8
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
}

const FIELD_LABELS: ReadonlyArray<[string, (f: Facility) => unknown]> = [
  ['kind', (f) => f.kind],
  ['name', (f) => f.name],
  ['ownership', (f) => f.ownership],
  ['inclusive', (f) => f.inclusive],
  ['status', (f) => f.status],
  ['openingYear', (f) => f.opening_year],
  ['location', (f) => `${f.location.lon},${f.location.lat}`],
  ['serviceMode', (f) => f.childcare?.service_mode],
  ['registeredSlots', (f) => f.childcare?.registered_slots],
  ...CHILDCARE_COUNTS.map((k): [string, (f: Facility) => unknown] => [
    k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
    (f) => f.childcare?.[k],
  ]),
  ['beds', (f) => f.elderly?.beds],
  ['nursingBeds', (f) => f.elderly?.nursing_beds],
  ['nursingRooms', (f) => f.elderly?.nursing_rooms],
  ['maxBedsPerRoom', (f) => f.elderly?.max_beds_per_room],
  ['roomArea', (f) => f.elderly?.room_usable_area_m2],
]

/** `editing.form.*` label keys of the fields an edit changes, in form order. */
export function changedFields(before: Facility, after: Facility): string[] {
  return FIELD_LABELS.filter(([, get]) => (get(before) ?? null) !== (get(after) ?? null)).map(([k]) => k)
}

/**
 * The change log's one-line description, written in the editor's language when the edit is made
 * (like a commit message); the log translates the action itself.
 */
export function editSummary(action: ChangeAction, before: Facility | null, after: Facility | null, t: Translate): string {
  const name = (after ?? before)?.name ?? ''
  switch (action) {
    case 'move': {
      const m = before && after ? Math.round(distanceM(before.location, after.location)) : 0
      return t('editing.summaries.move', { name, m })
    }
    case 'edit': {
      const fields = before && after ? changedFields(before, after) : []
      if (!fields.length) return t('editing.summaries.editNothing', { name })
      const sep = t('editing.summaries.listSep')
      return t('editing.summaries.edit', { name, fields: fields.map((k) => t(`editing.form.${k}`)).join(sep) })
    }
    default:
      return t(`editing.summaries.${action}`, { name })
  }
}
