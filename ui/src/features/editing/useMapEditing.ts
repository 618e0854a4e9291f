import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { startAdd } from './dialogs'
import { applyEdit, loadFacilities, rawFacility } from './store'
import { authorMissing, reportEditError } from './notify'
import { distanceM, editSummary } from './summary'

/** What the dashboard map's edit events do: a drop asks before moving, a click opens the add dialog. */
export function useMapEditing(map: Ref<{ redrawMarkers: () => void } | null>) {
  const { t, te } = useI18n()

  async function onMove(id: string, lon: number, lat: number): Promise<void> {
    const putBack = () => map.value?.redrawMarkers()
    if (authorMissing(t)) return putBack()
    try {
      if (!rawFacility(id)) await loadFacilities()
      const before = rawFacility(id)
      if (!before) return putBack()
      const after = { ...before, location: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 } }
      const m = Math.round(distanceM(before.location, after.location))
      try {
        await ElMessageBox.confirm(t('editing.moveDetail', { name: before.name, m }), t('editing.moveConfirm'), {
          confirmButtonText: t('editing.confirm'),
          cancelButtonText: t('editing.cancel'),
          type: 'info',
        })
      } catch {
        return putBack()
      }
      await applyEdit('move', before, after, editSummary('move', before, after, t))
    } catch (e) {
      putBack()
      reportEditError(e, t, te)
    }
  }

  async function onAdd(lon: number, lat: number): Promise<void> {
    if (authorMissing(t)) return
    try {
      await startAdd(lon, lat)
    } catch (e) {
      reportEditError(e, t, te)
    }
  }

  return { onMove, onAdd }
}
