// Screenshot a running build, e.g.
//   node scripts/screenshot.mjs 'http://localhost:4173/?fixture=demo' /tmp/ui-shot-zh.png zh-CN
// Optional env: FULL_PAGE=1 for the whole scrollable page, CLICK=<selector> to click first,
// HOVER=<selector> to hover before the shot (Playwright selectors, e.g. 'path >> nth=3'),
// CLICK_DISPATCH=1 to dispatch the first click (overlapping markers), CLICK2=<selector> for a second click (e.g. a marker, then the popup's details button).
// Other pages: 'http://localhost:4173/?fixture=demo#/schools', '#/population', '#/standards', '#/siting', '#/scenarios', '#/overview' or '#/import'
// (site planning: CLICK='[data-testid="siting-run"]' to calculate first).
import { chromium } from 'playwright-core'

const [url = 'http://localhost:4173/?fixture=demo', out = '/tmp/ui-shot.png', lang] = process.argv.slice(2)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })
  if (lang) {
    // The app reads its language from localStorage before mounting.
    await context.addInitScript((l) => localStorage.setItem('junheng.locale', l), lang)
  }
  const page = await context.newPage()
  const external = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (!['localhost', '127.0.0.1'].includes(u.hostname) && u.protocol.startsWith('http')) external.push(r.url())
  })
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()) })
  page.on('pageerror', (e) => console.error('pageerror:', e.message))
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.waitForSelector(
    '[data-testid="kpi-card"], [data-testid="dashboard-empty"], [data-testid="siting-form"], [data-testid="page-schools"] .el-table, [data-testid="page-standards"] .el-table, [data-testid="page-population"] .el-table, [data-testid="page-import"], [data-testid="page-overview"] .el-table, [data-testid="page-monitor"], [data-testid="scenario-list"], [data-testid="scenario-empty"]',
    { timeout: 15000 },
  )
  await page.waitForTimeout(800)
  if (process.env.CLICK) {
    // CLICK_DISPATCH=1 fires the DOM event directly, for map markers hidden under a neighbour.
    if (process.env.CLICK_DISPATCH === '1') await page.locator(process.env.CLICK).dispatchEvent('click')
    else await page.click(process.env.CLICK)
    await page.waitForTimeout(600)
  }
  if (process.env.CLICK2) {
    await page.click(process.env.CLICK2)
    await page.waitForTimeout(800)
  }
  if (process.env.HOVER) {
    await page.hover(process.env.HOVER)
    await page.waitForTimeout(400)
  }
  await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' })
  const cards = await page.locator('[data-testid="kpi-card"]').count()
  console.log(`saved ${out}; kpi cards: ${cards}; external requests: ${external.length}`)
  if (external.length) console.log(external.join('\n'))
} finally {
  await browser.close()
}
