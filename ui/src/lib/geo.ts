import type { FeatureCollection, Geometry, Position } from 'geojson'

function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function inPolygon(lon: number, lat: number, rings: Position[][]): boolean {
  if (!rings.length || !inRing(lon, lat, rings[0])) return false
  return !rings.slice(1).some((hole) => inRing(lon, lat, hole))
}

export function inGeometry(lon: number, lat: number, g: Geometry | null): boolean {
  if (!g) return false
  if (g.type === 'Polygon') return inPolygon(lon, lat, g.coordinates)
  if (g.type === 'MultiPolygon') return g.coordinates.some((p) => inPolygon(lon, lat, p))
  return false
}

/**
 * The township (boundary feature) a point lies in, the same test the backend makes before it
 * accepts a new facility; lets the map say "outside the county" before anything is saved.
 */
export function townshipAt(fc: FeatureCollection | null | undefined, lon: number, lat: number): { code: string; name: string } | null {
  for (const f of fc?.features ?? []) {
    if (inGeometry(lon, lat, f.geometry)) return { code: String(f.properties?.code ?? ''), name: String(f.properties?.name ?? '') }
  }
  return null
}
