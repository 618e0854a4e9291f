import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorText } from './errorText'
import { toApiError } from '../platform/errors'

/**
 * A dialog's save: `saving` while the work runs, and the work's error translated for the user
 * (the dialog stays open and shows it). Call inside `setup`.
 */
export function useSaving() {
  const { t, te } = useI18n()
  const saving = ref(false)
  const error = ref<string | null>(null)
  async function save(work: () => Promise<void>) {
    saving.value = true
    error.value = null
    try {
      await work()
    } catch (e) {
      error.value = errorText(toApiError(e), t, te)
    } finally {
      saving.value = false
    }
  }
  return { saving, error, save }
}
