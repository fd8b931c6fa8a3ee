import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, signIn, type Account } from './fixtures/auth';

/**
 * Tools ▸ Accounts end to end (issue 10, item 8), and the sign-in throttle that keys on the client
 * (item 2). "Another client" is a second browser context: it has its own browser key cookie. The
 * client address is never taken from a header a browser can send, so both contexts share the
 * loopback address here, as two people behind one proxy would.
 */

const VIEWER: Account = { name: 'e2e-viewer', password: `${ADMIN.password}-e2e-view` };
const NEW_PASSWORD = `${ADMIN.password}-reset`;

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const menubar = (page: Page) => page.getByRole('menubar', { name: 'Main menu' });
const newContext = (browser: Browser) => browser.newContext({ baseURL: test.info().project.use.baseURL });

async function openAccounts(page: Page) {
  await menubar(page).getByRole('menuitem', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
}

async function pickAccount(page: Page, name: string) {
  await page.getByRole('table', { name: 'Console accounts' }).getByRole('link', { name, exact: true }).click();
  const region = page.getByRole('region', { name: `Account ${name}` });
  await expect(region).toBeVisible();
  return region;
}

test.describe.serial('account management', () => {
  // Several sign-ins per test, each a memory-hard hash on a shared machine.
  test.beforeEach(() => test.slow());

  test('an Admin adds a View Only Admin through Tools ▸ Accounts; signed in as them, a change is refused', async ({ page, browser }) => {
    await signIn(page);
    await openAccounts(page);
    const add = page.getByRole('region', { name: 'New account' });
    await add.getByRole('textbox', { name: 'Account name' }).fill(VIEWER.name);
    await add.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'View Only Admin' });
    await add.getByLabel('Password', { exact: true }).fill(VIEWER.password);
    await add.getByLabel('Confirm password').fill(VIEWER.password);
    await add.getByRole('button', { name: 'Add account' }).click();
    await expect(add.getByRole('status')).toHaveText(`Account ${VIEWER.name} created`);
    const row = page.getByRole('table', { name: 'Console accounts' }).getByRole('row', { name: new RegExp(`^${VIEWER.name}\\b`) });
    await expect(row).toContainText('View Only Admin');
    await shot(page, 'accounts-added');

    const other = await newContext(browser);
    const viewerPage = await other.newPage();
    await signIn(viewerPage, VIEWER, '/exchange/EXCH01/services');
    await expect(viewerPage.getByRole('region', { name: 'Console status' })).toContainText(`${VIEWER.name} (View Only Admin)`);
    await expect(viewerPage.getByRole('button', { name: 'Start' })).toBeDisabled();
    await viewerPage.goto('/accounts');
    await expect(viewerPage.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(/^Only an Admin can manage accounts/);
    await expect(viewerPage.getByRole('button', { name: 'Add account' })).toHaveCount(0);
    await shot(viewerPage, 'viewer-refused');
    await other.close();
  });

  test('an Admin resets a password: the old one stops working and the account’s sessions end', async ({ page, browser }) => {
    const other = await newContext(browser);
    const viewerPage = await other.newPage();
    await signIn(viewerPage, VIEWER);

    await signIn(page, ADMIN, '/accounts');
    const account = await pickAccount(page, VIEWER.name);
    await expect(account.getByRole('table', { name: `Sessions of ${VIEWER.name}` }).getByRole('row')).not.toHaveCount(0);
    await account.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await account.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await account.getByRole('button', { name: 'Reset password' }).click();
    await expect(account.getByRole('status')).toHaveText(`Password of ${VIEWER.name} reset; its sessions ended`);
    await expect(account.getByText(`No session: ${VIEWER.name} is not signed in anywhere.`)).toBeVisible();

    // The viewer's browser is signed out at its next page.
    await viewerPage.goto('/');
    await expect(viewerPage).toHaveURL(/\/login\?next=/);
    await viewerPage.getByRole('textbox', { name: 'Account name' }).fill(VIEWER.name);
    await viewerPage.getByLabel('Password').fill(VIEWER.password);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(viewerPage.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('The account name or password is not correct');
    await signIn(viewerPage, { name: VIEWER.name, password: NEW_PASSWORD });
    await expect(viewerPage.getByRole('region', { name: 'Console status' })).toContainText(`${VIEWER.name} (View Only Admin)`);
    await other.close();
  });

  test('the last Admin cannot be deleted, disabled or made a View Only Admin', async ({ page }) => {
    await signIn(page, ADMIN, '/accounts');
    const account = await pickAccount(page, ADMIN.name);
    await account.getByRole('button', { name: 'Delete account…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Microsoft Exchange Administrator' });
    await expect(confirm).toContainText(`Delete the account ${ADMIN.name}?`);
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await expect(confirm.getByRole('alert')).toHaveText(`Cannot delete ${ADMIN.name}: it is the last Admin. Make another account an Admin first`);
    await shot(page, 'last-admin-refused');
    await confirm.getByRole('button', { name: 'No' }).click();

    await account.getByRole('button', { name: 'Disable account' }).click();
    await expect(account.getByRole('alert')).toHaveText(`Cannot disable ${ADMIN.name}: it is the last Admin. Make another account an Admin first`);
    await account.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'View Only Admin' });
    await account.getByRole('button', { name: 'Save role' }).click();
    await expect(account.getByRole('alert').first()).toHaveText(`Cannot make a View Only Admin of ${ADMIN.name}: it is the last Admin. Make another account an Admin first`);
    await expect(page.getByRole('table', { name: 'Console accounts' }).getByRole('row', { name: new RegExp(`^${ADMIN.name} \\(you\\)`) })).toContainText('Enabled');
  });

  test('a lock-out from one browser does not stop the right password from another; the security log shows it', async ({ page, browser }) => {
    const attacker = await newContext(browser);
    const guess = await attacker.newPage();
    await guess.goto('/login');
    const alert = guess.getByRole('alert').filter({ hasText: /\S/ });
    // Wrong guesses until this browser must wait (the 4th at the latest, as the wait doubles).
    for (let k = 0; k < 8; k++) {
      await guess.getByRole('textbox', { name: 'Account name' }).fill(ADMIN.name);
      await guess.getByLabel('Password').fill(`wrong guess ${k}`);
      await guess.getByRole('button', { name: 'Sign in' }).click();
      // The form empties the password field once the answer is in.
      await expect(guess.getByLabel('Password')).toHaveValue('');
      await expect(alert).toHaveText(/not correct|Too many failed sign-ins/);
      if (/Too many/.test((await alert.textContent()) ?? '')) break;
    }
    await expect(alert).toHaveText(new RegExp(`^Too many failed sign-ins for ${ADMIN.name} from this browser: try again in \\d+ seconds?$`));
    await shot(guess, 'locked-browser');
    await attacker.close();

    // This test's own browser (another client on the same address) signs in with the right password.
    await signIn(page);
    await expect(page.getByRole('region', { name: 'Console status' })).toContainText(`${ADMIN.name} (Admin)`);
    await menubar(page).getByRole('menuitem', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: 'Security Log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Security log' })).toBeVisible();
    const log = page.getByRole('table', { name: /^Sign-ins, refusals and account changes/ });
    await expect(log.getByRole('row').filter({ hasText: 'sign-in locked' }).filter({ hasText: ADMIN.name }).first()).toBeVisible();
    await expect(log.getByRole('row').filter({ hasText: 'signed in' }).first()).toContainText('127.0.0.1');
    await shot(page, 'security-log');
  });

  test('everyone changes their own password from File ▸ Change Password', async ({ page }) => {
    const current = { name: VIEWER.name, password: NEW_PASSWORD };
    await signIn(page, current);
    await menubar(page).getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Change Password' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Change Password for ${VIEWER.name}` })).toBeVisible();
    await page.getByLabel('Current password').fill(current.password);
    await page.getByLabel('New password', { exact: true }).fill(VIEWER.password);
    await page.getByLabel('Confirm new password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();
  });
});

test.describe('the server refuses what a browser on another site could send', () => {
  test('a page asked for with a forged session cookie answers a real redirect to sign in', async ({ request }) => {
    const response = await request.get('/exchange/EXCH01/services', { maxRedirects: 0, headers: { cookie: 'dirsync_session=forged', accept: 'text/html' } });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toMatch(/^\/login\?next=%2Fexchange%2FEXCH01%2Fservices$/);
  });

  test('a change from a foreign origin is refused even when X-Forwarded-Host names that origin', async ({ request }) => {
    const response = await request.post('/login', {
      maxRedirects: 0,
      headers: { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', 'next-action': 'x', 'content-type': 'text/plain' },
      data: '[]',
    });
    expect(response.status()).toBe(403);
  });

  test('after sign-in, next= never leaves the console', async ({ page }) => {
    for (const next of ['/\\example.com', '/\t/example.com']) {
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await page.getByRole('textbox', { name: 'Account name' }).fill(ADMIN.name);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('region', { name: 'Console status' })).toContainText(`${ADMIN.name} (Admin)`);
      expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
    }
  });
});
