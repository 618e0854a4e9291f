// The sign-in hook of the HTTP transport: a 401 shows the login page, the CSRF token from the
// login (or from /api/session after a reload) goes with every request, and login errors keep
// the server's code for translation.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { authState, login, logout } from '../src/features/auth/session'
import { httpRpc } from '../src/platform/http'
import zh from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { ERROR_MESSAGES } from '../src/bindings/generated'

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  authState.required = false
  authState.user = null
  authState.csrf = null
  vi.unstubAllGlobals()
})

describe('sign-in', () => {
  it('shows the login page when the server answers 401', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      calls.push(url)
      return reply(401, { code: 'auth.required', message: 'Please sign in.', params: {} })
    }))
    await expect(httpRpc('get_dashboard', {})).rejects.toMatchObject({ code: 'auth.required' })
    expect(authState.required).toBe(true)
    expect(calls).toEqual(['/api/rpc?cmd=get_dashboard'])
  })

  it('sends the token from the login with every request', async () => {
    const seen: Array<Record<string, string>> = []
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/login') {
        expect(JSON.parse(String(init?.body))).toEqual({ user: 'wang', password: 'planner-pass-1' })
        return reply(200, { user: 'wang', role: 'planner', scope: ['331100'], csrf: 'tok-1' })
      }
      seen.push((init?.headers ?? {}) as Record<string, string>)
      return reply(200, { ok: true })
    }))
    authState.required = true
    expect(await login('wang', 'planner-pass-1')).toEqual({ ok: true })
    expect(authState).toMatchObject({ required: false, user: 'wang', csrf: 'tok-1' })
    await httpRpc('set_norm_override', { id: 'x', value: 1 })
    expect(seen[0]['x-csrf-token']).toBe('tok-1')
  })

  it('gets the token again from /api/session after a reload and retries once', async () => {
    const seen: Array<Record<string, string>> = []
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/session') return reply(200, { accounts: true, user: 'li', csrf: 'tok-2' })
      const h = (init?.headers ?? {}) as Record<string, string>
      seen.push(h)
      if (h['x-csrf-token'] !== 'tok-2') return reply(403, { code: 'auth.csrf', message: '', params: {} })
      return reply(200, { saved: true })
    }))
    await expect(httpRpc('save_scenario', {})).resolves.toEqual({ saved: true })
    expect(authState.user).toBe('li')
    expect(seen.map((h) => h['x-csrf-token'])).toEqual([undefined, 'tok-2'])
  })

  it('keeps the error code of a refused login, and signs out', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/login') return reply(429, { code: 'auth.locked', message: '', params: { until: '2026-01-05T10:15:00Z' } })
      return reply(200, { signed_out: true })
    }))
    expect(await login('zhao', 'x')).toEqual({ ok: false, code: 'auth.locked', params: { until: '2026-01-05T10:15:00Z' } })
    authState.csrf = 'tok'
    await logout()
    expect(authState).toMatchObject({ required: true, csrf: null })
  })

  it('has every auth text in both languages', () => {
    expect(Object.keys(en.auth).sort()).toEqual(Object.keys(zh.auth).sort())
    // The server's codes are worded once, in the generated contract.
    expect(ERROR_MESSAGES['auth.locked'].zh).toContain('{until}')
    expect(ERROR_MESSAGES['auth.locked'].en).toContain('{until}')
  })
})
