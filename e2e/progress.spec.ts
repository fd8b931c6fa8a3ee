import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures/auth';

/** Hold the postoffice page's server actions back by `ms`, so a command lasts longer than the bar's second. */
async function slowCommands(page: Page, ms: number) {
  await page.route('**/msmail/**', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Run `listq` at the command prompt and wait for its progress bar; the prompt, for what follows. */
async function startListq(page: Page) {
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('listq admin -pPASSWORD -dO');
  await command.press('Enter');
  await expect(page.getByRole('progressbar', { name: 'Running listq…' })).toBeVisible();
  return command;
}

// quality: "progress shown for anything over a second". The server action is held back on the
// way so the step lasts longer than a second, whatever the machine's speed.
test('a command that takes over a second shows a progress bar, and it goes when the output comes', async ({ page }) => {
  await signIn(page, undefined, '/msmail/POLYNOMIAL~OCTOBER');
  await slowCommands(page, 2_000);
  await startListq(page);
  const progress = page.getByRole('progressbar', { name: 'Running listq…' });
  await page.screenshot({ path: test.info().outputPath('command-progress.png') });
  await expect(page.getByRole('log', { name: 'Command output' })).toContainText('listq admin');
  await expect(progress).toBeHidden();
});

test('a command typed while another runs waits its turn and runs after it (type-ahead)', async ({ page }) => {
  await signIn(page, undefined, '/msmail/POLYNOMIAL~OCTOBER');
  await slowCommands(page, 1_500);
  const command = await startListq(page);
  await command.fill('po delete POLYNOMIAL/OCTOBER');
  await command.press('Enter');
  const output = page.getByRole('log', { name: 'Command output' });
  await expect(output).toContainText('is not one of the MS Mail utilities this prompt runs');
  const text = (await output.textContent()) ?? '';
  expect(text.indexOf('listq admin')).toBeLessThan(text.indexOf('po delete POLYNOMIAL/OCTOBER'));
  await expect(page.getByRole('progressbar')).toBeHidden();
});

// A bar kept hidden for its space must not animate: a hidden animation still repaints its page
// sixty times a second (the postoffice page did, idle, taking a core's tenth from the browser).
test('an idle console moves nothing; the progress bar animates only while it is shown', async ({ page }) => {
  const running = () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
  await signIn(page, undefined, '/msmail/POLYNOMIAL~OCTOBER');
  for (const view of ['/', '/msmail/POLYNOMIAL~OCTOBER', '/msmail/POLYNOMIAL~OCTOBER/logs', '/exchange/EXCH01/events', '/history', '/health', '/topology']) {
    await page.goto(view);
    await expect(page.locator('[data-console-view]')).toBeVisible();
    expect(await running(), `running animations on ${view}`).toBe(0);
  }
  await page.goto('/msmail/POLYNOMIAL~OCTOBER');
  await slowCommands(page, 2_000);
  await startListq(page);
  expect(await running()).toBe(1);
  await expect(page.getByRole('log', { name: 'Command output' })).toContainText('listq admin');
  await expect.poll(running).toBe(0);
});
