// Township names pile up where small townships crowd around the county seat. A label is shown
// only where its box is free: the most populous townships claim their place first, the rest are
// hidden until a zoom spreads them apart (the map runs this again after every zoom).

/** A label's box in screen pixels and how much it matters (the township's population). */
export interface LabelBox {
  id: string
  x: number
  y: number
  width: number
  height: number
  priority: number
}

/** Padding kept between two shown labels, in pixels. */
export const LABEL_GAP_PX = 2

function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
}

/**
 * The ids of the labels to show: greedy by priority (ties by id, so the result does not depend
 * on the input order), each kept only if it overlaps none kept before it.
 */
export function visibleLabels(boxes: readonly LabelBox[], gap = LABEL_GAP_PX): Set<string> {
  const order = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))
  const kept: LabelBox[] = []
  for (const b of order) {
    if (!kept.some((k) => overlaps(k, b, gap))) kept.push(b)
  }
  return new Set(kept.map((k) => k.id))
}

/**
 * Applies `visibleLabels` to the township labels drawn in `container` (Leaflet tooltips whose
 * content carries `data-code`): overlapping ones are hidden, the rest shown again.
 */
export function declutterLabels(container: HTMLElement, priorityOf: (code: string) => number): void {
  const els = [...container.querySelectorAll<HTMLElement>('.leaflet-tooltip.jh-label')]
  const boxes: LabelBox[] = []
  const byId = new Map<string, HTMLElement>()
  els.forEach((el, i) => {
    const code = el.querySelector<HTMLElement>('[data-code]')?.dataset.code ?? ''
    const r = el.getBoundingClientRect()
    const id = `${code}#${i}`
    byId.set(id, el)
    boxes.push({ id, x: r.left, y: r.top, width: r.width, height: r.height, priority: priorityOf(code) })
  })
  const shown = visibleLabels(boxes)
  for (const [id, el] of byId) el.style.visibility = shown.has(id) ? '' : 'hidden'
}
