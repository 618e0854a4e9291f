import L from 'leaflet'
import { labelPoint } from './geometry'
import { escapeHtml } from '../../lib/html'

/** Permanent township-name labels at a point inside each boundary (shared by every map). */
export function townshipLabels(boundaries: GeoJSON.FeatureCollection, className: string): L.LayerGroup {
  return L.layerGroup(
    boundaries.features.flatMap((f) => {
      const p = f.geometry ? labelPoint(f.geometry) : null
      if (!p) return []
      return [
        L.tooltip({ permanent: true, direction: 'center', className, interactive: false })
          .setLatLng([p[1], p[0]])
          // The code lets the map hide labels that collide (labelCollision.ts).
          .setContent(`<span data-code="${escapeHtml(String(f.properties?.code ?? ''))}">${escapeHtml(String(f.properties?.name ?? ''))}</span>`),
      ]
    }),
  )
}
