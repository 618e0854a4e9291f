// Browser test of the map's base layer and of printing: Debian Chromium (playwright-core)
// against `junheng serve --allow-writes` on a fresh demo database, and a tile server of one
// 256×256 PNG on 127.0.0.1 started here.
//  1. With no base layer (the default) the map asks for no tile at all.
//  2. Configured in the 底图 dialog (XYZ, GCJ-02 frame), tiles are fetched from the local server
//     and the overlays stay where the stored GCJ-02 puts them.
//  3. Switched to the WGS84 frame, every facility marker moves on screen by the GCJ-02 offset
//     of its location (worked out here from the published formula), within 1.5 px.
//  4. The 监测 page: the 年度实际数 import tab refuses 导入 until the plausibility notes are
//     confirmed; the import then lists the changes since the year before.
//  5. The dashboard, 监测 and 方案对比 print to A4 landscape PDFs (checked with pdfinfo); with
//     JUNHENG_E2E_SHOTS=dir the PDFs and their pages as PNG (pdftoppm) are kept there.
// Prints "e2e map-print: N passed"; any failed check, and any uncaught error in the page, throws.
import { spawn, execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { deflateSync } from 'node:zlib'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { launchChromium, openPage, sleep, waitForServer } from './harness.mjs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

const bin = process.env.JUNHENG_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug/junheng')
const port = 19000 + Math.floor(Math.random() * 500)
const base = `http://127.0.0.1:${port}`
const dir = mkdtempSync(join(tmpdir(), 'junheng-e2e-map-'))
const shots = process.env.JUNHENG_E2E_SHOTS
let passed = 0
const check = (ok, what) => {
  if (!ok) throw new Error(`check failed: ${what}`)
  passed += 1
  console.log(`ok - ${what}`)
}

// --- One 256×256 PNG (pale grey), built here: signature, IHDR, one IDAT, IEND. ---
function crc32(buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function tilePng() {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(256, 0)
  ihdr.writeUInt32BE(256, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, 0xd8)])
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row))
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}
const TILE = tilePng()
const tileRequests = []
const tiles = createServer((req, res) => {
  tileRequests.push(req.url)
  res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' })
  res.end(TILE)
})
await new Promise((r) => tiles.listen(0, '127.0.0.1', r))
const tilePort = tiles.address().port

// --- GCJ-02 offset, the published formula (eviltransform), for the expected shift. ---
const A = 6378245.0
const EE = 0.00669342162296594323
function gcjOffset(lat, lon) {
  const x = lon - 105
  const y = lat - 35
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  dLat += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  dLat += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  dLat += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  dLon += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  dLon += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  dLon += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  const radLat = (lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sq = Math.sqrt(magic)
  return { lat: (dLat * 180) / (((A * (1 - EE)) / (magic * sq)) * Math.PI), lon: (dLon * 180) / ((A / sq) * Math.cos(radLat) * Math.PI) }
}
/** Web-mercator y of a latitude, up to the map's scale factor. */
const mercY = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))

const server = spawn(bin, ['serve', '--db', join(dir, 'e2e.db'), '--listen', `127.0.0.1:${port}`, '--ui-dir', join(root, 'ui/dist'), '--allow-writes',
  // The server's Content-Security-Policy lets the page load images from this tile origin only.
  '--tile-origin', `http://127.0.0.1:${tilePort}`], {
  stdio: ['ignore', 'inherit', 'inherit'],
})
async function rpc(cmd, payload = {}) {
  const r = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cmd, payload }) })
  const body = await r.json()
  if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(body)}`)
  return body
}
const YUNHE = '331125'

const browser = await launchChromium(root)
try {
  await waitForServer(base)
  const { page, external, pageErrors } = await openPage(browser, { 'junheng.editAuthor': '测试' })
  const tid = (id) => page.locator(`[data-testid="${id}"]:visible`)

  // 1. No base layer: nothing is fetched.
  await page.goto(`${base}/#/`)
  await tid('township-map').waitFor()
  await page.waitForTimeout(800)
  check(tileRequests.length === 0, 'no base layer by default: no tile requested')
  check((await page.locator('.leaflet-control-scale-line').count()) === 1, 'the map has a metric scale bar')
  const shownLabels = await page.locator('.leaflet-tooltip.jh-label').evaluateAll((els) => els.filter((e) => e.style.visibility !== 'hidden').length)
  const allLabels = await page.locator('.leaflet-tooltip.jh-label').count()
  check(allLabels > 0 && shownLabels <= allLabels, `township labels decluttered (${shownLabels} of ${allLabels} shown)`)

  // Facility markers as drawn (SVG paths in the facilities pane, in the dashboard's order).
  const dash = await rpc('get_dashboard', { county: YUNHE })
  const markers = async () =>
    page.locator('.leaflet-facilities-pane path').evaluateAll((els) => {
      // Relative to the map: the page may scroll while a dialog opens and closes.
      const m = document.querySelector('[data-testid="township-map"]').getBoundingClientRect()
      return els.map((e) => {
        const b = e.getBoundingClientRect()
        // Leaflet draws a marker outside the view as an empty path ("M0 0").
        const drawn = e.getAttribute('d') !== 'M0 0' && b.width > 0
        return { x: b.x + b.width / 2 - m.x, y: b.y + b.height / 2 - m.y, drawn }
      })
    })

  // 2. A local XYZ service in GCJ-02: tiles come from 127.0.0.1, overlays do not move.
  const configure = async (frameLabel) => {
    await tid('base-layer-open').click()
    await page.locator('[data-testid="base-layer-kind"] label', { hasText: 'XYZ' }).click()
    // Element Plus puts a field's attributes on its <input>.
    await page.locator('input[data-testid="base-layer-url"], [data-testid="base-layer-url"] input').first().fill(`http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`)
    await page.locator('[data-testid="base-layer-frame"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: frameLabel }).click()
    await tid('base-layer-apply').click()
    await page.waitForTimeout(800)
  }
  // Zoomed in 4 steps (×16), so the offset (a few hundred metres) is tens of pixels on screen.
  await tid('township-map').scrollIntoViewIfNeeded()
  for (let i = 0; i < 4; i++) {
    await page.locator('.leaflet-control-zoom-in').click()
    await page.waitForTimeout(400)
  }
  const before = await markers()
  await configure('GCJ-02')
  check(tileRequests.length > 0 && tileRequests.every((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u)), `tiles fetched from the local server (${tileRequests.length}, e.g. ${tileRequests[0]})`)
  const gcj = await markers()
  check(gcj.length === before.length && gcj.every((p, i) => Math.hypot(p.x - before[i].x, p.y - before[i].y) < 0.5), 'GCJ-02 tiles: markers stay where they were')
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('junheng.baseLayer')))
  check(stored.kind === 'xyz' && stored.frame === 'gcj02', 'the base layer is kept in localStorage')

  // 3. WGS84 frame: each marker moves by its own GCJ-02 offset. The map's scale comes from two
  // markers far apart (pixels per degree of longitude and per mercator unit of latitude).
  await configure('WGS84')
  const wgs = await markers()
  const fs = dash.facilities
  // Only markers drawn in both states (the zoomed view shows the county seat's).
  const seen = fs.map((_, i) => i).filter((i) => gcj[i].drawn && wgs[i].drawn)
  check(seen.length >= 5, `${seen.length} markers in view to compare`)
  let [i1, i2, j1, j2] = [seen[0], seen[0], seen[0], seen[0]]
  for (const i of seen) {
    if (fs[i].lon < fs[i1].lon) i1 = i
    if (fs[i].lon > fs[i2].lon) i2 = i
    if (fs[i].lat < fs[j1].lat) j1 = i
    if (fs[i].lat > fs[j2].lat) j2 = i
  }
  const pxPerLon = (gcj[i2].x - gcj[i1].x) / (fs[i2].lon - fs[i1].lon)
  const pxPerMerc = (gcj[j2].y - gcj[j1].y) / (mercY(fs[j2].lat) - mercY(fs[j1].lat))
  let worst = 0
  let shiftPx = 0
  seen.forEach((i) => {
    const f = fs[i]
    const d = gcjOffset(f.lat, f.lon)
    // Drawn at the WGS84 point (stored − offset, to well under a metre).
    const ex = -d.lon * pxPerLon
    const ey = (mercY(f.lat - d.lat) - mercY(f.lat)) * pxPerMerc
    const got = { x: wgs[i].x - gcj[i].x, y: wgs[i].y - gcj[i].y }
    worst = Math.max(worst, Math.hypot(got.x - ex, got.y - ey))
    shiftPx = Math.max(shiftPx, Math.hypot(got.x, got.y))
  })
  check(shiftPx > 40 && worst < 1.5, `WGS84 tiles: every marker moved by its GCJ-02 offset (largest shift ${shiftPx.toFixed(1)} px, worst error ${worst.toFixed(2)} px)`)
  if (shots) await page.screenshot({ path: join(shots, 'map-wgs84-tiles.png') })
  // Back to no base layer for the rest (and the screenshots).
  await page.evaluate(() => localStorage.removeItem('junheng.baseLayer'))

  // 4. 年度实际数: implausible figures must be confirmed before 导入.
  const header = '设施编号,在托人数,入住人数,其中失能人数,出生登记人数,死亡登记人数,全县在托婴幼儿数,年末常住人口,年末户籍人口\n'
  await rpc('import_actuals', {
    county: YUNHE, author: '测试', file_name: 'a.csv', year: 2024,
    base64: Buffer.from(`${header}CC01,120,,,,,,,\n全县,,,,700,1000,260,128100,112400\n`).toString('base64'),
  })
  await page.goto(`${base}/#/import/actuals`)
  await page.reload()
  const pane = page.locator('#pane-actuals')
  await pane.waitFor()
  await pane.locator('[data-testid="import-year"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '2025' }).click()
  const csv = `${header}CC01,130,,,,,,,\nCC07,30,,,,,,,\nEL04,,150,90,,,,,\n全县,,,,650,1020,290,128300,112200\n`
  await pane.locator('[data-testid="import-file-input"]').setInputFiles({ name: '年度实际数.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await pane.locator('[data-testid="import-preview"]').waitFor()
  await pane.locator('[data-testid="import-validate"]').click()
  await pane.locator('[data-testid="import-warnings"]').waitFor()
  const warnText = await pane.locator('[data-testid="import-warnings"]').innerText()
  check(warnText.includes('在托 30 人') && warnText.includes('入住 150 人'), 'the dry run lists the implausible enrolment and residents')
  check(await pane.locator('[data-testid="import-run"]').isDisabled(), '导入 disabled until the notes are confirmed')
  await pane.locator('[data-testid="import-confirm"]').click()
  check(!(await pane.locator('[data-testid="import-run"]').isDisabled()), '导入 enabled once confirmed')
  if (shots) await page.screenshot({ path: join(shots, 'actuals-import-confirm.png'), fullPage: true })
  await pane.locator('[data-testid="import-run"]').click()
  await pane.locator('[data-testid="actuals-changes"]').waitFor()
  const changes = await pane.locator('[data-testid="actuals-changes"]').innerText()
  check(changes.includes('120') && changes.includes('130') && changes.includes('出生登记人数'), 'after the import, the changes since 2024 are listed')
  const stored2025 = await rpc('get_actuals', { county: YUNHE })
  check(stored2025.county.some((c) => c.year === 2025 && c.births === 650), 'the 2025 county row is stored')

  // 5. Printing: dashboard, 监测, 方案对比 to A4 landscape.
  const printPage = async (name, url, ready) => {
    await page.goto(url)
    await page.reload()
    await ready()
    await page.waitForTimeout(1200)
    await page.emulateMedia({ media: 'print' })
    // page.pdf does not fire beforeprint: the app's handler (charts to paper width, footer) is run as a browser would.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    await page.waitForTimeout(300)
    const path = join(shots ?? dir, `print-${name}.pdf`)
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true })
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    await page.emulateMedia({ media: 'screen' })
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)
    check(pages >= 1 && Math.abs(Number(size[1]) - 841.89) < 2 && Math.abs(Number(size[2]) - 595.28) < 2, `${name} prints to A4 landscape (${pages} pages, ${size[1]} × ${size[2]} pt)`)
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
    check(text.includes('云和县') && /数据年份：20\d\d年/.test(text) && text.includes('打印日期'), `${name}: the footer names the county, the data year and the date`)
    if (shots) execFileSync('pdftoppm', ['-png', '-r', '60', path, join(shots, `print-${name}`)])
  }
  await printPage('dashboard', `${base}/#/`, () => tid('township-table').waitFor())
  await printPage('monitor', `${base}/#/monitor`, () => page.locator('[data-testid="track-card"]').first().waitFor())
  await rpc('save_scenario', {
    county: YUNHE,
    scenario: { id: 'print-1', name: '方案甲', description: '', interventions: [{ id: 'i1', year: 2027, action: { type: 'make_inclusive', facility_id: 'CC06' } }] },
  })
  await printPage('compare', `${base}/#/scenarios`, async () => {
    await tid('scenario-tab-compare').click()
    await tid('compare-view').waitFor()
    const pick = page.locator('[data-testid="compare-pick"] label', { hasText: '方案甲' })
    if (!(await pick.locator('input').isChecked())) await pick.click()
    await page.waitForTimeout(1500)
  })

  check(pageErrors.length === 0, `no uncaught error in the page${pageErrors.length ? `: ${pageErrors.join(' | ')}` : ''}`)
  check(external.length === 0, `no request left the machine (${external.length})`)
} catch (e) {
  if (shots) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(shots, 'failure.png') })
  throw e
} finally {
  await browser.close()
  server.kill()
  tiles.close()
  rmSync(dir, { recursive: true, force: true })
}
console.log(`e2e map-print: ${passed} passed`)
