// The map's base layer (底图): none by default, so the app fetches nothing and works offline; or
// a tile service the planner names (XYZ, or WMTS in its KVP form on the web-mercator grid) with
// the frame its tiles are drawn in. The key stays in this browser's localStorage only.
import { reactive, watch } from 'vue'
import type { TileFrame } from '../../lib/geo/frames'

export interface BaseLayerConfig {
  kind: 'none' | 'xyz' | 'wmts'
  /** URL template: `{z}/{x}/{y}` (XYZ), or `{TileMatrix}/{TileRow}/{TileCol}` (WMTS), `{key}` for the key. */
  url: string
  frame: TileFrame
  key: string
}

export const BASE_LAYER_KEY = 'junheng.baseLayer'
export const NO_BASE_LAYER: BaseLayerConfig = { kind: 'none', url: '', frame: 'wgs84', key: '' }

/** Longest accepted template (a WMTS KVP URL is long, but not this long). */
const MAX_URL = 2000

export function parseBaseLayer(text: string | null): BaseLayerConfig {
  if (!text) return { ...NO_BASE_LAYER }
  try {
    const v = JSON.parse(text) as Partial<BaseLayerConfig>
    const kind = v.kind === 'xyz' || v.kind === 'wmts' ? v.kind : 'none'
    const frame: TileFrame = v.frame === 'gcj02' ? 'gcj02' : 'wgs84'
    const url = typeof v.url === 'string' ? v.url.slice(0, MAX_URL) : ''
    const key = typeof v.key === 'string' ? v.key.slice(0, 200) : ''
    return { kind, url, frame, key }
  } catch {
    return { ...NO_BASE_LAYER }
  }
}

/** Why a template cannot be used, or null: http(s) only, and it must name the tile's x, y and zoom. */
export function templateProblem(cfg: BaseLayerConfig): 'scheme' | 'placeholders' | 'key' | null {
  if (cfg.kind === 'none') return null
  if (!/^https?:\/\//i.test(cfg.url.trim())) return 'scheme'
  const u = leafletTemplate(cfg)
  if (!['{z}', '{x}', '{y}'].every((p) => u.includes(p))) return 'placeholders'
  if (/\{key\}/i.test(cfg.url) && !cfg.key.trim()) return 'key'
  return null
}

/**
 * The template as Leaflet reads it: WMTS names become `{z}`/`{y}`/`{x}`, the key is put in
 * (URL-encoded), and Leaflet's own `{s}`/`{r}` stay.
 */
export function leafletTemplate(cfg: BaseLayerConfig): string {
  return cfg.url
    .trim()
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileRow\}/gi, '{y}')
    .replace(/\{TileCol\}/gi, '{x}')
    .replace(/\{key\}/gi, encodeURIComponent(cfg.key.trim()))
}

/** The frame overlays are drawn in: the tiles' when there are tiles, else the stored GCJ-02. */
export const displayFrame = (cfg: BaseLayerConfig): TileFrame => (cfg.kind === 'none' || templateProblem(cfg) ? 'gcj02' : cfg.frame)

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

export const baseLayer = reactive<BaseLayerConfig>(parseBaseLayer(storage()?.getItem(BASE_LAYER_KEY) ?? null))
watch(baseLayer, (v) => storage()?.setItem(BASE_LAYER_KEY, JSON.stringify(v)), { deep: true })
