// Stored geometry (GCJ-02) redrawn in the tile service's frame. Only what is shown is converted;
// what the planner clicks or drags goes back to GCJ-02 before it is stored.
import type { FeatureCollection, Geometry, Position } from 'geojson'
import { fromTileFrame, toTileFrame, type TileFrame } from '../../lib/geo/frames'

const pos = (p: Position, frame: TileFrame): Position => {
  const c = toTileFrame({ lat: p[1], lon: p[0] }, frame)
  return [c.lon, c.lat, ...p.slice(2)]
}

export function geometryIn(g: Geometry, frame: TileFrame): Geometry {
  if (frame === 'gcj02') return g
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: pos(g.coordinates, frame) }
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map((p) => pos(p, frame)) }
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map((p) => pos(p, frame))) }
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((r) => r.map((p) => pos(p, frame)))) }
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => geometryIn(x, frame)) }
  }
}

export function featuresIn(fc: FeatureCollection, frame: TileFrame): FeatureCollection {
  if (frame === 'gcj02') return fc
  return { ...fc, features: fc.features.map((f) => ({ ...f, geometry: f.geometry ? geometryIn(f.geometry, frame) : f.geometry })) }
}

/** A stored point as [lat, lng] for Leaflet in the display frame. */
export function latLngIn(lat: number, lon: number, frame: TileFrame): [number, number] {
  const c = toTileFrame({ lat, lon }, frame)
  return [c.lat, c.lon]
}

/** A point of the map (display frame) back in the stored frame, as lon, lat. */
export function storedLonLat(lat: number, lon: number, frame: TileFrame): { lon: number; lat: number } {
  const c = fromTileFrame({ lat, lon }, frame)
  return { lon: c.lon, lat: c.lat }
}
