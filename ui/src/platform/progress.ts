// A job's progress from the backend: Tauri `progress` events on the desktop, server-sent events
// (`GET /api/progress/{job}`) in the browser. Both carry {job, stage, fraction, done}.
import type { JobProgress } from '../bindings/generated'
import { selectTransport } from './rpc'

export type { JobProgress }

let counter = 0

/** A fresh job id for one call (the backend keys jobs by caller and id). */
export function newJobId(): string {
  counter += 1
  const rand = Math.random().toString(36).slice(2, 10)
  return `ui-${Date.now().toString(36)}-${counter}-${rand}`
}

/** Calls `onProgress` with every report of `job` until the returned stop function is called. */
export async function watchProgress(job: string, onProgress: (p: JobProgress) => void): Promise<() => void> {
  if (selectTransport() === 'tauri') {
    const { listenProgress } = await import('./tauri')
    return listenProgress(job, onProgress)
  }
  if (typeof EventSource === 'undefined') return () => {}
  const source = new EventSource(`/api/progress/${encodeURIComponent(job)}`, { withCredentials: true })
  source.addEventListener('progress', (e) => {
    try {
      const p = JSON.parse((e as MessageEvent<string>).data) as JobProgress
      onProgress(p)
      if (p.done) source.close()
    } catch {
      // A malformed event is skipped; the call's own answer still ends the wait.
    }
  })
  return () => source.close()
}
