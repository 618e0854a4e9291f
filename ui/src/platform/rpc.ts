import { toApiError } from './errors'
import { fixtureName, fixtureRpc } from './fixture'

export { ApiError } from './errors'

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown
  }
}

export type Transport = 'tauri' | 'fixture' | 'http'

export function selectTransport(win: Window = window): Transport {
  if (win.__TAURI_INTERNALS__) return 'tauri'
  if (fixtureName(win.location.search)) return 'fixture'
  return 'http'
}

/** Single entry point to the backend; rejects only with ApiError. */
export async function rpc<T>(cmd: string, payload?: unknown): Promise<T> {
  const body = payload ?? {}
  try {
    switch (selectTransport()) {
      case 'tauri': {
        const { tauriRpc } = await import('./tauri')
        return await tauriRpc<T>(cmd, body)
      }
      case 'fixture':
        return await fixtureRpc<T>(fixtureName(window.location.search) ?? '', cmd, body)
      default: {
        const { httpRpc } = await import('./http')
        return await httpRpc<T>(cmd, body)
      }
    }
  } catch (err) {
    throw toApiError(err)
  }
}
