/**
 * The change log stores UTC (`at`); planners read it in their own clock: `2025/05/01 18:30:05`, or
 * ISO-like `2025-05-01 18:30:05` in English (day/month order differs between English readers).
 */
export function formatChangeTime(iso: string, locale: string, timeZone?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(locale === 'en' ? 'sv-SE' : 'zh-CN', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZone,
  })
}

/** Time of day for "saved at", `18:30:05`. */
export function formatClock(d: Date, timeZone?: string): string {
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone })
}
