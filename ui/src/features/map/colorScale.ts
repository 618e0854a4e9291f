// Sequential classed colour scale for the choropleth. Equal intervals keep the legend
// readable for planners ("3–4‰") and stable when one township changes.

export const NO_DATA_COLOR = '#d0d4da'

/** ColorBrewer sequential 5-class palettes (light → dark). */
export const PALETTES = {
  blues: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  greens: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  purples: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
} as const

export interface ClassBreaks {
  /** k+1 ascending edges; class i covers [edges[i], edges[i+1]) and the last one is closed. */
  edges: number[]
  colors: readonly string[]
}

export function finiteValues(values: Array<number | null | undefined>): number[] {
  return values.filter((v): v is number => v != null && Number.isFinite(v))
}

export function equalIntervalBreaks(values: Array<number | null | undefined>, k: number): number[] {
  const xs = finiteValues(values)
  if (xs.length === 0 || k < 1) return []
  const min = Math.min(...xs)
  const max = Math.max(...xs)
  if (min === max) return [min, max]
  const step = (max - min) / k
  return Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + step * i))
}

export function makeScale(values: Array<number | null | undefined>, palette: readonly string[]): ClassBreaks {
  const edges = equalIntervalBreaks(values, palette.length)
  // A single distinct value gets the middle colour rather than the near-white first one.
  const colors = edges.length === 2 ? [palette[Math.floor(palette.length / 2)]] : palette
  return { edges, colors }
}

export function classIndex(value: number | null | undefined, edges: number[]): number | null {
  if (value == null || !Number.isFinite(value) || edges.length < 2) return null
  const last = edges.length - 2
  if (value < edges[0] || value > edges[edges.length - 1]) return null
  for (let i = 0; i < last; i++) if (value < edges[i + 1]) return i
  return last
}

export function colorFor(value: number | null | undefined, scale: ClassBreaks): string {
  const i = classIndex(value, scale.edges)
  return i == null ? NO_DATA_COLOR : scale.colors[i]
}

export interface LegendEntry {
  color: string
  from: number | null
  to: number | null
}

/** One entry per class plus a trailing "no data" entry (from = to = null). */
export function legendEntries(scale: ClassBreaks): LegendEntry[] {
  const entries = scale.colors.map((color, i) => ({ color, from: scale.edges[i], to: scale.edges[i + 1] }))
  return [...entries.filter((e) => e.from != null), { color: NO_DATA_COLOR, from: null, to: null }]
}

/**
 * Puts the target in force among the class edges, so no class straddles it (3.25–6.49 around a
 * 4.5‰ target hid who meets it): the interior edge nearest the target moves onto it, keeping
 * the number of classes. A target outside the values' range changes nothing.
 */
export function withTargetBreak(scale: ClassBreaks, target: number | null | undefined): ClassBreaks {
  const e = scale.edges
  if (target == null || !Number.isFinite(target) || e.length < 3) return scale
  if (target <= e[0] || target >= e[e.length - 1] || e.includes(target)) return scale
  let best = 1
  for (let i = 2; i < e.length - 1; i++) if (Math.abs(e[i] - target) < Math.abs(e[best] - target)) best = i
  const edges = [...e]
  edges[best] = target
  return { ...scale, edges }
}
