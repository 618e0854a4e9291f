// The progress bar on the backend's own reports, and 取消 that stops the work: the transport is
// mocked (tests/backend.ts for rpc, a fake progress stream for the job's events).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import type { JobProgress } from '../src/bindings/generated'
import SlowCallProgress from '../src/components/SlowCallProgress.vue'
import { runSiting, sitingCall, sitingState } from '../src/features/siting/store'
import { apiError, useBackend } from './backend'
import { makeI18n } from './helpers'
// Loaded up front: rpc imports its transport on first use, which would outlast a flush.
import '../src/platform/http'

const stream = vi.hoisted(() => ({
  listeners: new Map<string, (p: JobProgress) => void>(),
  stopped: [] as string[],
  n: 0,
}))

vi.mock('../src/platform/progress', () => ({
  newJobId: () => `job-${++stream.n}`,
  watchProgress: vi.fn(async (job: string, cb: (p: JobProgress) => void) => {
    stream.listeners.set(job, cb)
    return () => stream.stopped.push(job)
  }),
}))

/** Fake clocks for the 500 ms delay; real setImmediate, so that module loads and fetches settle. */
const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
  await nextTick()
}

function report(job: string, stage: string, fraction: number): void {
  const cb = stream.listeners.get(job)
  expect(cb, `a progress stream for ${job}`).toBeTruthy()
  cb!({ job, stage, fraction, done: false })
}

describe('progress of a job', () => {
  afterEach(() => vi.useRealTimers())

  it('moves the bar with the stage and share the backend reports', async () => {
    const backend = useBackend({ optimize_sites: () => new Promise(() => {}) })
    fakeTimers()
    const w = mount(SlowCallProgress, { props: { call: sitingCall }, global: { plugins: [makeI18n('zh-CN')] } })
    const run = runSiting()
    await flush()
    const job = sitingCall.state.job
    // The command went out in that job.
    expect(backend.calls.filter((c) => c.cmd === 'optimize_sites').map((c) => c.job)).toEqual([job])
    vi.advanceTimersByTime(500)
    await flush()
    // Slow, no report yet: the bar runs without a share.
    expect(w.find('[data-testid="slow-progress"]').exists()).toBe(true)
    expect(w.find('[data-testid="slow-progress-bar"]').exists()).toBe(false)
    report(job, 'progress.stage.project', 0.05)
    await flush()
    expect(w.get('[data-testid="slow-progress-stage"]').text()).toBe('人口预测')
    expect(w.get('[data-testid="slow-progress-bar"]').text()).toContain('5%')
    report(job, 'progress.stage.solve', 0.42)
    await flush()
    expect(w.get('[data-testid="slow-progress-stage"]').text()).toBe('求解选址')
    expect(w.get('[data-testid="slow-progress-bar"]').text()).toContain('42%')
    // A report of another job does not move this bar.
    stream.listeners.get(job)!({ job: 'someone-else', stage: 'progress.stage.commit', fraction: 0.9, done: false })
    sitingCall.cancel()
    await run
  })

  it('取消 sends cancel_job with the job id and shows 已取消 without an error', async () => {
    const backend = useBackend({
      optimize_sites: () => new Promise(() => {}),
      cancel_job: (p) => ({ job: p.job, running: true }),
    })
    fakeTimers()
    const w = mount(SlowCallProgress, { props: { call: sitingCall }, global: { plugins: [makeI18n('zh-CN')] } })
    const run = runSiting()
    await flush()
    vi.advanceTimersByTime(600)
    await flush()
    const job = sitingCall.state.job
    report(job, 'progress.stage.solve', 0.3)
    await flush()
    await w.get('[data-testid="slow-progress-cancel"]').trigger('click')
    await run
    await flush()
    expect(backend.sent('cancel_job')).toEqual([{ job }])
    expect(sitingState).toMatchObject({ running: false, error: null, data: null })
    expect(w.find('[data-testid="slow-progress"]').exists()).toBe(false)
    expect(w.get('[data-testid="slow-progress-cancelled"]').text()).toBe('已取消')
    // The stream is closed with the call.
    expect(stream.stopped).toContain(job)
    // The next run clears it.
    backend.answer('optimize_sites', () => new Promise(() => {}))
    const again = runSiting()
    await flush()
    expect(w.find('[data-testid="slow-progress-cancelled"]').exists()).toBe(false)
    sitingCall.cancel()
    await again
  })

  it('a job the backend answers as cancelled ends as 已取消, not as an error', async () => {
    useBackend({ optimize_sites: () => apiError('job.cancelled', { job: 'x' }) })
    const w = mount(SlowCallProgress, { props: { call: sitingCall }, global: { plugins: [makeI18n('en')] } })
    await runSiting()
    await flush()
    expect(sitingState.error).toBeNull()
    expect(w.get('[data-testid="slow-progress-cancelled"]').text()).toBe('Cancelled')
  })
})
