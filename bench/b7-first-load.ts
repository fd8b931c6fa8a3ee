/**
 * B7 (issue 14, item 10): every view's first load in Chromium, from navigation to the list's rows
 * visible, on the sample network after a simulated day under Dispatch (so the logs, events and run
 * history hold what a running network shows). Target: ≤ 500 ms, median and p95 of 10 loads a view.
 *
 * The figure is taken in the page (Navigation Timing's clock, from navigation start): the later of
 * the rows' arrival, visible, in the document and the first contentful paint.
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
import { now } from '@/lib/core/clock';
import { fillPcMtaEvents } from './lib/pc-mta-events';
import { step } from '@/lib/core/statements';
import { recordAudit } from '@/lib/auth/audit';
import { recordSecurity } from '@/lib/auth/security-log';
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
  /** Why the view's rows never showed (the view then has no times). */
  error?: string;
}

/** `base`: measure a console already serving `file` (e.g. `http://127.0.0.1:3000`) instead of building and starting one. */
const input = JSON.parse(process.argv[2]) as { out: string; file: string; loads: number; base?: string; only?: string };
const PORT = 3191;
const WARM = 2;
const log = (t: string) => process.stderr.write(`    ${t}\n`);

/** Every view of the console, with what shows its list's rows (or, for a sheet or dialog, its fields). */
function views(wizard: number): { label: string; url: string; ready: string }[] {
  // The view pane of the console's frame (app/(console)/layout.tsx): not the tree, menus or status bar.
  const rows = (table: string) => `[data-console-view] ${table} tbody tr`;
  const fields = '[data-console-view] form :is(input:not([type=hidden]), select, textarea, [role=listbox])';
  const connector = ['general', 'interchange', 'local-postoffice', 'connections', 'connector-mtas', 'address-space', 'diagnostics-logging'];
  const dxa = ['general', 'e-mail-addresses', 'delivery-restrictions', 'incoming-templates', 'outgoing-templates', 'diagnostics-logging'];
  const requestor = ['general', 'import-container', 'export-containers', 'settings', 'schedule'];
  return [
    { label: 'overview', url: '/', ready: rows('table[aria-labelledby="postoffices-caption"]') },
    { label: 'postoffice page', url: '/msmail/POLYNOMIAL~MONTGOMERY', ready: rows('table[aria-label="Mailboxes"]') },
    { label: 'postoffice logs', url: '/msmail/POLYNOMIAL~MONTGOMERY/logs', ready: rows('table') },
    { label: 'postoffice files', url: '/msmail/POLYNOMIAL~MONTGOMERY/files', ready: rows('table') },
    { label: 'Event Viewer', url: '/exchange/EXCH01/events', ready: rows('table[aria-label="Events"]') },
    { label: 'audit', url: '/audit', ready: rows('table') },
    { label: 'Connections', url: '/exchange/EXCH01/connections', ready: rows('table[aria-label="Connections"]') },
    // The Connector MTAs tab is a list of services, not a form.
    ...connector.map((t) => ({ label: `connector ${t}`, url: `/exchange/EXCH01/connector/${t}`, ready: t === 'connector-mtas' ? '[data-console-view] [role=listbox] [role=option]' : fields })),
    ...dxa.map((t) => ({ label: `directory synchronization ${t}`, url: `/exchange/EXCH01/directory-synchronization/${t}`, ready: fields })),
    ...requestor.map((t) => ({ label: `dirsync requestor ${t}`, url: `/exchange/EXCH01/requestor/${t}`, ready: fields })),
    { label: 'services', url: '/exchange/EXCH01/services', ready: '[data-console-view] [role=listbox] [role=option]' },
    { label: 'registry', url: '/exchange/EXCH01/registry', ready: '[data-console-view] dl' },
    { label: 'recipients', url: '/exchange/EXCH01/recipients/Recipients', ready: rows('table[aria-labelledby="recipients-caption"]') },
    // EXCH01's Dxadata is empty between cycles: the list then says so.
    { label: 'server files', url: '/exchange/EXCH01/files', ready: `${rows('table')}, [data-console-view] [aria-label="Files list"] p` },
    { label: 'run history', url: '/history', ready: rows('table') },
    { label: 'health', url: '/health', ready: '[data-console-view] h2' },
    { label: 'accounts', url: '/accounts', ready: rows('table') },
    { label: 'security log', url: '/security-log', ready: rows('table') },
    { label: 'account and password', url: '/account', ready: fields },
    { label: 'new postoffice', url: '/new/postoffice', ready: '[data-console-view] form input:not([type=hidden])' },
    { label: 'new exchange server', url: '/new/exchange-server', ready: '[data-console-view] form input:not([type=hidden])' },
    { label: 'resync wizard: direction', url: '/wizards/resync/new', ready: '[data-console-view] input[type=radio]' },
    ...['requestors', 'prediction', 'files', 'steps'].map((p) => ({ label: `resync wizard: ${p}`, url: `/wizards/resync/${wizard}?page=${p}`, ready: '[data-console-view] h2' })),
  ];
}

/** The sample network after a simulated day under Dispatch, an Admin, a session per load, a Resync Wizard run. */
function prepare(sessionsNeeded: number): { tokens: string[]; wizard: number } {
  // The file holds the sample network as `npm start` loads it (bench/run.ts made it with scripts/prepare-db.ts).
  const db = openDatabase(input.file);
  dispatch(db, { until: now(db) + 86_400_000 });
  // EXCH01's Application log as the PC MTA at Maximum logging fills it (as in B4): 1,000 events, a second apart.
  fillPcMtaEvents(db, 1000);
  // Against a running console (`base`) the file may already have its administrator from an earlier run.
  const admin = (db.$client.prepare("select id from account where name = 'bench'").get() as { id: number } | undefined) ?? createAccount(db, { name: 'bench', password: 'bench password', role: 'admin' }, { by: 'bench' });
  const d = resyncDirections(db)[0];
  const wizard = createWizard(db, { direction: d.direction, dss: d.dss, requestors: d.requestors.slice(0, 1) }, 'bench');
  // What a console in use has in its audit trail and security log: a page of each.
  step(db, () => {
    for (let k = 0; k < 60; k++) {
      recordAudit(db, { accountName: 'bench', action: 'set', object: `POLYNOMIAL/NOVEMBER mailbox USER${k}`, before: { fullName: `User ${k}` }, after: { fullName: `User ${k} (renamed)` } });
      recordSecurity(db, { kind: 'signed in', accountName: 'bench', address: '127.0.0.1', detail: 'bench' });
    }
  });
  const events = db.$client.prepare('select count(*) from event').pluck().get() as number;
  if (events === 0) throw new Error('B7: no event in the Application log');
  const tokens = Array.from({ length: sessionsNeeded }, () => createSession(db, admin.id).token);
  db.$client.close();
  return { tokens, wizard };
}

/**
 * Installed before the page's own scripts: notes (performance.now(), from navigation start) when
 * an element matching the view's selector is first in the document and visible. Playwright's own
 * visibility wait polls on animation frames, which wait behind the page's scripts, so it would
 * report hydration, not the moment the rows are on screen. A string, not a function: the loader
 * this runs under renames functions (keepNames), which the page would not know.
 */
const watchRows = (selector: string) => `
  window.__rowsAt = null;
  const observer = new MutationObserver(() => {
    if (window.__rowsAt !== null) return;
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      if (el.checkVisibility()) {
        window.__rowsAt = performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
`;

/**
 * One first load: a new context with a new session, navigation, and the moment the rows are
 * painted: the later of their arrival (visible in the document) and the first contentful paint.
 */
async function firstLoad(browser: Browser, base: string, url: string, ready: string, token: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.addInitScript(watchRows(ready));
  let scriptBytes = 0;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scriptBytes += Number(r.headers()['content-length'] ?? 0);
  });
  try {
    const response = await page.goto(base + url, { waitUntil: 'commit' });
    if (!response || response.status() !== 200 || !new URL(page.url()).pathname.startsWith(url.split('?')[0])) throw new Error(`B7: ${url} answered ${response?.status()} at ${page.url()}`);
    await page.waitForFunction(
      () => (window as unknown as { __rowsAt: number | null }).__rowsAt !== null && performance.getEntriesByName('first-contentful-paint').length > 0,
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    await page.waitForLoadState('load');
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
      const rows = (window as unknown as { __rowsAt: number }).__rowsAt;
      return { ms: Math.max(rows, fcp), ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, loaded: n.loadEventEnd };
    });
    return { ...nav, scriptBytes };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!input.base) buildNext();
  const perView = WARM + input.loads;
  const { tokens, wizard } = prepare(views(0).length * perView);
  const list = views(wizard).filter((v) => !input.only || v.label.includes(input.only));
  const server = input.base ? null : await startServer(input.file, PORT, os.availableParallelism());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const base = input.base ?? `http://127.0.0.1:${PORT}`;
  const results: B7View[] = [];
  let next = 0;
  try {
    for (const v of list) {
      const r: B7View = { label: v.label, url: v.url, times: [], ttfb: [], dcl: [], loaded: [], scriptBytes: 0 };
      for (let k = 0; k < perView; k++) {
        const token = tokens[next++];
        let one: Awaited<ReturnType<typeof firstLoad>>;
        try {
          one = await firstLoad(browser, base, v.url, v.ready, token);
        } catch (e) {
          // A view that never shows its rows is a failure of that view, not of the whole run.
          r.error = (e as Error).message.split('\n')[0];
          next += perView - k - 1;
          break;
        }
        if (k < WARM) continue;
        r.times.push(one.ms);
        r.ttfb.push(one.ttfb);
        r.dcl.push(one.dcl);
        r.loaded.push(one.loaded);
        r.scriptBytes = one.scriptBytes;
      }
      const sorted = [...r.times].sort((a, b) => a - b);
      if (r.error) log(`${v.label}: FAILED: ${r.error}`);
      else log(`${v.label}: median ${sorted[sorted.length >> 1].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
      results.push(r);
    }
  } finally {
    await browser.close();
    server?.stop();
  }
  fs.writeFileSync(input.out, JSON.stringify({ views: results }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
