/**
 * B7 (issue 14, item 10): every view's first look in Chromium, from the user's action to the view's
 * rows visible, on the sample network after a simulated day under Dispatch (so the logs, events and
 * run history hold what a running network shows). Target: ≤ 500 ms, median of 10 looks a view on
 * each path, and their p95.
 *
 * A first look is one the server has not answered for this session: its page cache (per session)
 * never answers, so every look is a full server render. Measured on the three paths a user takes
 * to a view (docs/benchmarks.md, B7), in a new browser context (no HTTP cache, no code cache) each
 * time, the three in turn so that each context serves three different views:
 * - **after sign-in**: the sign-in page with the view as its `next`, the form filled, from the
 *   click on Sign in (the password check included) to the rows painted;
 * - **by a click**: in the console just shown, the router's navigation to another view (what a
 *   link in the tree or a tab does), from the navigation to the rows painted;
 * - **by address**: in the same tab, a third view typed or reloaded, a full document load, from
 *   navigation start to the later of the rows' arrival and the first contentful paint.
 * As information, a fourth that no user meets: a full load in an empty browser that already holds
 * a session (a browser that holds the cookie has loaded the console before); what the stop before
 * measured as the figure, kept to show a new renderer's and a cold compile's cost.
 *
 * The server is the one `npm start` runs (scripts/serve.mjs, one process per core, page cache on).
 * Two unmeasured loads a view first load its route's code in both server processes.
 *
 * Usage: `node --import tsx bench/b7-first-load.ts '<{"out","file","loads"}>'` (bench/run.ts; the file holds the sample network).
 */
import fs from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
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
  /** Milliseconds to the view's rows (or a sheet's fields) on screen, one per look, on each path a user takes. */
  signIn: number[];
  click: number[];
  address: number[];
  /** Information: a full load in an empty browser holding a session, and where its time went (Navigation Timing: the server's first byte, DOMContentLoaded end, load end). */
  empty: number[];
  ttfb: number[];
  dcl: number[];
  loaded: number[];
  /** Bytes of script the page loaded (first load). */
  scriptBytes: number;
  /** Why the view's rows never showed (the view then has no times). */
  error?: string;
}

/** `base`: measure a console already serving `file` (e.g. `http://127.0.0.1:3000`) instead of building and starting one. */
const input = JSON.parse(process.argv[2]) as { out: string; file: string; loads: number; emptyLoads?: number; base?: string; only?: string };
const PORT = 3191;
const WARM = 2;
const log = (t: string) => process.stderr.write(`    ${t}\n`);
/** The administrator every look signs in as (the sign-in path types these into the form). */
const ACCOUNT = { name: 'bench', password: 'bench password' };

/** Every view of the console, with what shows its list's rows (or, for a sheet or dialog, its fields). */
interface View {
  label: string;
  url: string;
  ready: string;
}

function views(wizard: number): View[] {
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
  const admin = (db.$client.prepare('select id from account where name = ?').get(ACCOUNT.name) as { id: number } | undefined) ?? createAccount(db, { ...ACCOUNT, role: 'admin' }, { by: 'bench' });
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
 * an element matching the selector (given, or the one the tab holds in sessionStorage `b7.ready`)
 * is first in the document and visible. Playwright's own visibility wait polls on animation frames, which wait
 * behind the page's scripts, so it would report hydration, not the moment the rows are on screen.
 * A string, not a function: the loader this runs under renames functions (keepNames), which the
 * page would not know.
 */
const watchRows = (selector?: string) => `
  window.__rowsAt = null;
  const selector = ${selector ? JSON.stringify(selector) : "sessionStorage.getItem('b7.ready')"};
  if (selector) {
    const observer = new MutationObserver(() => {
      if (window.__rowsAt !== null) return;
      for (const el of document.querySelectorAll(selector)) {
        if (el.checkVisibility()) {
          window.__rowsAt = performance.now();
          observer.disconnect();
          return;
        }
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }
`;

/**
 * In the page: resolves with the milliseconds from `start` (a click on the sign-in button, or the
 * router's navigation) to the frame after the target view's rows are in the document and visible
 * at the target's address. The router writes the address in the commit that shows the new view,
 * so a mutation seen at the new address is the new view's. The document must stay the same (a
 * soft navigation); should the browser load a new one, the evaluation fails and so does the look.
 */
const softLook = (url: string, ready: string, start: 'sign-in' | 'router') => `new Promise((resolve, reject) => {
  const url = ${JSON.stringify(url)}, ready = ${JSON.stringify(ready)};
  let t0 = performance.now();
  setTimeout(() => reject(new Error('no rows of ' + url + ' in 30 s; the tab shows ' + location.pathname + location.search)), 30000);
  const observer = new MutationObserver(() => {
    if (location.pathname + location.search !== url) return;
    for (const el of document.querySelectorAll(ready)) {
      if (el.checkVisibility()) {
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  ${start === 'sign-in' ? "document.querySelector('button[type=submit]').addEventListener('click', () => { t0 = performance.now(); }, { capture: true });" : 'window.next.router.push(url);'}
})`;

/** Waits until the tab's main thread is idle: the view before has run its effects. */
const idle = 'new Promise((resolve) => requestIdleCallback(() => resolve(0), { timeout: 2000 }))';

/** A full document load of `url` in `page`: the later of the rows' arrival (visible) and the first contentful paint, with Navigation Timing. */
async function addressLoad(page: Page, base: string, url: string) {
  const response = await page.goto(base + url, { waitUntil: 'commit' });
  if (!response || response.status() !== 200 || !new URL(page.url()).pathname.startsWith(url.split('?')[0])) throw new Error(`B7: ${url} answered ${response?.status()} at ${page.url()}`);
  await page.waitForFunction(
    () => (window as unknown as { __rowsAt: number | null }).__rowsAt !== null && performance.getEntriesByName('first-contentful-paint').length > 0,
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  await page.waitForLoadState('load');
  return page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
    const rows = (window as unknown as { __rowsAt: number }).__rowsAt;
    return { ms: Math.max(rows, fcp), ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, loaded: n.loadEventEnd };
  });
}

async function newTab(browser: Browser, ready?: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(watchRows(ready));
  return { context, page };
}

/** Information: a full load in an empty browser (a new context) that already holds a session of its own. */
async function emptyBrowserLoad(browser: Browser, base: string, view: View, token: string) {
  const { context, page } = await newTab(browser, view.ready);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  let scriptBytes = 0;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scriptBytes += Number(r.headers()['content-length'] ?? 0);
  });
  try {
    return { ...(await addressLoad(page, base, view.url)), scriptBytes };
  } finally {
    await context.close();
  }
}

/** The three paths in one new browser: sign in to `a`, a click to `b`, the address of `c`. */
async function userLooks(browser: Browser, base: string, a: View, b: View, c: View) {
  const { context, page } = await newTab(browser);
  try {
    await page.goto(`${base}/login?next=${encodeURIComponent(a.url)}`, { waitUntil: 'load' });
    await page.getByLabel('Account name').fill(ACCOUNT.name);
    await page.getByLabel('Password').fill(ACCOUNT.password);
    await page.evaluate(idle);
    const signedIn = page.evaluate(softLook(a.url, a.ready, 'sign-in')) as Promise<number>;
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signIn = await signedIn;
    await page.evaluate(idle);
    const click = (await page.evaluate(softLook(b.url, b.ready, 'router'))) as number;
    await page.evaluate(idle);
    await page.evaluate(`sessionStorage.setItem('b7.ready', ${JSON.stringify(c.ready)})`);
    const address = (await addressLoad(page, base, c.url)).ms;
    return { signIn, click, address };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!input.base) buildNext();
  const emptyLoads = input.emptyLoads ?? 3;
  const all = views(0);
  const { tokens, wizard } = prepare(all.length * (WARM + emptyLoads));
  const list = views(wizard).filter((v) => !input.only || new RegExp(input.only).test(v.label));
  if (list.length < 3) throw new Error('B7: three views at least (a look after sign-in, a click and an address each take another view)');
  const server = input.base ? null : await startServer(input.file, PORT, os.availableParallelism());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const base = input.base ?? `http://127.0.0.1:${PORT}`;
  const results: B7View[] = list.map((v) => ({ label: v.label, url: v.url, signIn: [], click: [], address: [], empty: [], ttfb: [], dcl: [], loaded: [], scriptBytes: 0 }));
  let next = 0;
  try {
    // The empty-browser loads first: their unmeasured ones load each route's code in both server processes.
    for (const [i, v] of list.entries()) {
      const r = results[i];
      for (let k = 0; k < WARM + emptyLoads; k++) {
        const token = tokens[next++];
        try {
          const one = await emptyBrowserLoad(browser, base, v, token);
          if (k < WARM) continue;
          r.empty.push(one.ms);
          r.ttfb.push(one.ttfb);
          r.dcl.push(one.dcl);
          r.loaded.push(one.loaded);
          r.scriptBytes = one.scriptBytes;
        } catch (e) {
          // A view that never shows its rows is a failure of that view, not of the whole run.
          r.error = (e as Error).message.split('\n')[0];
          next += WARM + emptyLoads - k - 1;
          break;
        }
      }
    }
    // Rounds: each view is looked at after sign-in, by a click and by its address once a round.
    const n = list.length;
    for (let round = 0; round < input.loads; round++) {
      for (let i = 0; i < n; i++) {
        const [a, b, c] = [i, (i + 1) % n, (i + 2) % n];
        try {
          const one = await userLooks(browser, base, list[a], list[b], list[c]);
          results[a].signIn.push(one.signIn);
          results[b].click.push(one.click);
          results[c].address.push(one.address);
        } catch (e) {
          results[a].error ??= `looks with ${list[b].label} and ${list[c].label}: ${(e as Error).message.split('\n')[0]}`;
        }
      }
      log(`round ${round + 1} of ${input.loads}`);
    }
    for (const r of results) {
      const med = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1].toFixed(0) : '—');
      if (r.error) log(`${r.label}: FAILED: ${r.error}`);
      else log(`${r.label}: after sign-in ${med(r.signIn)} ms, by a click ${med(r.click)} ms, by address ${med(r.address)} ms; an empty browser ${med(r.empty)} ms (medians)`);
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
