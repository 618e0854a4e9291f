import { ApiError, toApiError } from './errors'

export async function httpRpc(cmd: string, payload: unknown): Promise<unknown> {
  const res = await fetch('/api/rpc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ cmd, payload }),
  })
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  if (!res.ok) {
    if (body && typeof body === 'object' && 'code' in body) throw toApiError(body)
    throw new ApiError('http_error', `HTTP ${res.status}`, { status: res.status })
  }
  return body
}
