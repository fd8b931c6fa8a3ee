import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

/**
 * Issue 14 item 1: the files of the model — a postoffice's GLB directory and an Exchange server's
 * Dxadata — seen, copied, deleted (confirmed), downloaded and uploaded in the console, and the
 * documents' own prompt lines (copy, del, forcedos) on the model's drives.
 */

async function prompt(page: Page, line: string) {
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill(line);
  await command.press('Enter');
  await expect(command).toHaveValue('');
}

test.afterAll(() => {
  // Leave the shared sample network as the other specs expect it: no RESYNC.GLB anywhere.
  for (const place of ['POLYNOMIAL/MONTGOMERY', 'POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER', 'EXCH01:Dxadata']) {
    if (dirsync('file', 'list', place).includes('RESYNC.GLB')) dirsync('file', 'delete', place, 'RESYNC.GLB');
  }
});

test.describe('the Files view', () => {
  test('the prompt writes and copies RESYNC.GLB; the view flags it on the DSS, downloads, copies and deletes it', async ({ page }) => {
    await signIn(page, undefined, '/msmail/POLYNOMIAL~MONTGOMERY');
    const output = page.getByRole('log', { name: 'Command output' });
    await prompt(page, 'import admin -pPASSWORD -s');
    await expect(output).toContainText('RESYNC.GLB written to the GLB directory of POLYNOMIAL/MONTGOMERY');
    // The password is not echoed.
    await expect(output).toContainText('import admin -p**** -s');
    await expect(output).not.toContainText('PASSWORD');
    await prompt(page, 'copy M:\\GLB\\RESYNC.GLB N:\\GLB');
    await expect(output).toContainText('1 file(s) copied');
    await expect(output).toContainText('RESYNC.GLB copied from POLYNOMIAL/MONTGOMERY (M:\\GLB) to POLYNOMIAL/NOVEMBER (N:\\GLB)');
    await prompt(page, 'copy /etc/passwd N:\\GLB');
    await expect(output).toContainText("the console does not reach the host's files");

    await page.getByRole('link', { name: 'Files (GLB directory)' }).click();
    await expect(page).toHaveURL(/\/msmail\/POLYNOMIAL~MONTGOMERY\/files$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Files - POLYNOMIAL/MONTGOMERY GLB directory (M:)');
    await expect(page.getByRole('alert').filter({ hasText: 'RESYNC.GLB is still in the GLB directory of the dirsync server' })).toBeVisible();
    const list = page.getByRole('table', { name: /^Files of / });
    await expect(list.getByRole('row')).toContainText(['Name', 'MSTTRANS.GLB', 'REQTRANS.GLB', 'RESYNC.GLB', 'SRVTRANS.GLB']);
    await list.getByRole('button', { name: 'REQTRANS.GLB' }).click();
    await expect(page.getByRole('region', { name: 'Contents of REQTRANS.GLB' })).toContainText('CRC  Date stamp');
    // A queue is the utilities' own: shown, not moved.
    await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await list.getByRole('button', { name: 'RESYNC.GLB' }).click();
    // The header's DSS name field holds 16 characters.
    await expect(page.getByRole('region', { name: 'Contents of RESYNC.GLB' })).toContainText('RESYNC.GLB from POLYNOMIAL/MONTG: IMPSEQ');
    await expect(page.getByRole('region', { name: 'Contents of RESYNC.GLB' })).toContainText('R PCM:POLYNOMIAL/NOVEMBER');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('POLYNOMIAL-MONTGOMERY-RESYNC.GLB');
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('RESYNCGL');

    await page.getByRole('button', { name: 'Copy to…' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy RESYNC.GLB to' });
    await copy.getByLabel('Copy to').selectOption({ label: 'EXCH01 Dxadata' });
    await copy.getByRole('button', { name: 'OK' }).click();
    await expect(copy).toBeHidden();
    await expect(page.getByRole('status', { name: 'Files result' })).toHaveText('RESYNC.GLB copied to EXCH01:Dxadata');

    // Delete asks first; No keeps the file.
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm File Delete' });
    await expect(confirm).toContainText('Are you sure you want to delete RESYNC.GLB from POLYNOMIAL/MONTGOMERY GLB directory (M:)?');
    await confirm.getByRole('button', { name: 'No' }).click();
    await expect(list.getByRole('button', { name: 'RESYNC.GLB' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('status', { name: 'Files result' })).toHaveText('RESYNC.GLB deleted from POLYNOMIAL/MONTGOMERY');
    await expect(list.getByRole('button', { name: 'RESYNC.GLB' })).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: 'RESYNC.GLB is still' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('glb-files.png'), fullPage: true });

    // The server's Dxadata, from the tree.
    await page.getByRole('tree', { name: 'Containers' }).locator('a[href="/exchange/EXCH01/files"]').click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/files$/);
    await expect(page.getByRole('table', { name: 'Files of EXCH01 Dxadata' })).toContainText('RESYNC.GLB');
    await page.screenshot({ path: test.info().outputPath('dxadata-files.png'), fullPage: true });
  });

  test('uploads a RESYNC.GLB (checked record by record) and refuses a damaged one', async ({ page }) => {
    // A real RESYNC.GLB from the DSS, carried out through the command line as a person would.
    const out = test.info().outputPath('resync.glb');
    dirsync('import', 'admin', '-pPASSWORD', '-dM', '-s');
    dirsync('file', 'export', 'POLYNOMIAL/MONTGOMERY', 'RESYNC.GLB', out);
    dirsync('file', 'delete', 'POLYNOMIAL/MONTGOMERY', 'RESYNC.GLB');
    const good = fs.readFileSync(out);
    await signIn(page, undefined, '/msmail/POLYNOMIAL~OCTOBER/files');
    await page.getByRole('button', { name: 'Upload…' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload to POLYNOMIAL/OCTOBER GLB directory (O:)' });
    // A length field that claims more than the file holds.
    const damaged = Buffer.from(good);
    damaged[58] = 0xff;
    damaged[59] = 0xff;
    await upload.getByLabel('File').setInputFiles({ name: 'resync.glb', mimeType: 'application/octet-stream', buffer: damaged });
    await expect(upload.getByLabel('Save as')).toHaveValue('RESYNC.GLB');
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect(upload.getByRole('alert')).toContainText('Fatal [14] Error processing RESYNC.GLB');
    await upload.getByLabel('File').setInputFiles({ name: 'resync.glb', mimeType: 'application/octet-stream', buffer: Buffer.from(good) });
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect(upload).toBeHidden();
    await expect(page.getByRole('status', { name: 'Files result' })).toHaveText('RESYNC.GLB uploaded to POLYNOMIAL/OCTOBER');
    await expect(page.getByRole('table', { name: /^Files of / }).getByRole('button', { name: 'RESYNC.GLB' })).toBeVisible();
  });

  test('the prompt deletes with the document\'s del line, runs forcedos and says what it did', async ({ page }) => {
    await signIn(page, undefined, '/msmail/POLYNOMIAL~NOVEMBER');
    const output = page.getByRole('log', { name: 'Command output' });
    // Document 002 from a requestor's prompt: write RESYNC.GLB on the DSS, take it, remove it there.
    await prompt(page, 'import admin -pPASSWORD -s -dM');
    await expect(output).toContainText('Ran for POLYNOMIAL/MONTGOMERY (drive M:), not for POLYNOMIAL/NOVEMBER (drive N:)');
    await prompt(page, 'copy M:\\GLB\\RESYNC.GLB N:\\GLB');
    await expect(output).toContainText('1 file(s) copied');
    await prompt(page, 'del M:\\GLB\\RESYNC.GLB');
    await expect(output).toContainText('RESYNC.GLB deleted from POLYNOMIAL/MONTGOMERY (M:\\GLB)');
    await prompt(page, 'del N:\\GLB\\RESYNC.GLB');
    await expect(output).toContainText('RESYNC.GLB deleted from POLYNOMIAL/NOVEMBER (N:\\GLB)');
    await prompt(page, 'forcedos reqmain -t');
    await expect(output).toContainText('Queued 2 messages for the dirsync server POLYNOMIAL/MONTGOMERY');
    await prompt(page, 'reqmain -t -dO');
    await expect(output).toContainText('Ran for POLYNOMIAL/OCTOBER (drive O:), not for POLYNOMIAL/NOVEMBER (drive N:)');
    await prompt(page, 'help');
    await expect(output).toContainText('copy <from> <to>');
    await page.screenshot({ path: test.info().outputPath('prompt.png'), fullPage: true });
  });
});
