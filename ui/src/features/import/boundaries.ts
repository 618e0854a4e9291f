export interface BoundarySummary {
  features: number
  /** `code` properties, in file order. */
  codes: string[]
  /** Features without a `code` property. */
  missingCode: number
}

/**
 * What the browser can tell before validation: a FeatureCollection and its township codes. Throws
 * with a short reason otherwise; the backend checks geometries and codes when validating.
 */
export function summarizeBoundaries(text: string): BoundarySummary {
  const fc = JSON.parse(text) as { type?: unknown; features?: unknown }
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error('type ≠ FeatureCollection')
  const codes: string[] = []
  let missingCode = 0
  for (const f of fc.features as { properties?: Record<string, unknown> | null }[]) {
    const code = f?.properties?.code
    if (code == null || String(code).trim() === '') missingCode++
    else codes.push(String(code))
  }
  return { features: fc.features.length, codes, missingCode }
}
