import { describe, expect, it } from 'vitest'
import { distanceM, gcj02ToWgs84, outOfChina, toTileFrame, wgs84ToGcj02 } from '../src/lib/geo/frames'

// Published test vectors of eviltransform (github.com/googollee/eviltransform, test files of
// every language port): WGS84 → GCJ-02.
const VECTORS = [
  { name: '上海', wgs: { lat: 31.1774276, lon: 121.5272106 }, gcj: { lat: 31.17530398364597, lon: 121.531541859215 } },
  { name: '深圳', wgs: { lat: 22.543847, lon: 113.912316 }, gcj: { lat: 22.540796131694766, lon: 113.9171764808363 } },
  { name: '北京', wgs: { lat: 39.911954, lon: 116.377817 }, gcj: { lat: 39.91334545536069, lon: 116.38404722455657 } },
]

describe('GCJ-02 ⇄ WGS84', () => {
  for (const v of VECTORS) {
    it(`${v.name}: the forward formula gives the published GCJ-02 point within 1 m`, () => {
      expect(distanceM(wgs84ToGcj02(v.wgs), v.gcj)).toBeLessThan(1)
      expect(wgs84ToGcj02(v.wgs).lat).toBeCloseTo(v.gcj.lat, 9)
    })
    it(`${v.name}: the inverse gives the published WGS84 point within 1 m`, () => {
      expect(distanceM(gcj02ToWgs84(v.gcj), v.wgs)).toBeLessThan(1)
    })
  }
  it('a round trip in 云和县 moves a point less than 0.5 m, and the offset itself is hundreds of metres', () => {
    const p = { lat: 28.1237, lon: 119.6625 }
    const back = wgs84ToGcj02(gcj02ToWgs84(p))
    expect(distanceM(back, p)).toBeLessThan(0.5)
    const shift = distanceM(gcj02ToWgs84(p), p)
    expect(shift).toBeGreaterThan(200)
    expect(shift).toBeLessThan(900)
  })
  it('outside China nothing moves; a GCJ-02 tile frame leaves stored points as they are', () => {
    expect(outOfChina(39.7392, -104.9903)).toBe(true)
    expect(wgs84ToGcj02({ lat: 39.7392, lon: -104.9903 })).toEqual({ lat: 39.7392, lon: -104.9903 })
    expect(toTileFrame({ lat: 28.1, lon: 119.6 }, 'gcj02')).toEqual({ lat: 28.1, lon: 119.6 })
  })
})
