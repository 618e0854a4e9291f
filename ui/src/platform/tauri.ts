// The only module that touches @tauri-apps/api, so the browser build never depends on it.
import { invoke } from '@tauri-apps/api/core'

export function tauriRpc(cmd: string, payload: unknown): Promise<unknown> {
  return invoke('rpc', { cmd, payload })
}
