import L from 'leaflet'
import { escapeHtml } from '../../lib/html'

/** CSS colour with the given opacity, for `#rrggbb` (what the map's marker styles use). */
function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color)
  if (!m) return color
  const n = parseInt(m[1], 16)
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

/** The circle marker's look as an HTML dot, so edit mode shows the same symbols. */
export function dotStyle(o: L.CircleMarkerOptions): string {
  const r = o.radius ?? 6
  const border = o.dashArray ? (String(o.dashArray).startsWith('1') ? 'dotted' : 'dashed') : 'solid'
  return [
    `width:${2 * r}px`, `height:${2 * r}px`,
    `background:${withAlpha(o.fillColor ?? '#888888', o.fillOpacity ?? 1)}`,
    `border:${o.weight ?? 1.5}px ${border} ${o.color ?? '#ffffff'}`,
  ].join(';')
}

/**
 * Leaflet cannot drag vector circles, so in edit mode each facility is a draggable marker with a
 * dot icon. A marker's click does not reach the map, so clicking it never starts an "add".
 */
export function draggableFacility(
  lat: number, lon: number, style: L.CircleMarkerOptions, title: string, onDrop: (lon: number, lat: number) => void,
): L.Marker {
  const size = 2 * (style.radius ?? 6) + 2 * (style.weight ?? 1.5)
  const icon = L.divIcon({
    className: 'jh-edit-marker',
    html: `<span class="jh-edit-dot" style="${escapeHtml(dotStyle(style))}"></span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
  })
  const marker = L.marker([lat, lon], { icon, draggable: true, title, autoPan: true, riseOnHover: true })
  marker.on('dragend', () => {
    const p = marker.getLatLng()
    onDrop(p.lng, p.lat)
  })
  return marker
}
