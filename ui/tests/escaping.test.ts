// A township and a facility named `<img src=x onerror=alert(1)>`, stored through the real
// commands (add_township, set_township_seats, edit_facility) and recorded from get_dashboard
// (src/fixtures/dashboard.markup.json): wherever the dashboard puts a name into HTML — the table,
// the map's labels, tooltips and popups, the chart's tooltip — it must stay text.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { FeatureCollection } from 'geojson'
import type { Dashboard } from '../src/bindings/generated'
import markup from '../src/fixtures/dashboard.markup.json'
import { dashboardState, loadDashboard, boundariesOf, outlineOf } from '../src/features/dashboard/store'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import TownshipMap from '../src/features/map/TownshipMap.vue'
import { supplyDemandOption, tooltipHtml } from '../src/features/dashboard/supplyDemand'
import { facilityPopupHtml } from '../src/features/map/popup'
import { townshipLabels } from '../src/features/map/labels'
import { escapeHtml } from '../src/lib/html'
import { useBackend } from './backend'
import { makeI18n } from './helpers'

const NAME = '<img src=x onerror=alert(1)>'
const d = markup as unknown as Dashboard

/** Parses HTML the way the browser would show it. */
function rendered(html: string): HTMLElement {
  const el = document.createElement('div')
  el.innerHTML = html
  return el
}

beforeAll(() => {
  // jsdom has no ResizeObserver; the map only needs it to refit when its box changes.
  vi.stubGlobal('ResizeObserver', class {
    observe() {}
    disconnect() {}
  })
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('names with markup stay text', () => {
  it('the recorded dashboard holds the name as the backend stored it', () => {
    expect(d.townships.some((z) => z.name === NAME)).toBe(true)
    expect(d.facilities.some((f) => f.name === NAME)).toBe(true)
    expect(boundariesOf(d)!.features.some((f) => f.properties?.name === NAME)).toBe(true)
  })

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })

  it('in the township table, loaded through the recorded backend', async () => {
    const b = useBackend({ get_dashboard: d })
    await loadDashboard()
    expect(b.sent('get_dashboard')[0].county).toBe('331125')
    const w = mount(TownshipTable, { props: { dashboard: dashboardState.data! }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    expect(document.body.textContent).toContain(NAME)
    expect(document.querySelector('img')).toBeNull()
    w.unmount()
  })

  it('in the supply/need chart’s tooltip (ECharts takes HTML)', () => {
    const { t } = makeI18n('zh-CN').global
    const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
    const z = d.townships.find((x) => x.name === NAME)!
    const html = tooltipHtml(z, 3, 10, tr, 'zh-CN')
    expect(rendered(html).querySelector('img')).toBeNull()
    expect(rendered(html).textContent).toContain(NAME)
    // The option's own formatter too, for the row of that township.
    const option = supplyDemandOption(d.townships, 'elderly', tr, 'zh-CN')
    const i = [...d.townships].reverse().findIndex((x) => x.name === NAME)
    const fromChart = option.tooltip.formatter([{ dataIndex: i }])
    expect(rendered(fromChart).querySelector('img')).toBeNull()
    expect(rendered(fromChart).textContent).toContain(NAME)
  })

  it('in the facility popup and the township labels (Leaflet takes HTML)', () => {
    const { t, te } = makeI18n('zh-CN').global
    const f = d.facilities.find((x) => x.name === NAME)!
    const popup = rendered(facilityPopupHtml(f, (k, p) => t(k, p ?? {}), te, 'zh-CN'))
    expect(popup.querySelector('img')).toBeNull()
    expect(popup.textContent).toContain(NAME)
    const labels = townshipLabels(boundariesOf(d) as FeatureCollection, 'jh-label').getLayers() as unknown as Array<{ getContent: () => string }>
    const ours = labels.map((l) => rendered(l.getContent())).find((el) => el.textContent === NAME)
    expect(ours).toBeDefined()
    expect(ours!.querySelector('img')).toBeNull()
  })

  it('on the map as drawn: the township labels', async () => {
    const w = mount(TownshipMap, {
      props: {
        townships: d.townships, facilities: d.facilities, boundaries: boundariesOf(d)!, outline: outlineOf(d),
        townshipInfo: d.township_info,
      },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await flushPromises()
    const map = document.querySelector('[data-testid="township-map"]')!
    // The permanent labels are in the DOM: the name is there as text, and nothing ran.
    expect(map.textContent).toContain(NAME)
    expect(document.querySelector('img')).toBeNull()
    w.unmount()
  })
})
