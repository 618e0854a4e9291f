import { ApiError } from './errors'

/** `?fixture=demo` lets the UI run in a plain browser without the backend (screenshots, design work). */
export function fixtureName(search: string): string | null {
  return new URLSearchParams(search).get('fixture')
}

export async function fixtureRpc<T>(name: string, cmd: string): Promise<T> {
  if (name !== 'demo') throw new ApiError('fixture_unknown', `Unknown fixture: ${name}`, { name })
  if (cmd === 'get_dashboard') {
    // Lazy so the fixture lands in its own chunk and is never loaded in normal use.
    const mod = await import('../fixtures/dashboard.demo.json')
    return structuredClone(mod.default) as T
  }
  throw new ApiError('api.unknown_command', `Fixture has no data for ${cmd}`, { cmd })
}
