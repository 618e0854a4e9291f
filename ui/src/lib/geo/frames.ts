// GCJ-02 (国测局坐标, the frame the app stores and 高德/腾讯 tiles use) and WGS84 (天地图's
// CGCS2000 is within centimetres of it). The forward formula is the public one (eviltransform);
// there is no closed inverse, so WGS84 is found by fixed-point iteration on the forward one.

/** A point as Leaflet takes it: latitude, longitude in degrees. */
export interface LatLon {
  lat: number
  lon: number
}

/** The tile service's frame: the stored geometry is converted into it for display. */
export type TileFrame = 'wgs84' | 'gcj02'

const A = 6378245.0
const EE = 0.00669342162296594323

/** Outside this box no offset is applied (the published rule; GCJ-02 only covers China). */
export function outOfChina(lat: number, lon: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function tLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return r
}

function tLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return r
}

function offset(lat: number, lon: number): LatLon {
  let dLat = tLat(lon - 105.0, lat - 35.0)
  let dLon = tLon(lon - 105.0, lat - 35.0)
  const radLat = (lat / 180.0) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: dLat, lon: dLon }
}

/** WGS84 → GCJ-02 (the published forward formula). */
export function wgs84ToGcj02(p: LatLon): LatLon {
  if (outOfChina(p.lat, p.lon)) return { ...p }
  const d = offset(p.lat, p.lon)
  return { lat: p.lat + d.lat, lon: p.lon + d.lon }
}

/** GCJ-02 → WGS84: iterates until the forward image is within ~1 mm of the given point. */
export function gcj02ToWgs84(p: LatLon): LatLon {
  if (outOfChina(p.lat, p.lon)) return { ...p }
  let w = { lat: p.lat - offset(p.lat, p.lon).lat, lon: p.lon - offset(p.lat, p.lon).lon }
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w)
    const eLat = g.lat - p.lat
    const eLon = g.lon - p.lon
    w = { lat: w.lat - eLat, lon: w.lon - eLon }
    if (Math.abs(eLat) < 1e-9 && Math.abs(eLon) < 1e-9) break
  }
  return w
}

/** A stored (GCJ-02) point in the tile service's frame. */
export function toTileFrame(p: LatLon, frame: TileFrame): LatLon {
  return frame === 'wgs84' ? gcj02ToWgs84(p) : p
}

/** A point of the tile service's frame (a click on the map) back in the stored GCJ-02. */
export function fromTileFrame(p: LatLon, frame: TileFrame): LatLon {
  return frame === 'wgs84' ? wgs84ToGcj02(p) : p
}

/** Great-circle distance in metres (haversine, mean Earth radius), for the tests' tolerances. */
export function distanceM(a: LatLon, b: LatLon): number {
  const R = 6371008.8
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h))
}
