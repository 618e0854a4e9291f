// Colour classes for the accessibility grid. Breaks are multiples of the county figure rather than
// equal intervals: a few cells beside a large centre reach 20× the county and would squeeze every
// other cell into the first class, and "below half the county" is exactly the 盲区 rule.

/** Upper edges of the classes as multiples of the county access; the last class is open. */
export const ACCESS_RATIO_BREAKS = [0.5, 1, 2, 5, 10] as const

/** YlGnBu, 6 classes (light = little access). */
export const ACCESS_COLORS = ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'] as const

/** Cells with no site within the catchment; drawn hatched, so it must not read as a class colour. */
export const OUT_OF_REACH_COLOR = '#e4e7ec'

/** Class of a cell's access (0 = lowest), or null when no site is within reach. */
export function accessClass(value: number | null | undefined, county: number): number | null {
  if (value == null || !Number.isFinite(value)) return null
  // No county supply: nothing to compare with, every reachable cell is in the lowest class.
  if (!(county > 0)) return 0
  const i = ACCESS_RATIO_BREAKS.findIndex((r) => value < r * county)
  return i < 0 ? ACCESS_RATIO_BREAKS.length : i
}

export function accessColor(value: number | null | undefined, county: number): string {
  const i = accessClass(value, county)
  return i == null ? OUT_OF_REACH_COLOR : ACCESS_COLORS[i]
}

export interface AccessLegendEntry {
  color: string
  /** Absolute bounds (per 1000); from null = open below, to null = open above. */
  from: number | null
  to: number | null
  /** The same bounds as multiples of the county. */
  fromRatio: number | null
  toRatio: number | null
}

export function accessLegend(county: number): AccessLegendEntry[] {
  const b = ACCESS_RATIO_BREAKS
  return ACCESS_COLORS.map((color, i) => {
    const fromRatio = i === 0 ? null : b[i - 1]
    const toRatio = i < b.length ? b[i] : null
    return {
      color,
      fromRatio,
      toRatio,
      from: fromRatio == null ? null : fromRatio * county,
      to: toRatio == null ? null : toRatio * county,
    }
  })
}
