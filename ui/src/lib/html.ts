/**
 * Text for an HTML string (ECharts tooltips, Leaflet popups and labels take HTML): every user
 * string — a township or facility name from an imported file — goes through here, so markup in
 * a name is shown as text and never run.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
