import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

/** Run History (issue 13): every step a row; filter, details and CSV export of exactly the filtered rows. */
const rows = (page: Page) => page.getByRole('region', { name: 'Runs' }).locator('tbody tr');

test.describe('Run History', () => {
  test.beforeAll(() => {
    // A T1 on NOVEMBER from the command line, and a pass that carries it: at least two runs of this spec's own.
    dirsync('reqmain', '-t', '-dN');
    dirsync('external', '-0');
  });
  test.beforeEach(async ({ page }) => signIn(page, undefined, '/history'));

  test('filters by object and kind, opens a run, and exports exactly the filtered runs', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Run History');
    const filter = page.getByRole('search', { name: 'Filter runs' });
    await filter.getByLabel('Object').selectOption('POLYNOMIAL/NOVEMBER');
    await filter.getByLabel('Kind').selectOption('T1');
    await filter.getByRole('button', { name: 'Apply Filter' }).click();
    await expect(page).toHaveURL(/kind=T1/);
    await expect(rows(page).first()).toContainText('POLYNOMIAL/NOVEMBER');
    const count = await rows(page).count();
    expect(count).toBeGreaterThan(0);
    for (const r of await rows(page).all()) await expect(r).toContainText('T1');
    await page.screenshot({ path: test.info().outputPath('run-history.png') });

    // The row's link opens the run in the page, not by loading the page again.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await rows(page).first().getByRole('link').click();
    const detail = page.getByRole('dialog', { name: /^Run \d+$/ });
    await expect(detail).toContainText('ReqTx R=');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await expect(detail.getByRole('region', { name: 'Log lines' })).toContainText('[106] ReqTx send');
    await page.screenshot({ path: test.info().outputPath('run-detail.png') });
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
    const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Id,Start,End,Kind,Object,Trigger/);
    expect(lines.length - 1).toBe(count);
    expect(lines.slice(1).every((l) => l.includes(',T1,POLYNOMIAL/NOVEMBER,'))).toBe(true);
  });

  test('a filter that cannot be used says why; the retention dialog refuses a bad number', async ({ page }) => {
    await page.goto('/history?outcome=Maybe');
    await expect(page.getByRole('alert').filter({ hasText: 'The filter in this address cannot be used' })).toContainText('Outcome must be one of OK, Warning, Error');
    await page.goto('/history?dialog=retention');
    const dialog = page.getByRole('dialog', { name: 'Run History Retention' });
    await dialog.getByLabel('Runs kept').fill('5');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toContainText('100');
    await expect(dialog.getByLabel('Runs kept')).toHaveAttribute('aria-invalid', 'true');
  });
});
