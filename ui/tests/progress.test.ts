import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useBackend } from './backend'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { Abandoned, SLOW_AFTER_MS, createSlowCall, isAbandoned } from '../src/lib/progress'
import SlowCallProgress from '../src/components/SlowCallProgress.vue'
import { runSiting, sitingCall, sitingState } from '../src/features/siting/store'
import { makeI18n } from './helpers'

// The optimiser never answers here: only abandoning the wait ends a run.
vi.mock('../src/platform/rpc', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/platform/rpc')>()),
  rpc: vi.fn(() => new Promise(() => {})),
}))

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('slow calls', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('shows progress only after 500 ms and returns the result', async () => {
    const call = createSlowCall()
    const d = deferred<number>()
    const p = call.run('校验', () => d.promise)
    expect(call.state).toMatchObject({ running: true, slow: false, label: '校验' })
    vi.advanceTimersByTime(SLOW_AFTER_MS - 1)
    expect(call.state.slow).toBe(false)
    vi.advanceTimersByTime(1)
    expect(call.state.slow).toBe(true)
    d.resolve(42)
    expect(await p).toBe(42)
    expect(call.state).toMatchObject({ running: false, slow: false })
  })

  it('cancel abandons the wait at once and ignores the late result', async () => {
    const call = createSlowCall()
    const d = deferred<string>()
    const p = call.run('导入预览', () => d.promise)
    vi.advanceTimersByTime(600)
    call.cancel()
    const err = await p.catch((e) => e)
    expect(isAbandoned(err)).toBe(true)
    expect((err as Abandoned).label).toBe('导入预览')
    expect(call.state.running).toBe(false)
    d.resolve('late')
    await Promise.resolve()
    expect(call.state.running).toBe(false)
  })

  it('a commit started as not cancellable cannot be abandoned', async () => {
    const call = createSlowCall()
    const d = deferred<string>()
    const p = call.run('导入', () => d.promise, { cancellable: false })
    call.cancel()
    d.resolve('written')
    expect(await p).toBe('written')
  })

  it('a newer call replaces an older one', async () => {
    const call = createSlowCall()
    const first = call.run('a', () => new Promise(() => {}))
    const second = call.run('b', () => Promise.resolve('b'))
    expect(isAbandoned(await first.catch((e) => e))).toBe(true)
    expect(await second).toBe('b')
    expect(call.state.running).toBe(false)
  })
})

describe('SlowCallProgress', () => {
  afterEach(() => vi.useRealTimers())

  it('appears for a slow call with its name and a working 取消', async () => {
    vi.useFakeTimers()
    const call = createSlowCall()
    const w = mount(SlowCallProgress, { props: { call }, global: { plugins: [makeI18n('zh-CN')] } })
    const p = call.run('校验 设施.csv', () => new Promise(() => {})).catch((e) => e)
    await nextTick()
    expect(w.find('[data-testid="slow-progress"]').exists()).toBe(false)
    vi.advanceTimersByTime(2100)
    await nextTick()
    expect(w.get('[data-testid="slow-progress"]').text()).toContain('校验 设施.csv…')
    expect(w.get('[data-testid="slow-progress"]').text()).toContain('已等待 2 秒')
    await w.get('[data-testid="slow-progress-cancel"]').trigger('click')
    expect(isAbandoned(await p)).toBe(true)
    await nextTick()
    expect(w.find('[data-testid="slow-progress"]').exists()).toBe(false)
  })
})

describe('site planning uses it', () => {
  afterEach(() => vi.useRealTimers())

  it('shows the solver as slow after 500 ms; 取消 ends the run without an error', async () => {
    // An answer that never comes: the solve outlasts the wait.
    useBackend({ optimize_sites: () => new Promise(() => {}) })
    vi.useFakeTimers()
    const run = runSiting()
    expect(sitingState.running).toBe(true)
    vi.advanceTimersByTime(500)
    expect(sitingState.slow).toBe(true)
    sitingCall.cancel()
    await run
    expect(sitingState).toMatchObject({ running: false, slow: false, error: null, data: null })
  })
})
