// What the browser tests share: Debian's Chromium through playwright-core (from ui/'s
// node_modules), and waiting for `junheng serve` to answer.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Headless Chromium, no sandbox (root in CI), no background traffic of its own. */
export async function launchChromium(root) {
  const { chromium } = createRequire(resolve(root, 'ui/package.json'))('playwright-core')
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Waits until the server at `base` answers; a debug build on a loaded machine can take a while
 * to open the database and bind. */
export async function waitForServer(base) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base)).ok) return
    } catch {}
    if (i > 600) throw new Error('junheng serve did not start within 60 s')
    await sleep(100)
  }
}

/** A page of a fresh context in zh-CN (plus the given localStorage entries) that records every
 * request leaving 127.0.0.1 (`external`: the app must fetch nothing unasked) and every uncaught
 * page error (`pageErrors`: each fails the run, whatever the checks saw). */
export async function openPage(browser, storage = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  await context.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v)
  }, { 'junheng.locale': 'zh-CN', ...storage })
  const page = await context.newPage()
  const external = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.protocol.startsWith('http') && u.hostname !== '127.0.0.1') external.push(r.url())
  })
  const pageErrors = []
  page.on('pageerror', (e) => {
    console.error('pageerror:', e.message)
    pageErrors.push(e.message)
  })
  return { page, external, pageErrors }
}
