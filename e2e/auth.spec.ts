import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { uniqueSuffix } from './fixtures/networks';

/** Every page under app/ as a URL of the sample network (dynamic segments filled in). */
function pageUrls(): string[] {
  const root = path.join(process.cwd(), 'app');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'page.tsx' ? [dir] : []));
  const fill: Record<string, string> = { '[server]': 'EXCH01', '[tab]': 'general', '[po]': 'POLYNOMIAL~MONTGOMERY', '[container]': 'Recipients', '[alias]': 'ANNA' };
  // Route groups like (console) are not part of the URL.
  return walk(root).map((dir) => '/' + path.relative(root, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).map((s) => fill[s] ?? s).join('/'));
}

test.describe('accounts and sessions', () => {
  test('every page sends a visitor without a session to sign in', async ({ request }) => {
    const urls = pageUrls().filter((u) => u !== '/login' && u !== '/setup');
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect([303, 307], `${url} without a session`).toContain(response.status());
      expect(response.headers().location, url).toMatch(/^\/login\?next=/);
    }
  });

  test('the first-run setup page is closed once an account exists', async ({ page }) => {
    await page.goto('/setup');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('refuses a wrong password, signs in with an HttpOnly SameSite cookie, and signs out', async ({ page, context }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2F$/);
    await expect(page.getByRole('heading', { name: 'Connect to Dirsync Console' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Account name' }).fill(ADMIN.name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('The account name or password is not correct');

    await signIn(page);
    // When this spec runs first, this is the first page the server renders: on a busy machine it
    // can take longer than the default wait (the console streams "Reading the directory…" first).
    await expect(page.getByRole('region', { name: 'Console status' })).toContainText('admin (Admin)', { timeout: 45_000 });
    const cookie = (await context.cookies()).find((c) => c.name === 'dirsync_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.screenshot({ path: test.info().outputPath('signed-in.png') });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('sign-in loads the view’s scripts while the user types: signing in fetches none', async ({ page }) => {
    const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    await page.goto(`/login?next=${encodeURIComponent('/exchange/EXCH01/events')}`, { waitUntil: 'load' });
    const before = await scripts();
    await page.getByRole('textbox', { name: 'Account name' }).fill(ADMIN.name);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('table', { name: 'Events' })).toBeVisible();
    // The router shows the view in the same document, so every script it needed is in one list.
    expect((await scripts()).filter((s) => !before.includes(s))).toEqual([]);
  });

  test('a View Only Admin sees the console and can change nothing', async ({ page }) => {
    const viewer = ensureViewer();
    await signIn(page, viewer, '/exchange/EXCH01/services');
    await expect(page.getByRole('region', { name: 'Console status' })).toContainText('viewer (View Only Admin)');
    await expect(page.getByRole('listbox', { name: 'Services' })).toBeVisible();
    for (const name of ['Start', 'Stop', 'Pause', 'Continue']) await expect(page.getByRole('button', { name })).toBeDisabled();
  });

  // The sign-in form's request fails in the browser (server stopped, network dropped): the message
  // box says that, not a database fault, and Try again brings the form back.
  test('signing in while the server does not answer says so, and Try again brings the form back', async ({ page }) => {
    await page.goto('/login?next=%2Fhealth');
    await page.getByRole('textbox', { name: 'Account name' }).fill(ADMIN.name);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.route('**/login*', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const box = page.getByRole('alert').filter({ hasText: 'Microsoft Exchange Administrator' });
    await expect(box).toContainText('The console did not answer: its server stopped or the network dropped.');
    await page.unroute('**/login*');
    await box.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  // A console left open all day: its session ends elsewhere (here by `account end-sessions`, as
  // an Admin's End sessions or a disabled account does). The clock's next poll says so, the page
  // stays readable, and "Sign in again" comes back to the same view. An account of its own, so
  // ending its sessions touches no other test.
  test('a session ended elsewhere: the status bar says so at the next poll and signs in again to the same view', async ({ page }) => {
    const account = { name: `ended${uniqueSuffix().toLowerCase()}`, password: `${ADMIN.password}-ended` };
    dirsync('account', 'add', account.name, '--role', 'admin', '--password', account.password);
    await signIn(page, account, '/exchange/EXCH01/services');
    const status = page.getByRole('region', { name: 'Console status' });
    await expect(status.getByRole('alert')).toHaveCount(0);
    dirsync('account', 'end-sessions', account.name);
    await expect(status.getByRole('alert')).toHaveText('Your session has ended. Sign in again');
    await expect(page.getByRole('listbox', { name: 'Services' })).toBeVisible();
    await status.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fexchange%2FEXCH01%2Fservices$/);
    await page.getByRole('textbox', { name: 'Account name' }).fill(account.name);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('listbox', { name: 'Services' })).toBeVisible();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/services$/);
  });
});
