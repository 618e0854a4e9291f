// Checks of the installed desktop app, run by scripts/test-package.sh after `apt-get install`.
// Unlike smoke.mjs, the app gets no JUNHENG_DB: it opens the database in its own data folder
// (~/.local/share/cn.junheng.planner/junheng.db) under HOME=$JUNHENG_TEST_HOME, as it does for
// a user who starts it from the menu. Speaks plain W3C WebDriver to tauri-driver (no npm
// packages). Run under xvfb-run and dbus-run-session.
//
// Usage: JUNHENG_DESKTOP_BIN=/usr/bin/junheng-desktop JUNHENG_TEST_HOME=DIR \
//          node tests/desktop/installed.mjs first-start
//        … node tests/desktop/installed.mjs upgrade 'COUNTY（CODE）'
//   first-start  the folder is empty: the app makes the database, opens the demo county 云和县
//                and shows the way to 新建县区
//   upgrade      the folder holds a database of an earlier release: the app shows its county
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [mode, expectedCounty] = process.argv.slice(2);
const app = process.env.JUNHENG_DESKTOP_BIN ?? '/usr/bin/junheng-desktop';
const home = process.env.JUNHENG_TEST_HOME;
if (!home || !['first-start', 'upgrade'].includes(mode) || (mode === 'upgrade' && !expectedCounty)) {
  console.error("usage: JUNHENG_TEST_HOME=DIR node installed.mjs first-start | upgrade 'COUNTY（CODE）'");
  process.exit(2);
}
const dbPath = join(home, '.local/share/cn.junheng.planner/junheng.db');
const port = 4446;
const base = `http://127.0.0.1:${port}`;

// The app inherits the driver's environment: a user's, with nothing pointing at a database.
const env = { ...process.env, HOME: home, XDG_DOWNLOAD_DIR: join(home, 'Downloads') };
for (const k of ['JUNHENG_DB', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) delete env[k];
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env,
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function wd(method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}
const run = (session, script, args = []) => wd('POST', `/session/${session}/execute/sync`, { script, args });

const results = []; // [name, 'ok' | 'FAILED' | 'skip', note]
let session;
const started = Date.now();
try {
  for (let i = 0; ; i++) {
    try { await fetch(base + '/status'); break; } catch { if (i > 100) throw new Error('tauri-driver did not start'); await sleep(100); }
  }
  const created = await wd('POST', '/session', {
    capabilities: { alwaysMatch: { 'tauri:options': { application: app } } },
  });
  session = created.sessionId;
  // The header shows the county once the dashboard has loaded it.
  // The four KPIs the county is judged by (the dashboard may show more cards).
  const KPIS = ['slots_per_1000', 'nursing_bed_share', 'beds_per_1000_elderly', 'schools_meeting_standard'];
  let header = '';
  let kpis = [];
  const complete = () => header && KPIS.every((k) => kpis.includes(k));
  for (let i = 0; i < 160 && !complete(); i++) {
    header = await run(session, 'const e = document.querySelector("[data-testid=county-name]"); return e ? e.textContent.trim() : ""');
    kpis = await run(session, 'return [...document.querySelectorAll("[data-testid=kpi-card]")].map((e) => e.getAttribute("data-kpi"))');
    if (!complete()) await sleep(250);
  }
  const paintedMs = Date.now() - started;
  const county = mode === 'first-start' ? '云和县（331125）' : expectedCounty;
  results.push([`the header shows ${county}`, header.includes(county) ? 'ok' : 'FAILED', header || '(no county in the header)']);
  results.push(['the dashboard computes the four KPIs', KPIS.every((k) => kpis.includes(k)) ? 'ok' : 'FAILED', kpis.join(', ')]);
  results.push([`the database is in the data folder (${dbPath})`, existsSync(dbPath) ? 'ok' : 'FAILED', '']);
  if (mode === 'first-start') {
    // The way to 新建县区: the county switcher in the header opens a menu whose last entry it is.
    await run(session, 'const b = document.querySelector("[data-testid=county-switcher]"); if (b) b.click(); return !!b');
    let entry = 'absent';
    for (let i = 0; i < 20 && entry !== 'visible'; i++) {
      entry = await run(session, `
        const e = document.querySelector('[data-testid=county-new]');
        if (!e) return 'absent';
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' ? 'visible' : 'hidden';`);
      if (entry !== 'visible') await sleep(250);
    }
    results.push(['the county switcher offers 新建县区 on first start', entry === 'visible' ? 'ok' : 'FAILED', entry]);
  }
  if (process.env.JUNHENG_TEST_SHOT) {
    const png = await wd('GET', `/session/${session}/screenshot`);
    (await import('node:fs')).writeFileSync(process.env.JUNHENG_TEST_SHOT, Buffer.from(png, 'base64'));
  }
  console.log(`installed app (${mode}): dashboard painted ${paintedMs} ms after the session request`);
} catch (e) {
  results.push(['the installed app starts and answers WebDriver', 'FAILED', e.message]);
} finally {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver.kill();
}
for (const [name, verdict, note] of results) {
  console.log(`${verdict} - installed app (${mode}): ${name}${note ? ` [${note}]` : ''}`);
}
const count = (v) => results.filter((r) => r[1] === v).length;
console.log(`${count('ok')} passed, ${count('FAILED')} failed, ${count('skip')} skipped`);
process.exit(count('FAILED') ? 1 : 0);
