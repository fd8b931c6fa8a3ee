import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { ensureExch02 } from './fixtures/sql';

/**
 * axe-core (WCAG 2 A and AA) on every console view (issue 14, item 12): any violation fails,
 * named with its rule, impact and the elements it found.
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
  ['postoffice MONTGOMERY', '/msmail/POLYNOMIAL~MONTGOMERY'],
  ['postoffice NOVEMBER', '/msmail/POLYNOMIAL~NOVEMBER'],
  ['logs', '/msmail/POLYNOMIAL~MONTGOMERY/logs'],
  ['logs DISPATCH', '/msmail/POLYNOMIAL~MONTGOMERY/logs?file=dispatch'],
];

test.describe('accessibility: axe-core WCAG 2 A and AA on every view', () => {
  test.beforeAll(() => ensureExch02(dirsync));
  for (const width of [1400, 800]) {
    test(`every view at ${width} px has no violation`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height: 900 });
      await signIn(page, undefined, '/');
      const found: string[] = [];
      for (const [name, url] of VIEWS) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        for (const v of result.violations) {
          found.push(`${name} (${url}): ${v.id} [${v.impact}] ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
        }
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }
});
