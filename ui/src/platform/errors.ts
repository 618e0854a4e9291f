export type ErrorParams = Record<string, unknown>

/** The backend's error shape, identical over HTTP and Tauri IPC. */
export class ApiError extends Error {
  readonly code: string
  readonly params: ErrorParams

  constructor(code: string, message: string, params: ErrorParams = {}) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.params = params
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

/** Normalizes whatever a transport threw (error body, string, Error) into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (isRecord(err) && typeof err.code === 'string') {
    const message = typeof err.message === 'string' ? err.message : err.code
    const params = isRecord(err.params) ? (err.params as ErrorParams) : {}
    return new ApiError(err.code, message, params)
  }
  // fetch rejects with TypeError when the server is unreachable.
  if (err instanceof TypeError) return new ApiError('network', err.message)
  if (err instanceof Error) return new ApiError('internal', err.message)
  if (typeof err === 'string') return new ApiError('internal', err)
  return new ApiError('internal', String(err))
}
