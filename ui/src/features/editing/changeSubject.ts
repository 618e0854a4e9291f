import type { ChangeEntry } from '../../bindings/generated'

/** Changes whose one row (`facility_id`) is a township code rather than a facility id. */
const TOWNSHIP_ACTIONS: ReadonlySet<string> = new Set(['population', 'seats', 'add_township', 'assign_unallocated'])

/**
 * What a change-log row is about: a facility or township by name and id for a one-row change; for
 * a change of many rows (an import, 清除示例设施) how many rows it touched, since it has no
 * single facility to show before and after.
 */
export function changeSubject(
  e: Pick<ChangeEntry, 'action' | 'after' | 'before' | 'facility_id' | 'item_count'>,
  townshipName: (code: string) => string | undefined,
): { name: string; id: string; rows: number | null } {
  if (!e.facility_id) return { name: '', id: '', rows: e.item_count }
  const name = TOWNSHIP_ACTIONS.has(e.action) ? (townshipName(e.facility_id) ?? '') : ((e.after ?? e.before)?.name ?? '')
  return { name, id: e.facility_id, rows: null }
}
