import type { ApiError } from '../platform/errors'

type Translate = (key: string, params?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/**
 * `data.no_county` → `errors.data_no_county`: dots would make vue-i18n look for a nested key.
 */
export function errorKey(code: string): string {
  return `errors.${code.replace(/\./g, '_')}`
}

/** A known `code` gets the translated text; an unknown one keeps the backend's message. */
export function errorText(err: Pick<ApiError, 'code' | 'message' | 'params'>, t: Translate, te: Exists): string {
  const key = errorKey(err.code)
  return te(key) ? t(key, err.params) : err.message
}
