// End-to-end test of the planner's workflow in the real UI: Debian Chromium (playwright-core)
// against `junheng serve --allow-writes` on a fresh demo database. A facility file with errors is
// rejected with every error located → the fixed file imports → a scenario is created → a
// facility is added on the map → the KPI and the township gap change → the scenario is compared
// with the base → the county report is exported as PDF and its text checked with pdftotext → the
// accessibility section lists the under-served townships → a second county, 桐庐县 (330122), is
// created from the bundled national data in the 新建县区 wizard, its township populations are
// imported and its dashboard shows them → the switcher goes back to 云和县.
// Prints "e2e: N passed" at the end; any failed check, and any uncaught error in the page, throws.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { launchChromium, openPage, sleep, waitForServer } from './harness.mjs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

const bin = process.env.JUNHENG_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug/junheng')
const port = 18000 + Math.floor(Math.random() * 1000)
const base = `http://127.0.0.1:${port}`
const dir = mkdtempSync(join(tmpdir(), 'junheng-e2e-'))
const shots = process.env.JUNHENG_E2E_SHOTS // optional folder for screenshots of each step
let passed = 0
const check = (ok, what) => {
  if (!ok) throw new Error(`check failed: ${what}`)
  passed += 1
  console.log(`ok - ${what}`)
}

const server = spawn(bin, ['serve', '--db', join(dir, 'e2e.db'), '--listen', `127.0.0.1:${port}`, '--ui-dir', join(root, 'ui/dist'), '--allow-writes'], {
  stdio: ['ignore', 'inherit', 'inherit'],
})
async function rpc(cmd, payload = {}) {
  const r = await fetch(`${base}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cmd, payload }) })
  const body = await r.json()
  if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(body)}`)
  return body
}
const YUNHE = '331125'
const TONGLU = '330122'

const HEADER = '编号,名称,类型,乡镇（街道）代码,经度,纬度,举办性质,普惠,状态,开办年份,服务模式,核定托位,乳儿班,托小班,托大班,混合班,幼儿园托班,保育人员\n'
// Row 2: unknown township; row 3: caregivers not a number; row 4: outside the county.
const BAD = HEADER +
  'E2E1,浮云社区托育点,社区嵌入式托育点,331125999,119.5888,28.1523,公办,是,现状,2024,全日托,,0,2,2,0,0,10\n' +
  'E2E2,元和社区托育点,社区嵌入式托育点,331125002,119.6625,28.1237,公办,是,现状,2024,全日托,,0,2,2,0,0,十个\n' +
  'E2E3,县外托育点,社区嵌入式托育点,331125001,121.0000,30.0000,公办,是,现状,2024,全日托,,0,2,2,0,0,10\n'
const GOOD = HEADER +
  'E2E1,浮云社区托育点,社区嵌入式托育点,331125001,119.5888,28.1523,公办,是,现状,2024,全日托,,0,2,2,0,0,10\n' +
  'E2E2,元和社区托育点,社区嵌入式托育点,331125002,119.6625,28.1237,公办,是,现状,2024,全日托,,0,2,2,0,0,10\n'

const browser = await launchChromium(root)
try {
  await waitForServer(base)
  const { page, external, pageErrors } = await openPage(browser)
  const noPageErrors = (where) => check(pageErrors.length === 0, `no uncaught error in the page (${where})${pageErrors.length ? `: ${pageErrors.join(' | ')}` : ''}`)
  const shot = async (name) => shots && page.screenshot({ path: join(shots, `${name}.png`) })
  const tid = (id) => page.locator(`[data-testid="${id}"]:visible`)

  // 1. Import with errors: every bad cell listed with its row and column; nothing written.
  const before = await rpc('get_dashboard', { county: YUNHE })
  const slots0 = before.county_assessment.childcare_slots
  await page.goto(`${base}/#/import`)
  await page.locator('[data-testid="import-kind-facilities"]').click()
  const pane = page.locator('#pane-facilities')
  await pane.locator('[data-testid="import-file-input"]').setInputFiles({ name: '托育设施.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) })
  await pane.locator('[data-testid="import-preview"]').waitFor()
  await pane.locator('[data-testid="import-validate"]').click()
  await pane.locator('[data-testid="import-errors"]').waitFor()
  const errors = await pane.locator('[data-testid="import-errors"]').innerText()
  const count = await pane.locator('[data-testid="import-error-count"]').innerText()
  await shot('1-import-errors')
  check(count.trim() === '共 3 处错误', `error count shows 3 (${count.trim()})`)
  check(errors.includes('乡镇（街道）代码') && errors.includes('331125999'), 'unknown township code located')
  check(errors.includes('保育人员') && errors.includes('十个'), 'non-numeric caregivers located')
  check(errors.includes('经度') && errors.includes('121'), 'location outside the county located')
  check((await rpc('get_dashboard', { county: YUNHE })).county_assessment.childcare_slots === slots0, 'rejected file wrote nothing')

  // 2. Fix and import.
  await pane.locator('[data-testid="import-cancel"]').click()
  await pane.locator('[data-testid="import-file-input"]').setInputFiles({ name: '托育设施.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) })
  await pane.locator('[data-testid="import-preview"]').waitFor()
  await pane.locator('[data-testid="import-validate"]').click()
  await pane.locator('[data-testid="import-valid"]').waitFor()
  await pane.locator('[data-testid="import-run"]').click()
  await pane.locator('[data-testid="import-success"]').waitFor()
  await shot('2-import-done')
  // Each row: 2 托大班 take 40 children with ⌈40/7⌉ = 6 carers; the other 4 carers cover
  // 4 × 5 = 20 of the 30 托小班 places: 60 slots per facility (no allocation does better).
  const after = await rpc('get_dashboard', { county: YUNHE })
  const added = after.county_assessment.childcare_slots - slots0
  check(after.facilities.some((f) => f.id === 'E2E1') && added === 120, `imported facilities add ${added} slots (120)`)

  // 3. A scenario, and a new facility placed on the map.
  await page.locator('[data-testid="nav-scenarios"]').click()
  await tid('scenario-new').click()
  await tid('scenario-editor').waitFor()
  await tid('scenario-results').waitFor()
  await page.waitForTimeout(1500)
  const kpiValue = async () => (await page.locator('[data-testid="scenario-kpi"][data-kpi="slots_per_1000"] [data-testid="scenario-kpi-value"]').first().innerText()).trim()
  const gapText = async () => (await tid('gap-table').innerText())
  const kpiBefore = await kpiValue()
  const gapBefore = await gapText()
  await tid('scenario-add-build').click()
  const map = tid('scenario-map')
  await map.waitFor()
  await map.scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  const box = await map.boundingBox()
  // The county fills the map; its centre lies in 浮云街道 / 凤凰山街道.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await tid('build-dialog').waitFor()
  await shot('3-build-dialog')
  const where = await tid('build-township').innerText()
  check(/街道|镇|乡/.test(where), `the clicked point is placed in a township (${where.trim()})`)
  await tid('build-confirm').click()
  await tid('build-dialog').waitFor({ state: 'hidden' })
  let kpiAfter = kpiBefore
  for (let i = 0; i < 50 && kpiAfter === kpiBefore; i++) {
    await page.waitForTimeout(200)
    kpiAfter = await kpiValue()
  }
  await shot('4-scenario-results')
  check(kpiAfter !== kpiBefore, `每千人口托位数 changes after the build (${kpiBefore} → ${kpiAfter})`)
  check((await gapText()) !== gapBefore, 'the township gap table changes after the build')
  const stored = await rpc('list_scenarios', { county: YUNHE })
  check(Array.isArray(stored) && stored.length === 1 && stored[0].interventions.some((i) => i.action.type === 'build'), 'the scenario with its build is stored')

  // 4. Compare with the base.
  await tid('scenario-tab-compare').click()
  await tid('compare-view').waitFor()
  await page.waitForTimeout(1500)
  const compareText = await tid('compare-view').innerText()
  await shot('5-compare')
  check(compareText.includes('基准') && compareText.includes(stored[0].name), 'the comparison shows the base and the new scenario')

  // 5. Export the report as PDF and read it back.
  await tid('export-report').click()
  await tid('export-report-dialog').waitFor()
  await page.locator('[data-testid="export-report-format"] label', { hasText: 'PDF' }).click()
  const pick = page.locator('[data-testid="export-report-scenarios"] label', { hasText: stored[0].name })
  if (!(await pick.locator('input').isChecked())) await pick.click()
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), tid('export-report-confirm').click()])
  const pdfPath = join(dir, 'report.pdf')
  await download.saveAs(pdfPath)
  const pdf = readFileSync(pdfPath)
  check(pdf.subarray(0, 4).toString() === '%PDF', `downloaded ${download.suggestedFilename()} is a PDF`)
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString()
  check(text.includes('云和县'), 'the PDF names the county')
  check(text.includes('每千人口托位数') && text.includes('判定') && text.includes('依据'), 'the PDF has the KPI table')
  check(text.includes(stored[0].name), 'the PDF compares the new scenario')

  // 6. Accessibility: the rural townships without a childcare place are listed as 盲区.
  await page.keyboard.press('Escape')
  await page.locator('[data-testid="nav-siting"]').click()
  await tid('access-panel').waitFor()
  await tid('access-run').click()
  await tid('underserved-list').waitFor()
  const under = await tid('underserved-list').innerText()
  await shot('6-accessibility')
  check(under.includes('崇头镇') && !under.includes('浮云街道'), '崇头镇 is a 盲区 and the county seat is not')
  noPageErrors('云和县')

  // 7. A second county from the national data: 桐庐县 in the 新建县区 wizard.
  await page.locator('[data-testid="nav-dashboard"]').click()
  await tid('county-switcher').click()
  await tid('county-new').click()
  await tid('county-wizard').waitFor()
  await tid('wizard-search').fill('桐庐')
  await page.locator(`[data-testid="wizard-found"] button[data-code="${TONGLU}"]`).click()
  await tid('wizard-report').waitFor()
  const report = await tid('wizard-report').innerText()
  await shot('7-wizard-preview')
  check((await tid('wizard-population').innerText()).trim() === '453,106', 'the preview gives 桐庐县 its census population (453,106)')
  check((await page.locator('[data-testid="wizard-townships"] tbody tr').count()) === 14 && report.includes('待导入'), 'the preview lists its 14 townships, populations 待导入')
  await tid('wizard-create').click()
  await tid('county-wizard').waitFor({ state: 'hidden' })
  await page.locator('[data-testid="county-name"]', { hasText: '桐庐县' }).waitFor()
  await tid('township-table').waitFor()
  await shot('8-tonglu-created')
  const pendingCells = await page.locator('[data-testid="township-table"] [data-pending]').count()
  check(pendingCells === 14 * 5, `every township of 桐庐县 shows 待导入, never 0 (${pendingCells} cells)`)
  check((await rpc('list_counties')).map((c) => c.code).sort().join() === [TONGLU, YUNHE].sort().join(), 'both counties are stored')

  // 8. Its township populations (test data, not real figures): 14 townships, 30,000 + 1,000 × i.
  const preview = await rpc('preview_county', { code: TONGLU })
  const csv = '乡镇（街道）代码,名称,常住人口\n' + preview.townships.map((t, i) => `${t.code},${t.name},${30000 + 1000 * i}`).join('\n') + '\n'
  const total = preview.townships.reduce((s, _, i) => s + 30000 + 1000 * i, 0)
  await page.locator('[data-testid="nav-import"]').click()
  await page.locator('[data-testid="import-kind-zones"]').click()
  const zones = page.locator('#pane-zones')
  await zones.locator('[data-testid="import-file-input"]').setInputFiles({ name: '桐庐乡镇人口（测试数据）.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await zones.locator('[data-testid="import-preview"]').waitFor()
  await zones.locator('[data-testid="import-validate"]').click()
  await zones.locator('[data-testid="import-valid"]').waitFor()
  await zones.locator('[data-testid="import-run"]').click()
  await zones.locator('[data-testid="import-success"]').waitFor()
  await shot('9-tonglu-imported')
  const imported = await rpc('get_dashboard', { county: TONGLU })
  check(imported.township_info.every((i) => i.population_status === 'imported'), 'every township of 桐庐县 now has its imported population')
  // 14 × 30,000 + 1,000 × (0 + … + 13) = 511,000 > 453,106: the townships take the whole census
  // remainder and the county grows to their sum (census base, as stored).
  const censusBase = await rpc('assess', { county: TONGLU })
  check(total === 511000 && censusBase.county.resident_population === total && censusBase.unallocated === null,
    `the county is the sum of its imported townships (${censusBase.county.resident_population} = ${total})`)

  // 9. Its dashboard shows the figures, then back to 云和县.
  await page.locator('[data-testid="nav-dashboard"]').click()
  await tid('township-table').waitFor()
  await page.waitForTimeout(500)
  check((await page.locator('[data-testid="township-table"] [data-pending]').count()) === 0, '桐庐县 dashboard: no township figure is 待导入 any more')
  const firstTown = preview.townships[preview.townships.length - 1]
  const tableText = await tid('township-table').innerText()
  check(tableText.includes(firstTown.name), `the table lists ${firstTown.name}`)
  await shot('10-tonglu-dashboard')
  await tid('county-switcher').click()
  await page.locator(`[data-testid="county-item"][data-code="${YUNHE}"]`).click()
  await page.locator('[data-testid="county-name"]', { hasText: '云和县' }).waitFor()
  await page.locator('[data-testid="township-table"]', { hasText: '浮云街道' }).waitFor()
  check((await page.evaluate(() => localStorage.getItem('junheng.county'))) === YUNHE, 'the switch back to 云和县 is remembered')
  await shot('11-back-to-yunhe')
  noPageErrors('桐庐县')

  check(external.length === 0, `no request left the machine (${external.length})`)
} catch (e) {
  if (shots) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(shots, 'failure.png') })
  throw e
} finally {
  await browser.close()
  server.kill()
  rmSync(dir, { recursive: true, force: true })
}
console.log(`e2e: ${passed} passed`)
