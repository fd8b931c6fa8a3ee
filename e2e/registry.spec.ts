import { expect, test } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

test.describe('the DXA registry values and the audit trail', () => {
  test('adds, refuses a bad value for, and deletes PauseKicksDX; the change is in the audit trail', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/registry');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registry Editor - HKEY_LOCAL_MACHINE on EXCH01');
    const value = page.getByRole('region', { name: /^PauseKicksDX/ });
    const data = value.getByRole('textbox', { name: /PauseKicksDX data/ });
    await data.fill('twelve');
    await value.getByRole('button', { name: 'Add PauseKicksDX' }).click();
    await expect(value.getByRole('alert')).toContainText('PauseKicksDX is a REG_DWORD: give a number from 0 to 4294967295');
    expect(() => dirsync('reg', 'get', 'EXCH01', 'PauseKicksDX')).toThrow(/has no value PauseKicksDX/);
    await data.fill('0x1');
    await value.getByRole('button', { name: 'Add PauseKicksDX' }).click();
    await expect(value.getByRole('status')).toHaveText('PauseKicksDX saved');
    expect(JSON.parse(dirsync('reg', 'get', 'EXCH01', 'PauseKicksDX', '--json')).data).toBe(1);
    await page.reload();
    await expect(page.getByRole('region', { name: /^PauseKicksDX/ }).getByRole('textbox')).toHaveValue('1');
    await page.screenshot({ path: test.info().outputPath('registry.png') });
    await page.getByRole('button', { name: 'Delete PauseKicksDX' }).click();
    // Deleting asks first.
    await page.getByRole('alertdialog', { name: 'Registry Editor' }).getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('region', { name: /^PauseKicksDX/ })).toContainText('(value not set)');

    await page.goto('/audit');
    const trail = page.getByRole('table');
    await expect(trail.getByRole('row').nth(1)).toContainText('Registry: delete value');
    await expect(trail).toContainText('Registry: set value');
  });

  test('a View Only Admin cannot change a value or read the audit trail', async ({ page }) => {
    await signIn(page, ensureViewer(), '/exchange/EXCH01/registry');
    await expect(page.getByRole('button', { name: 'Add PauseKicksDX' })).toBeDisabled();
    await page.goto('/audit');
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('Only an Admin can read the audit trail');
  });
});
