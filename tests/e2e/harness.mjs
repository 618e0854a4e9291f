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
