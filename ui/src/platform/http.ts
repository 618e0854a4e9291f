import { ApiError, toApiError } from './errors'
import { authState, refreshSession, signInRequired } from '../features/auth/session'

async function post(cmd: string, payload: unknown, job?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
  if (authState.csrf) headers['x-csrf-token'] = authState.csrf
  // The command in the URL lets the server pick its body limit (imports are larger) up front.
  return fetch(`/api/rpc?cmd=${encodeURIComponent(cmd)}`, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify(job ? { cmd, payload, job } : { cmd, payload }),
  })
}

async function json(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    return null
  }
}

function code(body: unknown): string | null {
  return body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : null
}

export async function httpRpc(cmd: string, payload: unknown, job?: string): Promise<unknown> {
  let res = await post(cmd, payload, job)
  let body = await json(res)
  // After a reload the session cookie survives but the CSRF token does not: fetch it, try once more.
  if (res.status === 403 && code(body) === 'auth.csrf' && (await refreshSession())) {
    res = await post(cmd, payload, job)
    body = await json(res)
  }
  if (!res.ok) {
    if (res.status === 401) signInRequired()
    if (code(body)) throw toApiError(body)
    throw new ApiError('http_error', `HTTP ${res.status}`, { status: res.status })
  }
  return body
}
