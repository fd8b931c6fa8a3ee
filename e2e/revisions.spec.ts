import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';

/** Lost updates (issue 10 item 6): two administrators, each in a browser of their own, save the same form. */
test.describe('a save over someone else\'s change', () => {
  test('Keep Updates: the second administrator is refused and the first change stands', async ({ browser }) => {
    // Two browsers, two sign-ins and a dozen saves: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    const PAGE = '/msmail/POLYNOMIAL~MONTGOMERY';
    const first = await (await browser.newContext()).newPage();
    const second = await (await browser.newContext()).newPage();
    await signIn(first, undefined, PAGE);
    await signIn(second, undefined, PAGE);
    const formOf = (page: typeof first) => page.getByRole('form', { name: 'Keep Updates' });
    const field = (page: typeof first) => formOf(page).getByRole('textbox', { name: 'Keep Updates (cycles)' });

    await field(first).fill('30');
    await field(second).fill('40');
    await formOf(first).getByRole('button', { name: 'Save' }).click();
    await expect(formOf(first).getByRole('status')).toHaveText('Keep Updates saved');
    await formOf(second).getByRole('button', { name: 'Save' }).click();
    await expect(formOf(second).getByRole('alert')).toHaveText('Keep Updates of POLYNOMIAL/MONTGOMERY was changed by someone else since you opened it: close it and open it again');
    await second.screenshot({ path: test.info().outputPath('keep-updates-conflict.png') });

    // The first administrator's form carries on from its own save.
    await field(first).fill('31');
    await formOf(first).getByRole('button', { name: 'Save' }).click();
    await expect(formOf(first).getByRole('status')).toHaveText('Keep Updates saved');

    // A page refreshed by something else (here the command prompt) shows the newer values but does
    // not move an open form on: the second administrator's Types form still carries the revision it
    // was opened at.
    const types = (page: typeof first) => page.getByRole('form', { name: 'Types' });
    await types(first).getByRole('textbox', { name: 'Address types to accept' }).fill('PCM SMTP');
    await types(first).getByRole('button', { name: 'Save types' }).click();
    await expect(types(first).getByRole('status')).toHaveText('Accepted address types: PCM, SMTP');
    const command = second.getByRole('textbox', { name: 'Command' });
    await command.fill('listds');
    await command.press('Enter');
    await expect(second.getByRole('region', { name: 'Dir-Sync' })).toContainText('PCM,SMTP');
    await types(second).getByRole('textbox', { name: 'Address types to accept' }).fill('PCM X400');
    await types(second).getByRole('button', { name: 'Save types' }).click();
    await expect(types(second).getByRole('alert')).toHaveText('The Types setting of POLYNOMIAL/MONTGOMERY was changed by someone else since you opened it: close it and open it again');

    // Opened again, it shows the first change and saves.
    await second.reload();
    await expect(field(second)).toHaveValue('31');
    await field(second).fill('14');
    await formOf(second).getByRole('button', { name: 'Save' }).click();
    await expect(formOf(second).getByRole('status')).toHaveText('Keep Updates saved');
    await first.context().close();
    await second.context().close();
  });
});
