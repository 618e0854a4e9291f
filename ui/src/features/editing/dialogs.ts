import { reactive } from 'vue'
import type { FacilityKind } from '../../bindings/generated'
import { formFromFacility, newForm, type FacilityForm } from './facilityForm'
import { editState, loadFacilities, rawFacility } from './store'

/** Which editing dialog is open; the dashboard hosts the dialogs once (EditDialogs.vue). */
export const editDialogs = reactive<{
  form: FacilityForm | null
  /** null: adding a new facility. */
  editingId: string | null
  formOpen: boolean
  logOpen: boolean
}>({ form: null, editingId: null, formOpen: false, logOpen: false })

let lastKind: FacilityKind = 'community_childcare'

/** Opens the add dialog at a clicked point, or with empty coordinates from the toolbar button. */
export async function startAdd(lon: number | null = null, lat: number | null = null): Promise<void> {
  if (!editState.facilities.length) await loadFacilities()
  const round = (v: number | null) => (v == null ? null : Math.round(v * 1e6) / 1e6)
  editDialogs.form = newForm(lastKind, round(lon), round(lat), editState.facilities.map((f) => f.id))
  editDialogs.editingId = null
  editDialogs.formOpen = true
}

export async function startEdit(id: string): Promise<void> {
  if (!rawFacility(id)) await loadFacilities()
  const f = rawFacility(id)
  if (!f) return
  editDialogs.form = formFromFacility(f)
  editDialogs.editingId = id
  editDialogs.formOpen = true
}

/** The add dialog starts with the kind last added: facilities are usually entered in batches of one kind. */
export function rememberKind(kind: FacilityKind): void {
  lastKind = kind
}
