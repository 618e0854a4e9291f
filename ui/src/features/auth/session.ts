// 登录状态 — whether the server wants a sign-in, and the CSRF token the server gave this
// session. Only http.ts and the login page use it; the desktop and fixture transports never do.
import { reactive } from 'vue'

export interface AuthState {
  /** The server answered 401: show the login page instead of the app. */
  required: boolean
  /** Signed-in user name (null before sign-in or on a server without accounts). */
  user: string | null
  /** Sent back in `x-csrf-token` with every request once known. */
  csrf: string | null
}

export const authState = reactive<AuthState>({ required: false, user: null, csrf: null })

interface SessionReply {
  accounts?: boolean
  user?: string
  csrf?: string
}

/**
 * Asks the server who is signed in and takes the CSRF token again (after a reload the cookie
 * survives, the token held in memory does not). True when a token was obtained.
 */
export async function refreshSession(fetchFn: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await fetchFn('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    if (res.status === 401) {
      signInRequired()
      return false
    }
    if (!res.ok) return false
    const body = (await res.json()) as SessionReply
    if (body.accounts && body.csrf) {
      authState.csrf = body.csrf
      authState.user = body.user ?? null
      return true
    }
  } catch {
    // Unreachable server: the next request reports it.
  }
  return false
}

/** Called by the transport when the server answers 401 `auth.required`. */
export function signInRequired(): void {
  authState.required = true
  authState.csrf = null
  authState.user = null
}

export type LoginOutcome = { ok: true } | { ok: false; code: string; params: Record<string, unknown> }

/** `POST /api/login`; on success the session cookie is set by the server. */
export async function login(user: string, password: string, fetchFn: typeof fetch = fetch): Promise<LoginOutcome> {
  let res: Response
  try {
    res = await fetchFn('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ user, password }),
    })
  } catch {
    return { ok: false, code: 'network', params: {} }
  }
  let body: Record<string, unknown> = {}
  try {
    body = (await res.json()) as Record<string, unknown>
  } catch {
    body = {}
  }
  if (!res.ok) {
    const code = typeof body.code === 'string' ? body.code : 'http_error'
    const params = (body.params as Record<string, unknown> | undefined) ?? { status: res.status }
    return { ok: false, code, params }
  }
  authState.required = false
  authState.user = typeof body.user === 'string' ? body.user : user
  authState.csrf = typeof body.csrf === 'string' ? body.csrf : null
  return { ok: true }
}

/** `POST /api/logout`, then back to the login page. */
export async function logout(fetchFn: typeof fetch = fetch): Promise<void> {
  try {
    await fetchFn('/api/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: '{}' })
  } finally {
    signInRequired()
  }
}
