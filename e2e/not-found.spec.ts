import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { uniqueSuffix } from './fixtures/networks';

/**
 * What an address that leads nowhere shows (docs/console.md, "Not found"): an object deleted
 * elsewhere while its page was open, or an address the console does not have, is said inside the
 * frame — tree, menus and clock stay — with a 404; a malformed escape gets a 400 that says what is
 * wrong with the address, not a bare server error.
 */
test('a postoffice deleted from the command line while its page is open: reloading it says so inside the frame', async ({ page }) => {
  const po = `W${uniqueSuffix()}/GONE`;
  dirsync('po', 'create', po, '--password', 'PW');
  await signIn(page, undefined, `/msmail/${po.replace('/', '~')}`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`MS Mail Administrator - ${po} `) })).toBeVisible();
  dirsync('po', 'delete', po);

  const response = await page.reload();
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText(`Nothing in the directory answers to /msmail/${po.replace('/', '~')}.`)).toBeVisible();
  await expect(page.getByText(/deleted or renamed since the link was made/)).toBeVisible();
  // The frame is all there: the tree (without the deleted postoffice), the menus, the clock.
  await expect(page.getByRole('tree')).toBeVisible();
  await expect(page.getByRole('treeitem', { name: po })).toHaveCount(0);
  await expect(page.getByRole('menubar', { name: 'Main menu' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Simulation clock' })).toBeVisible();
  await expect(page).toHaveTitle('Not found — Dirsync Console');

  await page.getByRole('link', { name: 'Network overview' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('an address no view has is "Not found" inside the frame; a malformed escape is a 400 that names the problem', async ({ page }) => {
  await signIn(page);
  const response = await page.goto('/no/such/view');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText('Nothing in the directory answers to /no/such/view.')).toBeVisible();
  await expect(page.getByRole('menubar', { name: 'Main menu' })).toBeVisible();

  for (const address of ['/msmail/%E0%A4%A', '/exchange/EXCH01/recipients/%ZZ']) {
    const bad = await page.request.get(address, { maxRedirects: 0 });
    expect(bad.status(), address).toBe(400);
    expect(await bad.text()).toContain(`Bad address: ${address} has a "%" that is not followed by a valid escape`);
  }
});

test('signed out, an address no view has goes to sign in first and shows nothing', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/no/such/view');
  await expect(page).toHaveURL(/\/login\?next=%2Fno%2Fsuch%2Fview/);
  await expect(page.getByText('Nothing in the directory')).toHaveCount(0);
  await context.close();
});
