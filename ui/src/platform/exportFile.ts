import type { ExportFile } from '../bindings/generated'
import { rpc, selectTransport } from './rpc'

export type SaveResult = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string }

/**
 * Hands an exported file to the user. The desktop webview (WebKitGTK) silently drops `<a download>`,
 * so under Tauri the backend writes it into the Downloads folder; a browser downloads it itself.
 */
export async function deliverFile(file: ExportFile): Promise<SaveResult> {
  if (selectTransport() === 'tauri') {
    const saved = await rpc('save_to_downloads', { file_name: file.file_name, base64: file.base64 })
    return { kind: 'saved', path: saved.path }
  }
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.file_name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { kind: 'downloaded', fileName: file.file_name }
}
