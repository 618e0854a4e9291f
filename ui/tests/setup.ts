// The machine the tests run on is shared and slow at times: a page that renders in 50 ms alone
// may take seconds under load. Waiting longer changes no assertion, only how long a failure takes.
import { vi } from 'vitest'

const waitFor = vi.waitFor.bind(vi)
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 15_000, interval: 50, ...options })) as typeof vi.waitFor
