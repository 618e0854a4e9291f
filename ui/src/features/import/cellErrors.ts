import type { CellError } from '../../bindings'
import type { ApiError } from '../../platform/errors'

/** The located cells of a rejected file (`input.invalid`), or null for any other error. */
export function cellErrors(err: Pick<ApiError, 'code' | 'params'>): CellError[] | null {
  if (err.code !== 'input.invalid') return null
  const list = err.params.errors
  if (!Array.isArray(list)) return null
  return list.map((e: Partial<CellError>) => ({
    file: String(e.file ?? ''),
    row: Number(e.row ?? 0),
    column: String(e.column ?? ''),
    value: String(e.value ?? ''),
    message_zh: String(e.message_zh ?? ''),
    message_en: String(e.message_en ?? e.message_zh ?? ''),
  }))
}

export interface ErrorRow {
  /** Stable across re-sorting, for the table's row key. */
  n: number
  file: string
  row: number
  column: string
  value: string
  message: string
}

/** One table row per bad cell, worded in the UI language. */
export function errorRows(errors: readonly CellError[], locale: string): ErrorRow[] {
  return errors.map((e, n) => ({
    n,
    file: e.file,
    row: e.row,
    column: e.column,
    value: e.value,
    message: locale === 'en' ? e.message_en || e.message_zh : e.message_zh || e.message_en,
  }))
}
