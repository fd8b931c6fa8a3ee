import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { ensureExch02, withDb } from './fixtures/sql';

// Several page loads a test on a machine shared with other builds: room beyond the default minute.
test.describe.configure({ timeout: 180_000 });

/**
 * axe-core (WCAG 2 A and AA) on every console view (issue 14, item 12): any violation fails, named
 * with its rule, impact and the elements it found. One test a view; the session is made once.
 */
const VIEWS: [string, string][] = [
  ['overview', '/'],
  ['connections', '/exchange/EXCH01/connections'],
  ...['general', 'interchange', 'local-postoffice', 'connections', 'connector-mtas', 'address-space', 'diagnostics-logging'].map(
    (t): [string, string] => [`connector ${t}`, `/exchange/EXCH01/connector/${t}`],
  ),
  ['connector MTA dialog', '/exchange/EXCH01/connector/connector-mtas?mta=Microsoft%20PC%20MTA'],
  ...['general', 'e-mail-addresses', 'delivery-restrictions', 'incoming-templates', 'outgoing-templates', 'diagnostics-logging'].map(
    (t): [string, string] => [`directory synchronization ${t}`, `/exchange/EXCH01/directory-synchronization/${t}`],
  ),
  ...['general', 'import-container', 'export-containers', 'settings', 'schedule'].map((t): [string, string] => [`dirsync requestor ${t}`, `/exchange/EXCH01/requestor/${t}`]),
  ['dirsync server general', '/exchange/EXCH02/dirsync-server/general'],
  ['dirsync server schedule', '/exchange/EXCH02/dirsync-server/schedule'],
  ['remote dirsync requestors', '/exchange/EXCH02/remote-requestors'],
  ['new remote dirsync requestor', '/exchange/EXCH02/remote-requestors/new'],
  ['recipients', '/exchange/EXCH01/recipients/Recipients'],
  ['recipient general', '/exchange/EXCH01/recipients/Recipients/ANNA/general'],
  ['recipient advanced', '/exchange/EXCH01/recipients/Recipients/ANNA/advanced'],
  ['services', '/exchange/EXCH01/services'],
  ['registry', '/exchange/EXCH01/registry'],
  ['events', '/exchange/EXCH01/events'],
  ['events filter', '/exchange/EXCH01/events?dialog=filter'],
  ['audit', '/audit'],
  ['topology', '/topology'],
  ['postoffice MONTGOMERY', '/msmail/POLYNOMIAL~MONTGOMERY'],
  ['postoffice NOVEMBER', '/msmail/POLYNOMIAL~NOVEMBER'],
  ['logs', '/msmail/POLYNOMIAL~MONTGOMERY/logs'],
  ['logs DISPATCH', '/msmail/POLYNOMIAL~MONTGOMERY/logs?file=dispatch'],
  ['postoffice files', '/msmail/POLYNOMIAL~MONTGOMERY/files'],
  ['server files', '/exchange/EXCH01/files'],
  ['run history', '/history'],
  ['health', '/health'],
  ['accounts', '/accounts'],
  ['security log', '/security-log'],
  ['account and password', '/account'],
  ['new postoffice', '/new/postoffice'],
  ['new exchange server', '/new/exchange-server'],
  ['resync wizard direction', '/wizards/resync/new'],
  // A run made in beforeAll (WIZARD stands for its id), each of its pages.
  ...['requestors', 'prediction', 'files', 'steps', 'finish'].map((p): [string, string] => [`resync wizard ${p}`, `/wizards/resync/WIZARD?page=${p}`]),
];
/** The views checked again on a narrow window, where the layout changes most. */
const NARROW = new Set(['overview', 'topology', 'connector connections', 'dirsync requestor schedule', 'remote dirsync requestors', 'services', 'registry', 'events', 'audit', 'postoffice MONTGOMERY', 'logs', 'run history', 'health', 'postoffice files', 'resync wizard steps']);

let state = '';
let wizard = 0;
test.beforeAll(async ({ browser }: { browser: Browser }) => {
  ensureExch02(dirsync);
  const page = await browser.newPage();
  await signIn(page, undefined, '/');
  state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'axe-')), 'state.json');
  await page.context().storageState({ path: state });
  // A Resync Wizard run to look at: the first direction the sample network offers, Next > stores it.
  await page.goto('/wizards/resync/new');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Next >' }).click();
  await expect(page).toHaveURL(/\/wizards\/resync\/\d+\?page=requestors$/);
  wizard = Number(/\/wizards\/resync\/(\d+)/.exec(page.url())![1]);
  await page.close();
});

// The run is only looked at: remove it, so other specs see the network's open runs as before.
test.afterAll(() => {
  if (wizard) withDb((db) => {
    db.prepare('delete from resync_wizard_step where wizard_id = ?').run(wizard);
    db.prepare('delete from resync_wizard where id = ?').run(wizard);
  });
});

test.describe('accessibility: axe-core WCAG 2 A and AA', () => {
  for (const [name, url] of VIEWS) {
    for (const width of NARROW.has(name) ? [1400, 800] : [1400]) {
      test(`${name} at ${width} px has no violation`, async ({ browser }) => {
        const context = await browser.newContext({ storageState: state, viewport: { width, height: 900 } });
        const page = await context.newPage();
        try {
          await page.goto(url.replace('WIZARD', String(wizard)));
          // A view's title, or a dialog page's dialog (its frame behind is hidden from assistive technology).
          await expect(page.getByRole('heading', { level: 1 }).or(page.getByRole('dialog')).first()).toBeVisible();
          const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
          const found = result.violations.map((v) => `${v.id} [${v.impact}] ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).slice(0, 6).join(' | ')}`);
          expect(found, `${url}\n${found.join('\n')}`).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
