import { onBeforeUnmount, reactive } from 'vue'
import { rpc } from '../platform/rpc'
import { newJobId, watchProgress } from '../platform/progress'

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

const isCancelledError = (e: unknown): boolean =>
  !!e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'job.cancelled'

export interface SlowCallState {
  running: boolean
  /** Running for longer than SLOW_AFTER_MS: time to show the bar. */
  slow: boolean
  /** What is being done, shown next to the bar ("校验 设施.csv"). */
  label: string
  cancellable: boolean
  startedAt: number
  /** The job the call runs in (the backend's progress and `cancel_job` are keyed by it). */
  job: string
  /** The backend's stage (a `progress.stage.*` key) and share done, once it reports them. */
  stage: string | null
  fraction: number | null
  /** The last run was stopped with 取消: shown as 已取消 until the next run. */
  cancelled: boolean
}

export interface SlowCall {
  readonly state: SlowCallState
  /**
   * Runs `call` in a new job (pass its id to `rpc(…, { job })` so the backend reports progress
   * and can be stopped); rejects with `Abandoned` if the user cancels, if the backend answers
   * `job.cancelled`, or if a newer `run` replaces it.
   */
  run<T>(label: string, call: (job: string) => Promise<T>, options?: { cancellable?: boolean }): Promise<T>
  /** Stops the current call: the backend is told (`cancel_job`) and the wait ends at once. */
  cancel(): void
  /** Ends the wait only (the backend finishes the call; its result is not used). */
  stopWaiting(): void
}

/**
 * One slow backend call at a time with a progress bar and 取消. 取消 sends `cancel_job` for the
 * call's job, so the backend stops at its next check and writes nothing, and the wait ends at
 * once. An import's commit step still runs with `cancellable: false`: a cancel that arrives
 * after its commit point cannot undo it, and the user must learn whether the data was written.
 */
export function createSlowCall(delayMs = SLOW_AFTER_MS): SlowCall {
  const state = reactive<SlowCallState>({
    running: false, slow: false, label: '', cancellable: true, startedAt: 0,
    job: '', stage: null, fraction: null, cancelled: false,
  })
  let seq = 0
  let abandon: (() => void) | null = null

  async function run<T>(label: string, call: (job: string) => Promise<T>, options: { cancellable?: boolean } = {}): Promise<T> {
    abandon?.()
    const mine = ++seq
    const job = newJobId()
    Object.assign(state, {
      running: true, slow: false, label, cancellable: options.cancellable ?? true, startedAt: Date.now(),
      job, stage: null, fraction: null, cancelled: false,
    })
    let stopWatching: (() => void) | null = null
    let finished = false
    const timer = setTimeout(() => {
      if (mine !== seq) return
      state.slow = true
      // Progress is watched only once the call is slow: quick calls open no stream.
      void watchProgress(job, (p) => {
        if (mine !== seq || p.done) return
        Object.assign(state, { stage: p.stage, fraction: p.fraction })
      }).then((stop) => {
        if (finished) stop()
        else stopWatching = stop
      }).catch(() => {})
    }, delayMs)
    const abandoned = new Promise<never>((_, reject) => {
      abandon = () => reject(new Abandoned(label))
    })
    try {
      return await Promise.race([call(job), abandoned])
    } catch (e) {
      if (isCancelledError(e)) {
        if (mine === seq) state.cancelled = true
        throw new Abandoned(label)
      }
      throw e
    } finally {
      finished = true
      clearTimeout(timer)
      ;(stopWatching as (() => void) | null)?.()
      if (mine === seq) {
        Object.assign(state, { running: false, slow: false })
        abandon = null
      }
    }
  }

  function cancel(): void {
    if (!(state.running && state.cancellable)) return
    // Told, not awaited: the backend answers the call itself with job.cancelled.
    void rpc('cancel_job', { job: state.job }).catch(() => {})
    state.cancelled = true
    abandon?.()
  }

  function stopWaiting(): void {
    abandon?.()
  }

  return { state, run, cancel, stopWaiting }
}

/** A SlowCall owned by a component: leaving the page abandons the wait, so no late result lands. */
export function useSlowCall(delayMs = SLOW_AFTER_MS): SlowCall {
  const call = createSlowCall(delayMs)
  onBeforeUnmount(() => {
    // A read stops in the backend too; a commit (not cancellable) runs to its answer unwatched.
    if (call.state.cancellable) call.cancel()
    else call.stopWaiting()
  })
  return call
}
