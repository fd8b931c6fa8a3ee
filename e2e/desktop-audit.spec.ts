import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { withDb } from './fixtures/sql';

// Several page loads a test on a machine shared with other builds: room beyond the default minute.
test.describe.configure({ timeout: 180_000 });

test.use({ viewport: { width: 1400, height: 900 } });

const OBJECT = 'PAGING-CHECK';

test.describe('the audit trail (issue 14, item 7)', () => {
  test.beforeAll(() =>
    withDb((db) => {
      const insert = db.prepare('insert into audit_entry (at, account_name, action, object, before, after) values (?, ?, ?, ?, ?, ?)');
      for (let i = 1; i <= 60; i++) insert.run(Date.UTC(2020, 0, 1) + i * 60_000, 'auditor', 'Test: paging', `${OBJECT} ${i}`, JSON.stringify({ poll: i }), JSON.stringify({ poll: i + 1 }));
    }),
  );
  test.afterAll(() => {
    withDb((db) => db.prepare('delete from audit_entry where object like ?').run(`${OBJECT} %`));
    try {
      dirsync('reg', 'delete', 'EXCH01', 'GlobalMaxSeqInResync');
    } catch {
      // not set
    }
  });

  test('shows a change as field: before → after, filters by who, what, object and time, and pages on the server', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/registry');
    const value = page.getByRole('region', { name: /^GlobalMaxSeqInResync/ });
    await value.getByRole('textbox').fill('1');
    await value.getByRole('button', { name: 'Add GlobalMaxSeqInResync' }).click();
    await expect(value.getByRole('status')).toHaveText('GlobalMaxSeqInResync saved');

    await page.goto('/audit');
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: 'GlobalMaxSeqInResync' }).first();
    await expect(row).toContainText('Registry: set value');
    await expect(row.getByRole('cell').nth(4)).toHaveText('value: (none) → changed to 1');
    await page.screenshot({ path: test.info().outputPath('audit.png') });

    const filter = page.getByRole('search', { name: 'Filter the audit trail' });
    await filter.getByLabel('Who').fill('auditor');
    await filter.getByLabel('Object').fill(OBJECT);
    await filter.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/who=auditor/);
    await expect(table.locator('tbody tr')).toHaveCount(50);
    await expect(table.locator('tbody tr').first()).toContainText(`${OBJECT} 60`);
    await expect(table.locator('tbody tr').first()).toContainText('poll: 60 → changed to 61');
    await page.getByRole('link', { name: 'Older changes' }).click();
    await expect(table.locator('tbody tr')).toHaveCount(10);
    await expect(table.locator('tbody tr').first()).toContainText(`${OBJECT} 10`);
    await expect(page.getByRole('link', { name: 'Older changes' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Newer changes' }).click();
    await expect(table.locator('tbody tr').first()).toContainText(`${OBJECT} 60`);

    // Time: the ten minutes from 00:51 on 2020-01-01 hold entries 51–60.
    await filter.getByLabel('From (UTC)').fill('2020-01-01T00:51');
    await filter.getByLabel('To (UTC)').fill('2020-01-01T01:01');
    await filter.getByRole('button', { name: 'Filter' }).click();
    await expect(table.locator('tbody tr')).toHaveCount(10);
    await filter.getByLabel('What').fill('Registry');
    await filter.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No change matches this filter.')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('audit-filtered.png') });
  });
});
