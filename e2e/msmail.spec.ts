import { expect, test } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';

test.describe('an MS Mail postoffice', () => {
  test('runs the MS Mail utilities at its command prompt and shows the queues, LISTDS and LISTQ', async ({ page }) => {
    await signIn(page);
    await page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: 'POLYNOMIAL/NOVEMBER' }).click();
    await expect(page).toHaveURL(/\/msmail\/POLYNOMIAL~NOVEMBER$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MS Mail Administrator - POLYNOMIAL/NOVEMBER (drive N:)');
    const command = page.getByRole('textbox', { name: 'Command' });
    await command.fill('reqmain -t');
    await command.press('Enter');
    const output = page.getByRole('log', { name: 'Command output' });
    await expect(output).toContainText(/ReqTx R=\d+ \(was \d+\), S=\d+, I=\d+ \d+ sent/);
    await expect(page.getByRole('list', { name: 'Queued messages' })).toContainText(/P1: ReqTx R=\d+/);
    // Up recalls the last command; a command that is not an MS Mail utility is refused.
    await command.press('ArrowUp');
    await expect(command).toHaveValue('reqmain -t');
    await command.fill('po delete POLYNOMIAL/NOVEMBER');
    await command.press('Enter');
    await expect(output).toContainText('is not one of the MS Mail utilities this prompt runs');
    await expect(page.getByRole('region', { name: 'LISTDS' })).toContainText('Examining POLYNOMIAL/NOVEMBER Requestor Configuration Record');
    await page.getByRole('link', { name: 'REQTRANS.GLB' }).click();
    await expect(page.getByLabel('LISTQ output')).toContainText('CRC');
    await page.screenshot({ path: test.info().outputPath('postoffice.png'), fullPage: true });
  });

  test('refuses a bad Keep Updates on the dirsync server and keeps a good one', async ({ page }) => {
    await signIn(page, undefined, '/msmail/POLYNOMIAL~MONTGOMERY');
    const form = page.getByRole('form', { name: 'Keep Updates' });
    await form.getByRole('textbox', { name: 'Keep Updates (cycles)' }).fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert')).toHaveText('Some values are not valid: see the marked fields');
    await form.getByRole('textbox', { name: 'Keep Updates (cycles)' }).fill('21');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toHaveText('Keep Updates saved');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Keep Updates' }).getByRole('textbox', { name: 'Keep Updates (cycles)' })).toHaveValue('21');
  });

  test('a View Only Admin reads LISTDS but cannot run utilities', async ({ page }) => {
    await signIn(page, ensureViewer(), '/msmail/POLYNOMIAL~MONTGOMERY');
    await expect(page.getByRole('region', { name: 'LISTDS' })).toContainText('Server Configuration Record');
    await expect(page.getByRole('textbox', { name: 'Command' })).toBeDisabled();
    await expect(page.getByRole('toolbar', { name: 'Mailbox' }).getByRole('button', { name: 'Create…' })).toBeDisabled();
  });
});
