import { describe, expect, it } from 'vitest'
import { NO_DATA_COLOR, PALETTES, classIndex, colorFor, equalIntervalBreaks, legendEntries, makeScale } from '../src/features/map/colorScale'

describe('colour scale', () => {
  it('computes equal-interval breaks, ignoring missing values', () => {
    // min 0, max 10, k 5 → step 2
    expect(equalIntervalBreaks([0, 10, null, 3, Number.NaN], 5)).toEqual([0, 2, 4, 6, 8, 10])
    // min 1, max 4, k 3 → step 1
    expect(equalIntervalBreaks([4, 1, 2.5], 3)).toEqual([1, 2, 3, 4])
    expect(equalIntervalBreaks([null, undefined], 5)).toEqual([])
    expect(equalIntervalBreaks([7, 7], 5)).toEqual([7, 7])
  })

  it('assigns classes with half-open intervals and a closed last class', () => {
    const edges = [0, 2, 4, 6, 8, 10]
    expect(classIndex(0, edges)).toBe(0)
    expect(classIndex(1.99, edges)).toBe(0)
    expect(classIndex(2, edges)).toBe(1)
    expect(classIndex(10, edges)).toBe(4)
    expect(classIndex(11, edges)).toBeNull()
    expect(classIndex(null, edges)).toBeNull()
  })

  it('colours values and greys out missing data', () => {
    const s = makeScale([0, 10], PALETTES.greens)
    expect(colorFor(0, s)).toBe(PALETTES.greens[0])
    expect(colorFor(9, s)).toBe(PALETTES.greens[4])
    expect(colorFor(null, s)).toBe(NO_DATA_COLOR)
    // A single distinct value uses the middle colour.
    expect(colorFor(5, makeScale([5, 5], PALETTES.greens))).toBe(PALETTES.greens[2])
  })

  it('builds legend entries: one per class plus "no data"', () => {
    const entries = legendEntries(makeScale([0, 10], PALETTES.blues))
    expect(entries).toHaveLength(6)
    expect(entries[1]).toEqual({ color: PALETTES.blues[1], from: 2, to: 4 })
    expect(entries[5]).toEqual({ color: NO_DATA_COLOR, from: null, to: null })
    expect(legendEntries(makeScale([], PALETTES.blues))).toEqual([{ color: NO_DATA_COLOR, from: null, to: null }])
  })
})
