import type L from 'leaflet'

/**
 * Keeps a Leaflet map sized to its box and fits it once, at the first observation: that happens
 * after layout settles (a map may mount in a hidden tab), so the fit never uses a 0×0 box.
 * Returns the observer; disconnect it on unmount.
 */
export function fitOnResize(el: HTMLElement, map: () => L.Map | null, fit: () => void): ResizeObserver {
  let first = true
  const ro = new ResizeObserver(() => {
    map()?.invalidateSize()
    if (first) fit()
    first = false
  })
  ro.observe(el)
  return ro
}
