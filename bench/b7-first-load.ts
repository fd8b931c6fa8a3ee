/**
 * B7 (issue 14, item 10): every view's first load in Chromium, from navigation to the list's rows
 * visible, on the sample network after a simulated day under Dispatch (so the logs, events and run
 * history hold what a running network shows). Target: ≤ 500 ms, median and p95 of 10 loads a view.
 *
 * A "first load" is a new browser (an empty context: no HTTP cache, no code cache) of a session
 * that has not seen the page: each load signs in anew (its own session), so the server's page cache
 * (keyed by session) never answers it and every load is a full server render, a full download of
 * the page's scripts and its hydration. The server is the one `npm start` runs (scripts/serve.mjs,
 * one process per core, page cache on). Two unmeasured loads a view first load its route's code
 * in both server processes. Beside the figure each load records where its time went, from the
 * browser's Navigation Timing: the server's answer (responseStart), the document parsed with its
 * scripts (domContentLoadedEventEnd) and `load`.
 *
 * Usage: `node --import tsx bench/b7-first-load.ts '<{"out","file","loads"}>'` (bench/run.ts; the file holds the sample network).
 */
import fs from 'node:fs';
import os from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase } from '@/db/client';
import { createAccount } from '@/lib/auth/accounts';
import { createSession } from '@/lib/auth/sessions';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import { now } from '@/lib/dirsync/clock';
import { dispatch } from '@/lib/scheduler/dispatch';
import { resyncDirections } from '@/lib/resync/predict-resync';
import { createWizard } from '@/lib/resync/wizard-state';
import { buildNext, startServer } from './lib/next-server';

export interface B7View {
  label: string;
  url: string;
  /** Milliseconds from navigation to the list's rows (or a sheet's fields) visible, one per load. */
  times: number[];
  /** Navigation Timing of each load: the server's first byte, DOMContentLoaded end, load end (ms from navigation start). */
  ttfb: number[];
  dcl: number[];
  loaded: number[];
  /** Bytes of script the page loaded (first load). */
  scriptBytes: number;
}

const input = JSON.parse(process.argv[2]) as { out: string; file: string; loads: number };
const PORT = 3191;
const WARM = 2;
const log = (t: string) => process.stderr.write(`    ${t}\n`);

/** Every view of the console, with what shows its list's rows (or, for a sheet or dialog, its fields). */
function views(wizard: number): { label: string; url: string; ready: string }[] {
  const rows = (table: string) => `${table} tbody tr`;
  const fields = 'main form :is(input:not([type=hidden]), select, textarea, [role=listbox])';
  const connector = ['general', 'interchange', 'local-postoffice', 'connections', 'connector-mtas', 'address-space', 'diagnostics-logging'];
  const dxa = ['general', 'e-mail-addresses', 'delivery-restrictions', 'incoming-templates', 'outgoing-templates', 'diagnostics-logging'];
  const requestor = ['general', 'import-container', 'export-containers', 'settings', 'schedule'];
  return [
    { label: 'overview', url: '/', ready: rows('table[aria-labelledby="postoffices-caption"]') },
    { label: 'postoffice page', url: '/msmail/POLYNOMIAL~MONTGOMERY', ready: rows('table[aria-label="Mailboxes"]') },
    { label: 'postoffice logs', url: '/msmail/POLYNOMIAL~MONTGOMERY/logs', ready: rows('main table') },
    { label: 'postoffice files', url: '/msmail/POLYNOMIAL~MONTGOMERY/files', ready: rows('main table') },
    { label: 'Event Viewer', url: '/exchange/EXCH01/events', ready: rows('table[aria-label="Events"]') },
    { label: 'audit', url: '/audit', ready: rows('main table') },
    { label: 'Connections', url: '/exchange/EXCH01/connections', ready: rows('table[aria-label="Connections"]') },
    ...connector.map((t) => ({ label: `connector ${t}`, url: `/exchange/EXCH01/connector/${t}`, ready: fields })),
    ...dxa.map((t) => ({ label: `directory synchronization ${t}`, url: `/exchange/EXCH01/directory-synchronization/${t}`, ready: fields })),
    ...requestor.map((t) => ({ label: `dirsync requestor ${t}`, url: `/exchange/EXCH01/requestor/${t}`, ready: fields })),
    { label: 'services', url: '/exchange/EXCH01/services', ready: 'main [role=listbox] [role=option]' },
    { label: 'registry', url: '/exchange/EXCH01/registry', ready: 'main dl' },
    { label: 'recipients', url: '/exchange/EXCH01/recipients/Recipients', ready: rows('table[aria-labelledby="recipients-caption"]') },
    { label: 'server files', url: '/exchange/EXCH01/files', ready: rows('main table') },
    { label: 'run history', url: '/history', ready: rows('main table') },
    { label: 'health', url: '/health', ready: 'main h2' },
    { label: 'accounts', url: '/accounts', ready: rows('main table') },
    { label: 'security log', url: '/security-log', ready: rows('main table') },
    { label: 'account and password', url: '/account', ready: fields },
    { label: 'new postoffice', url: '/new/postoffice', ready: 'form input:not([type=hidden])' },
    { label: 'new exchange server', url: '/new/exchange-server', ready: 'form input:not([type=hidden])' },
    { label: 'resync wizard: direction', url: '/wizards/resync/new', ready: 'main input[type=radio]' },
    ...['requestors', 'prediction', 'files', 'steps'].map((p) => ({ label: `resync wizard: ${p}`, url: `/wizards/resync/${wizard}?page=${p}`, ready: 'main h2' })),
  ];
}

/** The sample network after a simulated day under Dispatch, an Admin, a session per load, a Resync Wizard run. */
function prepare(sessionsNeeded: number): { tokens: string[]; wizard: number } {
  // The file holds the sample network as `npm start` loads it (bench/run.ts made it with scripts/prepare-db.ts).
  const db = openDatabase(input.file);
  dispatch(db, { until: now(db) + 86_400_000 });
  const admin = createAccount(db, { name: 'bench', password: 'bench password', role: 'admin' }, { firstRun: true });
  const d = resyncDirections(db)[0];
  const wizard = createWizard(db, { direction: d.direction, dss: d.dss, requestors: d.requestors.slice(0, 1) }, 'bench');
  const tokens = Array.from({ length: sessionsNeeded }, () => createSession(db, admin.id).token);
  db.$client.close();
  return { tokens, wizard };
}

/** One first load: a new context with a new session, navigation, the rows visible. */
async function firstLoad(browser: Browser, base: string, url: string, ready: string, token: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  let scriptBytes = 0;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scriptBytes += Number(r.headers()['content-length'] ?? 0);
  });
  try {
    const t0 = performance.now();
    const response = await page.goto(base + url, { waitUntil: 'commit' });
    if (!response || response.status() !== 200 || !new URL(page.url()).pathname.startsWith(url.split('?')[0])) throw new Error(`B7: ${url} answered ${response?.status()} at ${page.url()}`);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 20_000 });
    const ms = performance.now() - t0;
    await page.waitForLoadState('load');
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, loaded: n.loadEventEnd };
    });
    return { ms, ...nav, scriptBytes };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  buildNext();
  const probe = views(0);
  const perView = WARM + input.loads;
  const { tokens, wizard } = prepare(probe.length * perView);
  const list = views(wizard);
  const server = await startServer(input.file, PORT, os.availableParallelism());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  const results: B7View[] = [];
  let next = 0;
  try {
    for (const v of list) {
      const r: B7View = { label: v.label, url: v.url, times: [], ttfb: [], dcl: [], loaded: [], scriptBytes: 0 };
      for (let k = 0; k < perView; k++) {
        const one = await firstLoad(browser, base, v.url, v.ready, tokens[next++]);
        if (k < WARM) continue;
        r.times.push(one.ms);
        r.ttfb.push(one.ttfb);
        r.dcl.push(one.dcl);
        r.loaded.push(one.loaded);
        r.scriptBytes = one.scriptBytes;
      }
      const sorted = [...r.times].sort((a, b) => a - b);
      log(`${v.label}: median ${sorted[sorted.length >> 1].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
      results.push(r);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  fs.writeFileSync(input.out, JSON.stringify({ views: results }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
