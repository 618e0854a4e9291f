import { onBeforeUnmount, reactive } from 'vue'

/** Calls quicker than this never show progress, so fast answers do not flash a bar. */
export const SLOW_AFTER_MS = 500

/** How a call ended when the user stopped waiting for it. */
export class Abandoned extends Error {
  constructor(readonly label: string) {
    super(`abandoned: ${label}`)
    this.name = 'Abandoned'
  }
}

export const isAbandoned = (e: unknown): e is Abandoned => e instanceof Abandoned

export interface SlowCallState {
  running: boolean
  /** Running for longer than SLOW_AFTER_MS: time to show the bar. */
  slow: boolean
  /** What is being done, shown next to the bar ("校验 设施.csv"). */
  label: string
  cancellable: boolean
  startedAt: number
}

export interface SlowCall {
  readonly state: SlowCallState
  /** Runs `call`; rejects with `Abandoned` if the user cancels, or if a newer `run` replaces it. */
  run<T>(label: string, call: () => Promise<T>, options?: { cancellable?: boolean }): Promise<T>
  /** Stops waiting for the current call (no effect on a call started with `cancellable: false`). */
  cancel(): void
}

/**
 * One slow backend call at a time with a progress bar and 取消. Cancelling abandons the wait
 * only: the UI stops waiting and ignores the result, while the backend finishes the call — there
 * is no way to interrupt it. That is safe for reads and for import previews and validations
 * (dry runs), which write nothing: an import writes only in its separate commit step (导入), which
 * should therefore run with `cancellable: false`.
 */
export function createSlowCall(delayMs = SLOW_AFTER_MS): SlowCall {
  const state = reactive<SlowCallState>({ running: false, slow: false, label: '', cancellable: true, startedAt: 0 })
  let seq = 0
  let abandon: (() => void) | null = null

  async function run<T>(label: string, call: () => Promise<T>, options: { cancellable?: boolean } = {}): Promise<T> {
    abandon?.()
    const mine = ++seq
    Object.assign(state, { running: true, slow: false, label, cancellable: options.cancellable ?? true, startedAt: Date.now() })
    const timer = setTimeout(() => {
      if (mine === seq) state.slow = true
    }, delayMs)
    const abandoned = new Promise<never>((_, reject) => {
      abandon = () => reject(new Abandoned(label))
    })
    try {
      return await Promise.race([call(), abandoned])
    } finally {
      clearTimeout(timer)
      if (mine === seq) {
        Object.assign(state, { running: false, slow: false })
        abandon = null
      }
    }
  }

  function cancel(): void {
    if (state.running && state.cancellable) abandon?.()
  }

  return { state, run, cancel }
}

/** A SlowCall owned by a component: leaving the page abandons the wait, so no late result lands. */
export function useSlowCall(delayMs = SLOW_AFTER_MS): SlowCall {
  const call = createSlowCall(delayMs)
  onBeforeUnmount(() => {
    call.state.cancellable = true
    call.cancel()
  })
  return call
}
