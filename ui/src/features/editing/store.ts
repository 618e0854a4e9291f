import { reactive, watch } from 'vue'
import type { ChangeEntry, EditStep, Facility } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { reloadAfterDataChange } from '../reloadAfterDataChange'
import { saveAuthor, savedAuthor } from './author'
import { currentCounty, onCountySwitch } from '../county/store'

/** What `edit_facility` does to one facility (`delete` removes it; undo puts it back). */
export type ChangeAction = 'add' | 'edit' | 'move' | 'close' | 'reopen' | 'delete'

export const editState = reactive<{
  /** 编辑模式: markers drag, clicks on the map add, the drawer offers edit / close. */
  enabled: boolean
  author: string
  /** Facilities exactly as stored: the `before` of every edit must equal them. */
  facilities: Facility[]
  canUndo: boolean
  canRedo: boolean
  /** An edit, undo or redo is on its way; further ones wait for it. */
  busy: boolean
  /** When the last change was saved (each edit is saved at once: that is the autosave). */
  savedAt: Date | null
  lastSummary: string
  log: ChangeEntry[]
  logLoading: boolean
  logError: ApiError | null
}>({
  enabled: false,
  author: savedAuthor(),
  facilities: [],
  canUndo: false,
  canRedo: false,
  busy: false,
  savedAt: null,
  lastSummary: '',
  log: [],
  logLoading: false,
  logError: null,
})

watch(() => editState.author, (a) => saveAuthor(a))

export const rawFacility = (id: string): Facility | undefined => editState.facilities.find((f) => f.id === id)

export async function loadFacilities(): Promise<void> {
  editState.facilities = await rpc('get_facilities', { county: currentCounty() })
}

export async function loadChangeLog(): Promise<void> {
  editState.logLoading = true
  editState.logError = null
  try {
    const log = await rpc('get_change_log', { county: currentCounty() })
    editState.log = log.entries
    editState.canUndo = log.can_undo
    editState.canRedo = log.can_redo
  } catch (err) {
    editState.logError = toApiError(err)
  } finally {
    editState.logLoading = false
  }
}

/** Entering edit mode fetches what edits need: the stored facilities and the undo state. */
export async function enterEditMode(): Promise<void> {
  editState.enabled = true
  await Promise.all([loadFacilities(), loadChangeLog()])
}

// The change is saved whatever happens here; a failed reload shows on the dashboard itself, and a
// stale facility list is caught by the next edit's conflict check.
async function afterChange(): Promise<void> {
  await Promise.allSettled([loadFacilities(), reloadAfterDataChange(), loadChangeLog()])
}

async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  if (editState.busy) throw new ApiError('edit.busy', 'another change is being saved')
  editState.busy = true
  try {
    return await work()
  } finally {
    editState.busy = false
  }
}

/**
 * Saves one change. A stale `before` (the data changed elsewhere) comes back as `store.conflict`;
 * the fresh data is then loaded before the error is passed on, so the user can simply redo it.
 */
function saveChange(send: (author: string) => Promise<ChangeEntry>): Promise<ChangeEntry> {
  return exclusive(async () => {
    if (!editState.author.trim()) throw new ApiError('edit.no_author', 'no author')
    try {
      const entry = await send(editState.author.trim())
      editState.savedAt = new Date()
      editState.lastSummary = entry.summary
      editState.canUndo = true
      editState.canRedo = false
      await afterChange()
      return entry
    } catch (err) {
      const e = toApiError(err)
      if (e.code === 'store.conflict') await afterChange()
      throw e
    }
  })
}

export function applyEdit(action: ChangeAction, before: Facility | null, after: Facility | null, summary: string): Promise<ChangeEntry> {
  return saveChange((author) => rpc('edit_facility', { county: currentCounty(), author, action, summary, before, after }))
}

/**
 * Sets a township's 常住人口; logged and undoable like a facility edit. The backend writes the
 * summary and keeps the age/sex shares; the reload shows the county total and ratios it recomputed.
 */
export function editPopulation(townshipCode: string, residentPopulation: number): Promise<ChangeEntry> {
  return saveChange((author) =>
    rpc('edit_population', { county: currentCounty(), author, township_code: townshipCode, resident_population: residentPopulation }),
  )
}

function step(cmd: 'undo_edit' | 'redo_edit'): Promise<EditStep> {
  return exclusive(async () => {
    const s = await rpc(cmd, { county: currentCounty() })
    editState.canUndo = s.can_undo
    editState.canRedo = s.can_redo
    if (s.entry) {
      editState.savedAt = new Date()
      editState.lastSummary = s.entry.summary
      await afterChange()
    }
    return s
  })
}

export const undoEdit = (): Promise<EditStep> => step('undo_edit')
export const redoEdit = (): Promise<EditStep> => step('redo_edit')

/**
 * A logged change of the township layer or of many facilities (新增乡镇, 划入乡镇, 驻地,
 * 清除示例设施), saved like an edit: one at a time, then every view reloads.
 */
export function applyChange(send: (author: string) => Promise<ChangeEntry>): Promise<ChangeEntry> {
  return saveChange(send)
}

onCountySwitch(() => {
  editState.enabled = false
  editState.facilities = []
  editState.canUndo = false
  editState.canRedo = false
  editState.savedAt = null
  editState.lastSummary = ''
  editState.log = []
  editState.logError = null
})
