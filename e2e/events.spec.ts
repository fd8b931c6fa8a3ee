import fs from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

const VIEWER_URL = '/exchange/EXCH01/events';
const TITLE = 'Event Viewer - Application Log on \\\\EXCH01';

/** A manual cycle on the sample: EXCH01's T1 goes through the PC MTA with logging at Maximum (4395 Sent, 4355 Moved In). */
test.beforeAll(() => {
  dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
  dirsync('service', 'restart', 'EXCH01', 'Microsoft PC MTA');
  dirsync('service', 'pause', 'EXCH01', 'MSExchangeDX');
  dirsync('dispatch', '--until', '+10m');
});

const rows = (page: Page) => page.getByRole('table', { name: 'Events' }).locator('tbody tr');
const text = async (d: Download) => fs.readFileSync((await d.path())!, 'utf8');

test.describe('Event Viewer', () => {
  test.beforeEach(async ({ page }) => signIn(page, undefined, VIEWER_URL));

  test('shows the PC MTA events 4395 and 4355 and their details', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    const table = page.getByRole('table', { name: 'Events' });
    for (const c of ['Date', 'Time', 'Source', 'Category', 'Event', 'User', 'Computer']) await expect(table.getByRole('columnheader', { name: c, exact: true })).toBeVisible();
    const sent = rows(page).filter({ hasText: '4395' }).first();
    const moved = rows(page).filter({ hasText: '4355' }).first();
    await expect(sent).toContainText('Microsoft PC MTA');
    await expect(sent).toContainText('Sent');
    await expect(moved).toContainText('Moved In');
    await expect(moved.getByRole('img', { name: 'Information' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('event-viewer.png') });

    // The row's link opens the event in the page, not by loading the page again.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await moved.getByRole('link').click();
    await expect(page).toHaveURL(/[?&]event=\d+/);
    const detail = page.getByRole('dialog', { name: 'Event Detail' });
    await expect(detail).toContainText('Event ID:4355');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await expect(detail).toContainText('Source:Microsoft PC MTA');
    await expect(detail).toContainText('Category:Moved In');
    const description = detail.getByRole('textbox', { name: 'Description:' });
    await expect(description).toContainText('Mail received on \\\\FS-MONTGOMERY\\MAILDATA');
    await expect(description).toContainText('FROM: POLYNOMIAL/HQ/SYSTEM1');
    await expect(description).toContainText('TO: POLYNOMIAL/MONTGOMERY/$SYSTEM');
    await page.screenshot({ path: test.info().outputPath('event-detail.png') });
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    await expect(page).not.toHaveURL(/event=/);
    await page.setViewportSize({ width: 420, height: 800 });
    await expect(page.getByRole('link', { name: 'Filter…' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('event-viewer-narrow.png'), fullPage: true });
  });

  test('filters by Event ID in the URL, keeps it on reload, and finds description text', async ({ page }) => {
    await page.getByRole('link', { name: 'Filter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Filter' });
    await expect(dialog.getByLabel('Information')).toBeChecked();
    await dialog.getByLabel('Event ID').fill('99999');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toContainText('Event ID must be a whole number from 0 to 65535');
    await dialog.getByLabel('Event ID').fill('4355');
    await dialog.getByLabel('Source').selectOption('Microsoft PC MTA');
    await page.screenshot({ path: test.info().outputPath('event-filter.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/[?&]id=4355/);
    await expect(rows(page).first()).toContainText('4355');
    const count = await rows(page).count();
    for (let k = 0; k < count; k++) await expect(rows(page).nth(k)).toContainText('4355');
    await expect(page.getByText('Filtered view')).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/[?&]id=4355/);
    await expect(rows(page)).toHaveCount(count);
    // Clear in the dialog empties it; OK then shows everything again.
    await page.getByRole('link', { name: 'Filter…' }).click();
    await expect(dialog.getByLabel('Event ID')).toHaveValue('4355');
    await dialog.getByRole('button', { name: 'Clear' }).click();
    await expect(dialog.getByLabel('Event ID')).toHaveValue('');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page).not.toHaveURL(/id=4355/);
    await expect(rows(page).filter({ hasText: '4395' }).first()).toBeVisible();

    const find = page.getByRole('search', { name: 'Find' });
    await find.getByRole('searchbox', { name: 'Description' }).fill('Mail sent from');
    await find.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page).toHaveURL(/[?&]find=Mail\+sent\+from/);
    await expect(rows(page).first()).toContainText('4395');
    await expect(rows(page).filter({ hasText: '4355' })).toHaveCount(0);
    await page.goBack();
    await expect(page).not.toHaveURL(/find=/);
    await expect(rows(page).filter({ hasText: '4355' }).first()).toBeVisible();
  });

  test('exports exactly the filtered events as CSV and as NT text', async ({ page }) => {
    await page.goto(`${VIEWER_URL}?id=4355&limit=1`);
    await expect(rows(page)).toHaveCount(1);
    const expected = dirsync('events', '--computer', 'EXCH01', '--id', '4355', '--limit', '1000').split('\n');
    expect(expected.length).toBeGreaterThan(2); // header + at least two events: more than the page of 1

    const [txt] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as Text' }).click()]);
    expect(txt.suggestedFilename()).toMatch(/^EXCH01-Application-\d{4}-\d{2}-\d{2}\.txt$/);
    expect((await text(txt)).split('\r\n')).toEqual([...expected, '']);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^EXCH01-Application-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = (await text(csv)).split('\r\n');
    expect(records[0]).toBe('Date,Time,Source,Type,Category,Event,User,Computer,Description');
    expect(records.at(-1)).toBe('');
    const data = records.slice(1, -1);
    expect(data).toHaveLength(expected.length - 1);
    for (const [k, r] of data.entries()) {
      // 4355 is Moved In (to an MS Mail postoffice) or Received (into Exchange, after other specs' full cycles).
      expect(r).toMatch(/^\d\d\/\d\d\/\d\d,\d\d:\d\d:\d\d,Microsoft PC MTA,Information,(Moved In|Received),4355,N\/A,EXCH01,"Mail received on /);
      expect(r.replace(/\n/g, ' ').replace(/,"|"$/g, ' ').replace(/,/g, ' ').replace(/ +/g, ' ').trim()).toBe(expected[k + 1].replace(/ +/g, ' '));
    }
  });

  test('pages with Next and Previous page through the cursor in the URL', async ({ page }) => {
    await page.goto(`${VIEWER_URL}?limit=2`);
    await expect(rows(page)).toHaveCount(2);
    const first = await rows(page).allInnerTexts();
    await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/[?&]pages=\d+-\d+/);
    await expect(page.getByText('Page 2')).toBeVisible();
    const second = await rows(page).allInnerTexts();
    expect(second.length).toBeGreaterThan(0);
    await page.reload();
    expect(await rows(page).allInnerTexts()).toEqual(second);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect(page.getByText('Page 1')).toBeVisible();
    expect(await rows(page).allInnerTexts()).toEqual(first);
  });

  test('a new event appears at the top while the view is open', async ({ page }) => {
    await expect(rows(page).first()).toBeVisible();
    const url = page.url();
    dirsync('service', 'restart', 'EXCH01', 'MSExchangeDX'); // 9001 stopped, 9000 started (always logged)
    await expect(rows(page).first()).toContainText('9000', { timeout: 15_000 });
    await expect(rows(page).first()).toContainText('MSExchangeDX');
    await expect(rows(page).first()).toHaveAttribute('data-new', 'true');
    // Both new rows are marked new, whatever the page held before (a full page drops rows at its end).
    await expect(rows(page).and(page.locator('[data-new="true"]')).filter({ hasText: 'Startup' })).toHaveCount(2);
    await expect(page.getByRole('status', { name: 'Live updates' })).toContainText(/\d+ new events? since you opened this view/);
    expect(page.url()).toBe(url);
  });

  test('Log Settings: Apply keeps the size; a bad size is refused with the reason', async ({ page }) => {
    await page.getByRole('link', { name: 'Log Settings…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Event Log Settings' });
    await expect(dialog).toContainText(/Used: \d+ KB of 512 KB/);
    await dialog.getByLabel('Maximum log size').fill('1024');
    await dialog.getByLabel('Overwrite Events Older than').check();
    await dialog.getByLabel('Days').fill('30');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('status')).toHaveText('The changes were saved.');
    await page.reload();
    await expect(dialog).toContainText(/Used: \d+ KB of 1,024 KB/);
    await page.screenshot({ path: test.info().outputPath('event-log-settings.png') });
    await expect(dialog.getByLabel('Maximum log size')).toHaveValue('1024');
    await expect(dialog.getByLabel('Overwrite Events Older than')).toBeChecked();
    await expect(dialog.getByLabel('Days')).toHaveValue('30');
    expect(dirsync('events', 'settings', 'EXCH01')).toContain('maximum 1,024 KB, Overwrite Events Older than 30 Days');

    await dialog.getByLabel('Maximum log size').fill('100');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('the maximum log size goes in steps of 64 KB: 100 is not one, use 64 or 128');
    await expect(dialog.getByLabel('Maximum log size')).toHaveAttribute('aria-invalid', 'true');
    await page.reload();
    await expect(dialog.getByLabel('Maximum log size')).toHaveValue('1024');

    // Someone else saves meanwhile: this dialog's save is refused.
    dirsync('events', 'settings', 'EXCH01', '--max-kb', '512', '--overwrite', 'as-needed');
    await dialog.getByLabel('Maximum log size').fill('2048');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog.getByRole('alert')).toContainText('changed by someone else since you opened it');
    expect(dirsync('events', 'settings', 'EXCH01')).toContain('maximum 512 KB, Overwrite Events as Needed');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });
});

test.describe('Event Viewer as a View Only Admin', () => {
  test('sees the log and its settings but cannot change or clear them', async ({ page }) => {
    await signIn(page, ensureViewer(), `${VIEWER_URL}?dialog=settings`);
    const dialog = page.getByRole('dialog', { name: 'Event Log Settings' });
    await expect(dialog.getByLabel('Maximum log size')).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'OK' })).toBeDisabled();
    await expect(dialog).toContainText('View Only Admin');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Clear All Events…' })).toHaveCount(0);
    await page.goto(`${VIEWER_URL}?dialog=clear`);
    await expect(page.getByRole('alertdialog', { name: 'Clear All Events' }).getByRole('button', { name: 'Clear' })).toBeDisabled();
  });
});

test.describe('Postoffice logs', () => {
  test('DIRSYNC.LOG of a postoffice, newest first, with a file chooser', async ({ page }) => {
    dirsync('reqmain', '-t', '-dPOLYNOMIAL/NOVEMBER');
    const printed = dirsync('log', '-dPOLYNOMIAL/NOVEMBER', 'dirsync').split('\n');
    await signIn(page, undefined, '/msmail/POLYNOMIAL~NOVEMBER/logs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('DIRSYNC.LOG - Postoffice POLYNOMIAL/NOVEMBER');
    const table = page.getByRole('table', { name: 'DIRSYNC.LOG' });
    const newest = printed.at(-1)!;
    const [, date, time, severity, number] = /^(\S+) (\S+) (\S+) \[(\d+)\]/.exec(newest)!;
    await expect(table.locator('tbody tr').first()).toContainText(`${date}${time}`);
    await expect(table.locator('tbody tr').first()).toContainText(`[${number}]`);
    await expect(table.locator('tbody tr').first().getByRole('img', { name: severity })).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(Math.min(printed.length, 50));
    await page.screenshot({ path: test.info().outputPath('postoffice-log.png') });
    await page.getByRole('navigation', { name: 'Log files' }).getByRole('link', { name: /DISPATCH\.LOG/ }).click();
    await expect(page).toHaveURL(/file=dispatch/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('DISPATCH.LOG - Postoffice POLYNOMIAL/NOVEMBER');
  });
});
