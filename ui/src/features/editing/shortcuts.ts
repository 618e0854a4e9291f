import { onBeforeUnmount, onMounted } from 'vue'

export type HistoryCommand = 'undo' | 'redo'

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>

// Toggles and buttons take focus but never text, so Ctrl+Z there still means "undo the edit".
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'])

/** True where Ctrl+Z belongs to the browser's own text undo. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false
  const el = target as HTMLElement
  if (el.isContentEditable) return true
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  if (el.tagName === 'INPUT') return !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase())
  return false
}

/** Ctrl+Z → undo; Ctrl+Shift+Z and Ctrl+Y → redo (⌘ on macOS); nothing while typing. */
export function historyCommand(e: KeyLike): HistoryCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null
  if (isTextEntry(e.target)) return null
  // An IME reports key "Process"; the physical key still tells Z from Y.
  const key = e.key.length === 1 ? e.key.toLowerCase() : (e.code ?? '').replace(/^Key/, '').toLowerCase()
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !e.shiftKey) return 'redo'
  return null
}

/**
 * Listens on the window while the component is mounted; `enabled` is read per key press.
 * Keys pressed inside a modal dialog are left alone: the dialog's own edit is not yet saved.
 */
export function useHistoryShortcuts(enabled: () => boolean, run: (cmd: HistoryCommand) => void): void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || !enabled()) return
    const cmd = historyCommand(e)
    if (!cmd) return
    const t = e.target as Element | null
    if (t && typeof t.closest === 'function' && t.closest('[aria-modal="true"]')) return
    e.preventDefault()
    run(cmd)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
