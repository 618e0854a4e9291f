import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

import { ApiError, rpc, selectTransport } from '../src/platform/rpc'
import { toApiError } from '../src/platform/errors'
import { errorKey, errorText, fillParams } from '../src/lib/errorText'
import { ERROR_MESSAGES } from '../src/bindings/generated'
import importErrors from '../src/fixtures/import_errors.demo.json'
import notCountyLevel from '../src/fixtures/create_county.330100.error.json'
import { makeI18n } from './helpers'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('rpc transport', () => {
  const fetchMock = vi.fn()
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    delete window.__TAURI_INTERNALS__
    fetchMock.mockReset()
    invoke.mockReset()
    vi.unstubAllGlobals()
  })

  it('selects tauri when the Tauri internals exist, else http', () => {
    expect(selectTransport()).toBe('http')
    window.__TAURI_INTERNALS__ = {}
    expect(selectTransport()).toBe('tauri')
  })

  it('calls invoke("rpc", {cmd, payload}) under Tauri', async () => {
    window.__TAURI_INTERNALS__ = {}
    invoke.mockResolvedValue([])
    await expect(rpc('list_counties', {})).resolves.toEqual([])
    expect(invoke).toHaveBeenCalledWith('rpc', { cmd: 'list_counties', payload: {} })
    expect(fetchMock).not.toHaveBeenCalled()
    // A call in a job names it, for the desktop's progress events and cancel_job.
    await rpc('list_counties', {}, { job: 'ui-1' })
    expect(invoke).toHaveBeenLastCalledWith('rpc', { cmd: 'list_counties', payload: {}, job: 'ui-1' })
  })

  it('maps a Tauri rejection object to ApiError', async () => {
    window.__TAURI_INTERNALS__ = {}
    invoke.mockRejectedValue({ code: 'data.no_county', message: 'none', params: { a: 1 } })
    const err = await rpc('get_dashboard', { county: '331125' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'data.no_county', message: 'none', params: { a: 1 } })
  })

  it('POSTs {cmd, payload} to /api/rpc in a browser, the county named', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { county: 'x' }))
    await expect(rpc('get_dashboard', { county: '331125', as_of: 2026 })).resolves.toEqual({ county: 'x' })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/rpc?cmd=get_dashboard')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ cmd: 'get_dashboard', payload: { county: '331125', as_of: 2026 } })
  })

  it('turns an HTTP error body into ApiError, and a bare HTTP error into http_error', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(400, notCountyLevel))
    await expect(rpc('create_county', { code: '330100' })).rejects.toMatchObject({
      code: 'county.not_county_level', params: { code: '330100', name: '杭州市' },
    })
    fetchMock.mockResolvedValueOnce(new Response('oops', { status: 500 }))
    await expect(rpc('list_counties', {})).rejects.toMatchObject({ code: 'http_error', params: { status: 500 } })
  })

  it('reports an unreachable server as a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(rpc('list_counties', {})).rejects.toMatchObject({ code: 'network' })
  })
})

describe('ApiError mapping and translation', () => {
  it('normalizes strings and Errors', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' })
    expect(toApiError(new Error('x'))).toMatchObject({ code: 'internal', message: 'x' })
    const e = new ApiError('a', 'b')
    expect(toApiError(e)).toBe(e)
  })

  it('words a backend code from the generated contract, params filled, in both languages', () => {
    const zh = makeI18n('zh-CN').global
    const en = makeI18n('en').global
    const e = toApiError(notCountyLevel)
    expect(errorText(e, zh.t, zh.te)).toBe('代码 330100（杭州市）是地级行政区，请选择其下的县（区、市）。')
    expect(errorText(e, en.t, en.te)).toBe('330100 (杭州市) is a prefecture; choose one of its counties.')
    expect(ERROR_MESSAGES['county.not_county_level'].status).toBe(400)
    // A file's errors: the message names no cell; the cells come with the error's params.
    expect(errorText(toApiError(importErrors), zh.t, zh.te)).toBe('导入的数据有误，请按提示修改后重新导入。')
  })

  it('fills placeholders as the backend does and leaves unknown ones', () => {
    expect(fillParams('县 {code} 有 {n} 个；{missing}', { code: '330100', n: 3 })).toBe('县 330100 有 3 个；{missing}')
  })

  it('words UI-side codes from the locale files and keeps the message of an unknown code', () => {
    const { t, te } = makeI18n('en').global
    const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
    expect(errorKey('network')).toBe('errors.network')
    expect(errorText(new ApiError('http_error', 'HTTP 500', { status: 500 }), tr, te)).toBe('The backend returned an error (HTTP 500).')
    expect(errorText(new ApiError('weird_code', 'raw backend text'), tr, te)).toBe('raw backend text')
  })

  it('keeps no per-code backend text in the locale files: only codes the UI raises', () => {
    const zh = makeI18n('zh-CN').global.getLocaleMessage('zh-CN') as { errors: Record<string, string> }
    const backend = new Set(Object.keys(ERROR_MESSAGES).map((c) => c.replace(/\./g, '_')))
    expect(Object.keys(zh.errors).filter((k) => backend.has(k))).toEqual([])
  })
})

/** Every source file of the app (not its tests). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|vue)$/.test(n) ? [p] : []
  })
}

describe('one contract, no fake backend', () => {
  const src = join(__dirname, '../src')
  it('production code imports neither the recorded fixtures nor a fixture transport', () => {
    const offenders = sources(src).filter((f) => /from ['"][^'"]*(fixtures\/|platform\/fixture)/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })

  it('every type comes from the generated contract; no hand-written bindings are left', () => {
    expect(readdirSync(join(src, 'bindings'))).toEqual(['generated.ts'])
  })

  it('the UI keeps no copy of the engine’s rules (caregiver allocation, norm fallbacks)', () => {
    const all = sources(src).map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(all).not.toMatch(/caregiverLimited|NORM_FALLBACK|estimateChildcareSlots/)
  })
})
