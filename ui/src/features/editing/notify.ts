import { ElMessage } from 'element-plus'
import { toApiError } from '../../platform/errors'
import { errorText } from '../../lib/errorText'
import { editState } from './store'

type Translate = (key: string, params?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/** Sends keyboard focus to the author field, the one thing an edit without author needs. */
export function focusAuthor(): void {
  document.querySelector<HTMLInputElement>('[data-testid="edit-author"] input, input[data-testid="edit-author"]')?.focus()
}

/** True (after saying so) when no author is set: every edit is credited to one. */
export function authorMissing(t: Translate): boolean {
  if (editState.author.trim()) return false
  ElMessage.warning(t('editing.authorRequired'))
  focusAuthor()
  return true
}

/** Tells the user why an edit failed (a refused second edit while one is saving needs no message). */
export function reportEditError(err: unknown, t: Translate, te: Exists): void {
  const e = toApiError(err)
  switch (e.code) {
    case 'edit.busy':
      return
    case 'edit.no_author':
      ElMessage.warning(t('editing.authorRequired'))
      focusAuthor()
      return
    case 'store.conflict':
      ElMessage.warning(t('editing.conflict'))
      return
    default:
      ElMessage.error(errorText(e, t, te))
  }
}
