import type { ApiError } from '../../platform/errors'

/**
 * One located problem of a rejected file, as `input.invalid` carries it in `params.errors` (the
 * contract types params loosely, so the shape is checked here). The closing line of a long list
 * has row 0 and counts in `omitted` the errors found beyond those listed.
 */
export interface CellError {
  file: string
  row: number
  column: string
  value: string
  message_zh: string
  message_en: string
  omitted: number
}

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
    omitted: Number(e.omitted ?? 0),
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

const isClosingLine = (e: CellError): boolean => e.omitted > 0

/** One table row per bad cell, worded in the UI language (the closing line is not a cell). */
export function errorRows(errors: readonly CellError[], locale: string): ErrorRow[] {
  return errors
    .filter((e) => !isClosingLine(e))
    .map((e, n) => ({
      n,
      file: e.file,
      row: e.row,
      column: e.column,
      value: e.value,
      message: locale === 'en' ? e.message_en || e.message_zh : e.message_zh || e.message_en,
    }))
}

/** The list's closing line ("另有 N 处错误未列出"), worded in the UI language, if the list was cut. */
export function closingLine(errors: readonly CellError[], locale: string): string | null {
  const e = errors.find(isClosingLine)
  return e ? (locale === 'en' ? e.message_en : e.message_zh) : null
}

/** Every error found: those listed and those only counted on the closing line. */
export const errorTotal = (errors: readonly CellError[]): number =>
  errors.reduce((n, e) => n + (isClosingLine(e) ? e.omitted : 1), 0)
