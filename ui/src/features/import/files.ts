import type { ImportTab } from '../../lib/route'

export type { ImportTab }

export const ACCEPT: Readonly<Record<ImportTab, readonly string[]>> = {
  zones: ['.csv', '.xlsx'],
  facilities: ['.csv', '.xlsx'],
  places: ['.csv', '.xlsx'],
  schools: ['.csv', '.xlsx'],
  boundaries: ['.geojson', '.json'],
  hukou: ['.csv', '.xlsx'],
  actuals: ['.csv', '.xlsx'],
}

export function acceptsFile(name: string, tab: ImportTab): boolean {
  const lower = name.toLowerCase()
  return ACCEPT[tab].some((ext) => lower.endsWith(ext))
}

/** The file's bytes as base64 (the backend's import payload), read in the browser. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => {
      const url = String(r.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    r.onerror = () => reject(r.error ?? new Error('read failed'))
    r.readAsDataURL(file)
  })
}

export function base64ToText(b64: string): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
}

/** `12.4 KB` style size, at least 0.1. */
export const kilobytes = (bytes: number): string => Math.max(0.1, Math.round(bytes / 102.4) / 10).toFixed(1)
