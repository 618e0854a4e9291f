// The only module that touches @tauri-apps/api, so the browser build never depends on it.
import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { JobProgress } from '../bindings/generated'

export function tauriRpc(cmd: string, payload: unknown, job?: string): Promise<unknown> {
  // Without a job the envelope is {cmd, payload}, as before jobs existed.
  return invoke('rpc', job === undefined ? { cmd, payload } : { cmd, payload, job })
}

/** The desktop's `progress` events of `job`; resolves to the function that stops listening. */
export async function listenProgress(job: string, onProgress: (p: JobProgress) => void): Promise<() => void> {
  return listen<JobProgress>('progress', (e) => {
    if (e.payload.job === job) onProgress(e.payload)
  })
}
