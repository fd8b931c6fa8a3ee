import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync, e2eDatabase } from './fixtures/dirsync-cli';

/** What a restore of an old REQCONF.GLB backup does to a requestor (no engine verb restores files). */
function restoreOldReqconf(po: string, srvSync: number): void {
  const db = new Database(e2eDatabase());
  try {
    db.prepare("update reqconf set srv_sync = ? where po_id = (select id from postoffice where network || '/' || name = ?)").run(srvSync, po);
  } finally {
    db.close();
  }
}

test.describe('Health', () => {
  test('a requestor whose numbers went wrong: Import on next cycle, and green after the next cycle', async ({ page }) => {
    // A completed cycle first, so NOVEMBER has numbers to get wrong.
    dirsync('dispatch', '--until', '+7d');
    restoreOldReqconf('POLYNOMIAL/NOVEMBER', 1);
    await signIn(page, undefined, '/health');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health');
    const errors = page.getByRole('region', { name: /^Errors/ });
    const finding = errors.getByRole('listitem', { name: /^POLYNOMIAL\/NOVEMBER: ReqSync \d+ is above SrvSync 1$/ });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('Source: KB Q96060 (sync numbers)');
    await expect(finding.getByRole('link', { name: 'Open the Resync Wizard: POLYNOMIAL/NOVEMBER' })).toHaveAttribute(
      'href',
      '/wizards/resync/new?dss=POLYNOMIAL%2FMONTGOMERY&requestor=POLYNOMIAL%2FNOVEMBER',
    );
    const status = page.getByRole('region', { name: 'Console status' });
    // Other specs share the database and may leave findings of their own: at least this one is counted.
    await expect(status.getByRole('link', { name: /^Health: \d+ errors?/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('health-error.png') });

    await finding.getByRole('button', { name: 'Import on next cycle (Requestor ▸ Import): POLYNOMIAL/NOVEMBER' }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('POLYNOMIAL/NOVEMBER: Import on next cycle is set');
    // Still there until the cycle has run.
    await page.reload();
    await expect(page.getByRole('listitem', { name: /^POLYNOMIAL\/NOVEMBER: ReqSync/ })).toBeVisible();

    dirsync('dispatch', '--until', '+7d');
    await page.reload();
    await expect(page.getByRole('listitem', { name: /^POLYNOMIAL\/NOVEMBER: ReqSync/ })).toHaveCount(0);
    // Green for NOVEMBER: no error of its own is left (other specs' findings may remain in the shared database).
    await expect(errors.getByRole('listitem', { name: /^POLYNOMIAL\/NOVEMBER/ })).toHaveCount(0);
    const table = page.getByRole('table', { name: /numbers at the requestor/ });
    await expect(table.getByRole('row', { name: /^POLYNOMIAL\/NOVEMBER/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('health-ok.png') });
  });

  test('MSExchangeDX paused: Restart from Health, reached from Tools ▸ Health', async ({ page }) => {
    // On 4.0 without PauseKicksDX a pause really pauses (docs/exchange.md, "Services, pause, registry").
    dirsync('exchange', 'version', 'EXCH01', '4.0');
    try {
      dirsync('service', 'restart', 'EXCH01', 'MSExchangeDX');
      dirsync('service', 'pause', 'EXCH01', 'MSExchangeDX');
      await signIn(page, undefined, '/');
      await page.getByRole('menuitem', { name: 'Tools' }).click();
      await page.getByRole('menuitem', { name: /^Health/ }).click();
      await expect(page).toHaveURL(/\/health$/);
      const finding = page.getByRole('listitem', { name: 'EXCH01 MSExchangeDX: Microsoft Exchange Directory Synchronization is paused' });
      await expect(finding).toBeVisible();
      await finding.getByRole('button', { name: 'Restart MSExchangeDX: EXCH01 MSExchangeDX' }).click();
      await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Directory Synchronization service was started successfully');
      await expect(page.getByRole('listitem', { name: /MSExchangeDX: Microsoft Exchange Directory Synchronization is paused/ })).toHaveCount(0);
    } finally {
      dirsync('exchange', 'version', 'EXCH01', '5.5sp3');
    }
  });

  test('logging left at Maximum: Open Diagnostics Logging with the service chosen, set it back, and the finding goes', async ({ page }) => {
    dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    try {
      await signIn(page, undefined, '/health');
      const finding = page.getByRole('listitem', { name: /^EXCH01 MSExchangePCMTA: Diagnostics logging at Maximum/ });
      await finding.getByRole('link', { name: 'Open Diagnostics Logging: EXCH01 MSExchangePCMTA' }).click();
      await expect(page).toHaveURL(/\/exchange\/EXCH01\/connector\/diagnostics-logging\?service=MSExchangePCMTA$/);
      // The sheet opens at the PC MTA, not at the first service.
      await expect(page.getByRole('listbox', { name: 'Services' }).getByRole('option', { name: 'MSExchangePCMTA' })).toHaveAttribute('aria-selected', 'true');
      const categories = page.getByRole('listbox', { name: 'Categories' });
      await expect(categories.getByRole('option', { name: 'Moved In: Maximum' })).toBeVisible();
      await categories.focus();
      await page.keyboard.press('Control+a');
      await page.getByRole('radio', { name: 'None' }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(page.getByText('The changes were saved.')).toBeVisible();
      await page.goto('/health');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health');
      await expect(page.getByRole('listitem', { name: /^EXCH01 MSExchangePCMTA: Diagnostics logging at Maximum/ })).toHaveCount(0);
    } finally {
      dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', '*', 'none');
    }
  });
});
