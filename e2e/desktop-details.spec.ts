import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { withDb } from './fixtures/sql';

// Several page loads a test on a machine shared with other builds: room beyond the default minute.
test.describe.configure({ timeout: 180_000 });

test.use({ viewport: { width: 1400, height: 900 } });

const MARK = 'Details check line';

test.describe('smaller things (issue 14, item 11)', () => {
  test('Event Detail walks the list with Previous and Next', async ({ page }) => {
    // Events of its own: restarting the DXA logs its stop and start.
    dirsync('service', 'restart', 'EXCH01', 'MSExchangeDX');
    await signIn(page, undefined, '/exchange/EXCH01/events');
    const rows = page.getByRole('table', { name: 'Events' }).locator('tbody tr');
    await expect(rows.nth(1)).toBeVisible();
    const second = (await rows.nth(1).locator('td').nth(4).textContent())!.trim();
    await rows.first().getByRole('link').click();
    const detail = page.getByRole('dialog', { name: 'Event Detail' });
    await expect(detail.getByRole('button', { name: 'Previous', exact: true })).toBeDisabled();
    const firstUrl = page.url();
    await detail.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page).not.toHaveURL(firstUrl);
    await expect(detail).toContainText(`Event ID:${second}`);
    await expect(detail.getByRole('button', { name: 'Previous', exact: true })).toBeEnabled();
    await page.screenshot({ path: test.info().outputPath('event-detail-next.png') });
    await detail.getByRole('button', { name: 'Previous', exact: true }).click();
    await expect(page).toHaveURL(firstUrl);
  });

  test.describe('postoffice logs', () => {
    test.beforeAll(() =>
      withDb((db) => {
        const po = (db.prepare("select id from postoffice where network = 'POLYNOMIAL' and name = 'MONTGOMERY'").get() as { id: number }).id;
        const now = (db.prepare('select now from clock where id = 1').get() as { now: number }).now;
        const insert = db.prepare("insert into log_line (po_id, file, at, severity, number, text) values (?, 'DIRSYNC', ?, ?, ?, ?)");
        insert.run(po, now - 120_000, 'Status', 1, `${MARK}: alpha`);
        insert.run(po, now - 60_000, 'Warning', 105, `${MARK}: bravo`);
        insert.run(po, now - 30_000, 'Fatal', 14, `${MARK}: charlie`);
      }),
    );
    test.afterAll(() => withDb((db) => db.prepare('delete from log_line where text like ?').run(`${MARK}%`)));

    test('Filter by severity and number, Find text', async ({ page }) => {
      await signIn(page, undefined, '/msmail/POLYNOMIAL~MONTGOMERY/logs');
      const lines = page.getByRole('table', { name: 'DIRSYNC.LOG' }).locator('tbody tr');
      const form = page.getByRole('search', { name: 'Filter and find' });
      await form.getByLabel('Find').fill(MARK);
      await form.getByRole('button', { name: 'Filter' }).click();
      await expect(lines).toHaveCount(3);
      await form.getByLabel('Severity').selectOption('warning');
      await form.getByRole('button', { name: 'Filter' }).click();
      await expect(lines).toHaveCount(1);
      await expect(lines.first()).toContainText('bravo');
      await expect(page).toHaveURL(/severity=warning/);
      await form.getByLabel('Severity').selectOption('');
      await form.getByLabel('Number').fill('14');
      await form.getByRole('button', { name: 'Filter' }).click();
      await expect(lines).toHaveCount(1);
      await expect(lines.first()).toContainText('charlie');
      await page.screenshot({ path: test.info().outputPath('logs-filtered.png') });
      await form.getByLabel('Find').fill('no such text anywhere');
      await form.getByRole('button', { name: 'Filter' }).click();
      await expect(page.getByText('No line of DIRSYNC.LOG matches the filter.')).toBeVisible();
      await page.getByRole('link', { name: 'Show all lines' }).click();
      await expect(page).not.toHaveURL(/find=/);
    });
  });

  test('Connector MTAs says Restart needed for a pending PC MTA diagnostics change', async ({ page }) => {
    dirsync('service', 'restart', 'EXCH01', 'Microsoft PC MTA');
    const levels = dirsync('exchange', 'logging', 'EXCH01');
    const line = levels.split('\n').find((l) => /^MSExchangePCMTA\s+Moved Out\s/.test(l)) ?? '';
    const was = /(None|Minimum|Medium|Maximum)/i.exec(line)?.[1]?.toLowerCase() ?? 'none';
    const other = was === 'maximum' ? 'minimum' : 'maximum';
    dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', 'Moved Out', other);
    try {
      await signIn(page, undefined, '/exchange/EXCH01/connector/connector-mtas');
      await expect(page.getByText(/Restart needed: Microsoft PC MTA reads Diagnostics logging \(Moved Out/)).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('mta-restart-needed.png') });
    } finally {
      dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', 'Moved Out', was);
    }
  });
});
