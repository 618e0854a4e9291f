// The only module that touches @tauri-apps/api, so the browser build never depends on it.
import { invoke } from '@tauri-apps/api/core'

export function tauriRpc<T>(cmd: string, payload: unknown): Promise<T> {
  return invoke<T>('rpc', { cmd, payload })
}
