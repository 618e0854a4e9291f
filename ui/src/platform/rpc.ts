import type { CommandName, Commands } from '../bindings/generated'
import { toApiError } from './errors'

export { ApiError } from './errors'

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown
  }
}

export type Transport = 'tauri' | 'http'

export function selectTransport(win: Window = window): Transport {
  return win.__TAURI_INTERNALS__ ? 'tauri' : 'http'
}

export type Request<C extends CommandName> = Commands[C]['request']
export type Response<C extends CommandName> = Commands[C]['response']

/** Commands whose request names the county it acts on (an empty request, `Record<string, never>`, does not). */
export type CountyCommand = {
  [C in CommandName]: string extends keyof Request<C> ? never : 'county' extends keyof Request<C> ? C : never
}[CommandName]

/**
 * What a call sends: the command's request, where a command that acts on a county must name it
 * (the backend would otherwise pick "the only county", which is wrong once there are several).
 */
export type Payload<C extends CommandName> = C extends CountyCommand ? Request<C> & { county: string } : Request<C>

/** How a call runs: `job` names it, so that its progress can be watched and `cancel_job` stops it. */
export interface CallOptions {
  job?: string
}

/** Single entry point to the backend, typed by the generated contract; rejects only with ApiError. */
export async function rpc<C extends CommandName>(cmd: C, payload: Payload<C>, options: CallOptions = {}): Promise<Response<C>> {
  try {
    if (selectTransport() === 'tauri') {
      const { tauriRpc } = await import('./tauri')
      return (await tauriRpc(cmd, payload, options.job)) as Response<C>
    }
    const { httpRpc } = await import('./http')
    return (await httpRpc(cmd, payload, options.job)) as Response<C>
  } catch (err) {
    throw toApiError(err)
  }
}
