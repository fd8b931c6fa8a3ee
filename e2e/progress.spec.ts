import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';

// quality: "progress shown for anything over a second". The server action is held back on the
// way so the step lasts longer than a second, whatever the machine's speed.
test('a command that takes over a second shows a progress bar, and it goes when the output comes', async ({ page }) => {
  await signIn(page, undefined, '/msmail/POLYNOMIAL~OCTOBER');
  await page.route('**/msmail/**', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 2_000));
    await route.continue();
  });
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('listq admin -pPASSWORD -dO');
  await command.press('Enter');
  const progress = page.getByRole('progressbar', { name: 'Running listq…' });
  await expect(progress).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('command-progress.png') });
  await expect(page.getByRole('log', { name: 'Command output' })).toContainText('listq admin');
  await expect(progress).toBeHidden();
});
