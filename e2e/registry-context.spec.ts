import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

// Several page loads a test on a machine shared with other builds: room beyond the default minute.
test.describe.configure({ timeout: 180_000 });

/** EXCH01 of the sample is a 5.5 SP3 dirsync requestor of MONTGOMERY. */
test.describe('the registry view gives each value its context', () => {
  test.afterEach(() => {
    for (const name of ['ResyncConnectionRDNs', 'GlobalMaxSeqInResync']) {
      try {
        dirsync('reg', 'delete', 'EXCH01', name);
      } catch {
        // not set
      }
    }
  });

  test('says what each value does and whether EXCH01 reads it; warns on a value it will not read; deleting asks', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/registry');
    const rdns = page.getByRole('region', { name: /^ResyncConnectionRDNs/ });
    await expect(rdns).toContainText('What it does');
    await expect(rdns).toContainText('RESYNC.GLB');
    await expect(rdns).toContainText('When it is read');
    await expect(rdns).toContainText('Read by EXCH01No.');
    await expect(rdns).toContainText("EXCH01 is a dirsync requestor: only a dirsync server's DXA reads this value");
    await expect(page.getByRole('region', { name: /^PauseKicksDX/ })).toContainText('only Exchange 4.0 needs this value');

    await rdns.getByRole('textbox').fill('NOVEMBER Requestor\nNOWHERE');
    await rdns.getByRole('button', { name: 'Add ResyncConnectionRDNs' }).click();
    await expect(rdns.getByRole('status')).toHaveText('ResyncConnectionRDNs saved');
    const warnings = rdns.getByRole('list', { name: 'Warnings for ResyncConnectionRDNs' });
    await expect(warnings).toContainText('EXCH01 will not read ResyncConnectionRDNs');
    // The CLI prints the same warning.
    expect(dirsync('reg', 'get', 'EXCH01', 'ResyncConnectionRDNs')).toContain('Warning: EXCH01 will not read ResyncConnectionRDNs');
    await page.screenshot({ path: test.info().outputPath('registry-context-1400.png'), fullPage: false });

    await rdns.getByRole('button', { name: 'Delete ResyncConnectionRDNs' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Registry Editor' });
    await expect(confirm).toContainText('Registry Editor will delete the value ResyncConnectionRDNs from EXCH01');
    await confirm.getByRole('button', { name: 'No' }).click();
    await expect(confirm).toBeHidden();
    expect(dirsync('reg', 'get', 'EXCH01', 'ResyncConnectionRDNs')).toContain('REG_MULTI_SZ');
    await rdns.getByRole('button', { name: 'Delete ResyncConnectionRDNs' }).click();
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await expect(rdns).toContainText('(value not set)');
    expect(() => dirsync('reg', 'get', 'EXCH01', 'ResyncConnectionRDNs')).toThrow(/has no value/);
  });

  test('at 800 px the context and warnings stay readable', async ({ page }) => {
    dirsync('reg', 'set', 'EXCH01', 'GlobalMaxSeqInResync', '1');
    await page.setViewportSize({ width: 800, height: 900 });
    await signIn(page, undefined, '/exchange/EXCH01/registry');
    const v = page.getByRole('region', { name: /^GlobalMaxSeqInResync/ });
    await expect(v.getByRole('list', { name: 'Warnings for GlobalMaxSeqInResync' })).toContainText('only a dirsync server writes RESYNC.GLB');
    await v.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('registry-context-800.png') });
  });
});
