import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

import { ApiError, rpc, selectTransport } from '../src/platform/rpc'
import { toApiError } from '../src/platform/errors'
import { errorKey, errorText } from '../src/lib/errorText'
import { makeI18n } from './helpers'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('rpc transport', () => {
  const fetchMock = vi.fn()
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
    window.history.replaceState(null, '', '/')
  })
  afterEach(() => {
    delete window.__TAURI_INTERNALS__
    fetchMock.mockReset()
    invoke.mockReset()
    vi.unstubAllGlobals()
  })

  it('selects tauri when the Tauri internals exist, else http, else fixture by URL', () => {
    expect(selectTransport()).toBe('http')
    window.history.replaceState(null, '', '/?fixture=demo')
    expect(selectTransport()).toBe('fixture')
    window.__TAURI_INTERNALS__ = {}
    expect(selectTransport()).toBe('tauri')
  })

  it('calls invoke("rpc", {cmd, payload}) under Tauri, defaulting the payload to {}', async () => {
    window.__TAURI_INTERNALS__ = {}
    invoke.mockResolvedValue({ ok: 1 })
    await expect(rpc('get_dashboard')).resolves.toEqual({ ok: 1 })
    expect(invoke).toHaveBeenCalledWith('rpc', { cmd: 'get_dashboard', payload: {} })
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('maps a Tauri rejection object to ApiError', async () => {
    window.__TAURI_INTERNALS__ = {}
    invoke.mockRejectedValue({ code: 'data.no_county', message: 'none', params: { a: 1 } })
    const err = await rpc('get_dashboard').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'data.no_county', message: 'none', params: { a: 1 } })
  })

  it('POSTs {cmd, payload} to /api/rpc in a browser', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { county: 'x' }))
    await expect(rpc('get_dashboard', { a: 1 })).resolves.toEqual({ county: 'x' })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/rpc?cmd=get_dashboard')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ cmd: 'get_dashboard', payload: { a: 1 } })
  })

  it('turns an HTTP error body into ApiError, and a bare HTTP error into http_error', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(422, { code: 'input.invalid', message: 'bad', params: { field: 'x' } }))
    await expect(rpc('x')).rejects.toMatchObject({ code: 'input.invalid', message: 'bad', params: { field: 'x' } })
    fetchMock.mockResolvedValueOnce(new Response('oops', { status: 500 }))
    await expect(rpc('x')).rejects.toMatchObject({ code: 'http_error', params: { status: 500 } })
  })

  it('reports an unreachable server as a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(rpc('x')).rejects.toMatchObject({ code: 'network' })
  })

  it('serves the demo fixture without any network call', async () => {
    window.history.replaceState(null, '', '/?fixture=demo')
    const d = await rpc<{ county: { name: string }; townships: unknown[]; kpis: unknown[] }>('get_dashboard')
    expect(d.county.name).toBe('云和县')
    expect(d.townships).toHaveLength(10)
    expect(d.kpis).toHaveLength(4)
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

describe('ApiError mapping and translation', () => {
  it('normalizes strings and Errors', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' })
    expect(toApiError(new Error('x'))).toMatchObject({ code: 'internal', message: 'x' })
    const e = new ApiError('a', 'b')
    expect(toApiError(e)).toBe(e)
  })

  it('translates known codes with params and falls back to the message', () => {
    const { t, te } = makeI18n('en').global
    const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
    expect(errorText(new ApiError('http_error', 'HTTP 500', { status: 500 }), tr, te)).toBe(
      'The backend returned an error (HTTP 500).',
    )
    expect(errorText(new ApiError('weird_code', 'raw backend text'), tr, te)).toBe('raw backend text')
    expect(errorText(new ApiError('data.weird', 'dotted raw text'), tr, te)).toBe('dotted raw text')
  })

  const BACKEND_CODES = [
    'data.no_county', 'data.county_not_found', 'api.unknown_command', 'api.bad_request',
    'store.open', 'store.newer_schema', 'store.sql', 'store.corrupt', 'input.invalid',
  ]

  it('maps dotted backend codes to flat i18n keys', () => {
    expect(errorKey('data.no_county')).toBe('errors.data_no_county')
    expect(errorKey('store.newer_schema')).toBe('errors.store_newer_schema')
    expect(errorKey('network')).toBe('errors.network')
  })

  it('translates every backend error code in both languages, with params', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { t, te } = makeI18n(lang).global
      for (const code of BACKEND_CODES) expect(te(errorKey(code)), `${lang} ${code}`).toBe(true)
      const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
      const text = errorText(new ApiError('data.county_not_found', 'county 331125 is not stored', { code: '331125' }), tr, te)
      expect(text).toContain('331125')
      expect(text).not.toBe('county 331125 is not stored')
    }
    const { t, te } = makeI18n('zh-CN').global
    const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
    expect(errorText(new ApiError('data.no_county', 'no county is stored yet', {}), tr, te)).toBe('尚未加载任何县域数据。')
    expect(errorText(new ApiError('api.unknown_command', 'x', { cmd: 'foo' }), tr, te)).toBe('后端不支持该命令：foo')
  })
})
