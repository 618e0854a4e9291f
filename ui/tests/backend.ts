// The backend for UI tests: the transport (fetch to /api/rpc) answers with the real responses
// recorded from the backend by `cargo test -p junheng-api --test ui_fixtures`
// (src/fixtures/*.json). Tests say which command answers what and read back what the UI sent.
import { vi } from 'vitest'
import { ERROR_MESSAGES, type CommandName, type Commands, type CountySummary, type ErrorCode } from '../src/bindings/generated'
import { toApiError } from '../src/platform/errors'
import { selectCounty, countyState } from '../src/features/county/store'
import dashboard from '../src/fixtures/dashboard.demo.json'
import norms from '../src/fixtures/norms.demo.json'
import facilities from '../src/fixtures/facilities.demo.json'
import counties from '../src/fixtures/counties.json'
import changeLog from '../src/fixtures/change_log.demo.json'
import scenarios from '../src/fixtures/scenarios.demo.json'
import schoolBalance from '../src/fixtures/school_balance.demo.json'
import outlook from '../src/fixtures/outlook.demo.json'
import previewFacility from '../src/fixtures/preview_facility.demo.json'

type Res<C extends CommandName> = Commands[C]['response']
type Req<C extends CommandName> = Commands[C]['request']
/** A recorded answer, or a function of the request (it may throw an ApiError-shaped object). */
export type Answer<C extends CommandName> = Res<C> | ((payload: Req<C>) => Res<C> | Promise<Res<C>>)
export type Answers = { [C in CommandName]?: Answer<C> }

export interface Call {
  cmd: CommandName
  payload: Record<string, unknown>
  /** The job id the call ran in, if any. */
  job?: string
}

/** The demo county (云和县) as recorded. */
export const DEMO = '331125'

/** The recorded answers most pages start from (the demo county, 2026). */
export const recorded = {
  get_dashboard: dashboard as unknown as Res<'get_dashboard'>,
  list_norms: norms as unknown as Res<'list_norms'>,
  get_facilities: facilities as unknown as Res<'get_facilities'>,
  list_counties: (counties as CountySummary[]).filter((c) => c.code === DEMO),
  get_change_log: changeLog as unknown as Res<'get_change_log'>,
  list_scenarios: scenarios as unknown as Res<'list_scenarios'>,
  get_school_balance: schoolBalance as unknown as Res<'get_school_balance'>,
  get_outlook: outlook as unknown as Res<'get_outlook'>,
  preview_facility: previewFacility as unknown as Res<'preview_facility'>,
  get_hukou: null,
} satisfies Answers

/** An error answer as the backend sends it (`{code, message, params}`). */
export function apiError(code: ErrorCode | string, params: Record<string, unknown> = {}, message = code): never {
  throw { code, message, params }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/**
 * Serves `answers` (on top of the recorded demo answers) through the HTTP transport and selects
 * `county`; returns every call the UI makes. A command without an answer fails the way the
 * backend refuses an unknown one, so a test notices a call it did not expect.
 */
export function useBackend(answers: Answers = {}, county: string | null = DEMO) {
  const table: Answers = { ...recorded, ...answers }
  const calls: Call[] = []
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const { cmd, payload, job } = JSON.parse(String(init.body)) as Call
    calls.push(job === undefined ? { cmd, payload } : { cmd, payload, job })
    const a = table[cmd] as Answer<CommandName> | undefined
    if (a === undefined) return json(404, { code: 'api.unknown_command', message: `no answer for ${cmd}`, params: { cmd } })
    try {
      const v = typeof a === 'function' ? await (a as (p: unknown) => unknown)(payload) : a
      return json(200, structuredClone(v))
    } catch (e) {
      const err = toApiError(e)
      const status = (ERROR_MESSAGES as Record<string, { status: number }>)[err.code]?.status ?? 400
      return json(status, { code: err.code, message: err.message, params: err.params })
    }
  })
  vi.stubGlobal('fetch', fetchMock)
  // Through no county, so every store drops what an earlier test left.
  selectCounty(null)
  countyState.list = table.list_counties as CountySummary[]
  selectCounty(county)
  return {
    calls,
    fetchMock,
    /** The payloads sent with `cmd`, in order. */
    sent: <C extends CommandName>(cmd: C) => calls.filter((c) => c.cmd === cmd).map((c) => c.payload as Req<C>),
    /** Replaces one answer (a later state of the stored data). */
    answer: <C extends CommandName>(cmd: C, a: Answer<C>) => {
      ;(table as Record<string, unknown>)[cmd] = a
    },
  }
}
