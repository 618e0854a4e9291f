import { ERROR_MESSAGES, type ErrorCode } from '../bindings/generated'
import type { ApiError } from '../platform/errors'

type Translate = (key: string, params?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/**
 * `network` → `errors.network`: the i18n key of a code the UI raises itself (no backend message
 * exists for it). Dots would make vue-i18n look for a nested key.
 */
export function errorKey(code: string): string {
  return `errors.${code.replace(/\./g, '_')}`
}

const isBackendCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)

/** `{name}` placeholders filled from params (strings as they are, other values as JSON), as the backend fills them. */
export function fillParams(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole
    const v = params[name]
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
}

/**
 * What a person reads: a backend code in the active language from the generated contract
 * (`ERROR_MESSAGES`, one text per code for every host), a UI-side code from the locale files,
 * and an unknown code the backend's own message.
 */
export function errorText(err: Pick<ApiError, 'code' | 'message' | 'params'>, t: Translate, te: Exists, locale?: string): string {
  if (isBackendCode(err.code)) {
    const m = ERROR_MESSAGES[err.code]
    return fillParams(uiLocale(t, locale) === 'en' ? m.en : m.zh, err.params)
  }
  const key = errorKey(err.code)
  return te(key) ? t(key, err.params) : err.message
}

// The active language, read from a marker key so callers need not pass it.
function uiLocale(t: Translate, locale?: string): 'en' | 'zh' {
  if (locale) return locale.startsWith('en') ? 'en' : 'zh'
  return t('errors.lang') === 'en' ? 'en' : 'zh'
}
