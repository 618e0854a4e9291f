// Desktop smoke test: starts the real Junheng window through tauri-driver + WebKitWebDriver and
// checks that the dashboard shows 云和县 and its five KPI cards. Speaks plain W3C WebDriver over
// HTTP (Node's fetch), so it needs no npm packages. Run under xvfb-run and dbus-run-session.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const app = process.env.JUNHENG_DESKTOP_BIN ?? join(root, 'target/debug/junheng-desktop');
const port = 4444;
const base = `http://127.0.0.1:${port}`;
const shot = process.env.JUNHENG_SMOKE_SHOT; // optional PNG path for a screenshot
const dataDir = mkdtempSync(join(tmpdir(), 'junheng-smoke-'));

const driver = spawn('tauri-driver', ['--port', String(port)], {
  stdio: ['ignore', 'inherit', 'inherit'],
  // HOME points into the temp folder so the export lands in a Downloads folder we can check.
  env: { ...process.env, JUNHENG_DB: join(dataDir, 'smoke.db'), HOME: dataDir, XDG_DOWNLOAD_DIR: join(dataDir, 'Downloads') },
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

let session;
let failed = false;
const started = Date.now();
try {
  for (let i = 0; ; i++) {
    try { await fetch(base + '/status'); break; } catch { if (i > 100) throw new Error('tauri-driver did not start'); await sleep(100); }
  }
  const created = await wd('POST', '/session', {
    capabilities: { alwaysMatch: { 'tauri:options': { application: app } } },
  });
  session = created.sessionId;
  // Wait for the dashboard to paint its KPI cards.
  let cards = [];
  for (let i = 0; i < 120; i++) {
    cards = await wd('POST', `/session/${session}/elements`, { using: 'css selector', value: '[data-testid="kpi-card"]' });
    if (cards.length >= 5) break;
    await sleep(250);
  }
  const paintedMs = Date.now() - started;
  const text = await wd('POST', `/session/${session}/execute/sync`, { script: 'return document.body.innerText', args: [] });
  const kpis = await wd('POST', `/session/${session}/execute/sync`, {
    script: 'return [...document.querySelectorAll("[data-testid=kpi-card]")].map(e => e.getAttribute("data-kpi"))',
    args: [],
  });
  if (process.env.JUNHENG_SMOKE_DUMP) {
    // Debugging aid: print the HTML of one element as the desktop webview renders it.
    console.log(await wd('POST', `/session/${session}/execute/sync`, {
      script: 'const e = document.querySelector(arguments[0]); return e ? e.outerHTML : "(none)"',
      args: [process.env.JUNHENG_SMOKE_DUMP],
    }));
  }
  if (shot) {
    const png = await wd('GET', `/session/${session}/screenshot`);
    (await import('node:fs')).writeFileSync(shot, Buffer.from(png, 'base64'));
  }
  // The schools page exports its workbook; the desktop saves it into Downloads.
  await wd('POST', `/session/${session}/execute/sync`, { script: 'location.hash = "#/schools"', args: [] });
  let exportButton = [];
  for (let i = 0; i < 80 && exportButton.length === 0; i++) {
    exportButton = await wd('POST', `/session/${session}/elements`, { using: 'css selector', value: '[data-testid="export-xlsx"]:not([disabled])' });
    if (exportButton.length === 0) await sleep(250);
  }
  let exported = [];
  if (exportButton.length) {
    const id = Object.values(exportButton[0])[0];
    await wd('POST', `/session/${session}/element/${id}/click`, {});
    const { readdirSync, existsSync } = await import('node:fs');
    const downloads = join(dataDir, 'Downloads');
    for (let i = 0; i < 80 && exported.length === 0; i++) {
      exported = existsSync(downloads) ? readdirSync(downloads).filter((f) => f.endsWith('.xlsx')) : [];
      if (exported.length === 0) await sleep(250);
    }
  }
  const checks = [
    ['shows 云和县', text.includes('云和县')],
    ['five KPI cards', cards.length === 5],
    // The 十五五 入托率 stands next to the 托位 per 1,000 residents it supersedes as a target.
    ['the five KPIs', JSON.stringify(kpis) === JSON.stringify(['slots_per_1000', 'enrolment_rate', 'nursing_bed_share', 'beds_per_1000_elderly', 'schools_meeting_standard'])],
    ['Chinese dashboard', text.includes('每千人口托位数')],
    ['schools page exports its workbook into Downloads', exported.length === 1 && exported[0].includes('义务教育优质均衡')],
  ];
  for (const [name, ok] of checks) {
    console.log(`${ok ? 'ok' : 'FAILED'} - desktop smoke: ${name}`);
    if (!ok) failed = true;
  }
  console.log(`desktop smoke: dashboard painted ${paintedMs} ms after session request`);
  if (failed) console.log(text.slice(0, 2000));
  console.log(`${checks.filter((c) => c[1]).length} passed, ${checks.filter((c) => !c[1]).length} failed`);
} catch (e) {
  failed = true;
  console.error('desktop smoke test error:', e.message);
  console.log('0 passed, 1 failed');
} finally {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
