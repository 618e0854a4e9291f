import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CellError } from './cellErrors'
import { toApiError } from '../../platform/errors'
import { errorText } from '../../lib/errorText'
import { isAbandoned, useSlowCall } from '../../lib/progress'
import { editState } from '../editing/store'
import { reloadAfterDataChange } from '../reloadAfterDataChange'
import { cellErrors } from './cellErrors'

/**
 * 校验 then 导入 for one file: validation is a dry run (nothing written), and 导入 is enabled only
 * while the last validation was clean and made with the inputs now chosen (`inputsKey`).
 */
export function useImportRun<R>(send: (dryRun: boolean, job: string) => Promise<R>) {
  const { t, te } = useI18n()
  const progress = useSlowCall()
  const state = reactive({
    /** Clean validation result. */
    valid: null as R | null,
    /** The inputs (mapping, CRS) the validation was made with. */
    validFor: '',
    /** Every bad cell of a rejected file. */
    errors: null as CellError[] | null,
    /** Any other failure, as text. */
    failure: '',
    /** The committed import's report. */
    done: null as R | null,
  })

  function reset(): void {
    progress.cancel()
    Object.assign(state, { valid: null, validFor: '', errors: null, failure: '', done: null })
  }

  function fail(e: unknown): void {
    if (isAbandoned(e)) return
    const err = toApiError(e)
    state.errors = cellErrors(err)
    state.failure = state.errors ? '' : errorText(err, t, te)
  }

  async function validate(label: string, inputsKey: string): Promise<void> {
    Object.assign(state, { valid: null, validFor: '', errors: null, failure: '', done: null })
    try {
      state.valid = (await progress.run(label, (job) => send(true, job))) as typeof state.valid
      state.validFor = inputsKey
    } catch (e) {
      fail(e)
    }
  }

  // The commit cannot be abandoned: the user must learn whether the data was written.
  async function commit(label: string): Promise<void> {
    state.failure = ''
    try {
      const report = await progress.run(label, (job) => send(false, job), { cancellable: false })
      Object.assign(state, { done: report, valid: null, validFor: '' })
      // The editor's copy of the stored facilities is stale now; it reloads when next needed.
      editState.facilities = []
      await reloadAfterDataChange()
    } catch (e) {
      fail(e)
    }
  }

  const canImport = (inputsKey: string): boolean => !!state.valid && state.validFor === inputsKey && !progress.state.running

  return { state, progress, reset, validate, commit, canImport }
}
