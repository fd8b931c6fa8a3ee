import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

/**
 * The selection in the contents lists reaching the menus: File ▸ Properties (Alt+Enter), Edit ▸
 * Delete (Del) with its confirmation, the toasts, and the frame at a narrow width. The recipients
 * live in a container of their own, which no dirsync object exports, so deleting them sends
 * nothing to the other specs' network.
 */

const CONTAINER = 'Menu Test';
const LIST = `/exchange/EXCH01/recipients/${encodeURIComponent(CONTAINER)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

function ensureRecipients() {
  if (!dirsync('exchange', 'container', 'list', 'EXCH01').includes(CONTAINER)) dirsync('exchange', 'container', 'add', 'EXCH01', CONTAINER);
  const present = dirsync('exchange', 'recipient', 'list', 'EXCH01', CONTAINER);
  for (const [alias, name] of [
    ['MENUA', 'Menu Alpha'],
    ['MENUB', 'Menu Beta'],
    ['MENUC', 'Menu Gamma'],
  ]) {
    if (!present.includes(` ${alias} `)) dirsync('exchange', 'recipient', 'add', 'EXCH01', CONTAINER, alias, name);
  }
}

const grid = (page: Page) => page.getByRole('grid', { name: CONTAINER });
const selectedRow = (page: Page) => grid(page).getByRole('row', { selected: true });
const menubar = (page: Page) => page.getByRole('menubar', { name: 'Main menu' });
const toasts = (page: Page) => page.getByRole('status', { name: 'Notifications' });

test.describe.configure({ mode: 'serial' });

test.describe('selection, File ▸ Properties and Edit ▸ Delete', () => {
  test.beforeAll(() => ensureRecipients());

  test('the keyboard selects a recipient; File ▸ Properties and Alt+Enter open its sheet; Apply says it inline, OK in a toast', async ({ page }) => {
    await signIn(page, undefined, LIST);
    await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(0);
    // Nothing selected: Properties and Delete are unavailable.
    await menubar(page).getByRole('menuitem', { name: 'File' }).click();
    await expect(page.getByRole('menuitem', { name: /^Properties/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');

    await grid(page).getByRole('link', { name: 'Menu Alpha' }).focus();
    await expect(selectedRow(page)).toContainText('Menu Alpha');
    await page.keyboard.press('End');
    await expect(selectedRow(page)).toContainText('Menu Gamma');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await expect(selectedRow(page)).toContainText('Menu Beta');
    await expect(grid(page).getByRole('link', { name: 'Menu Beta' })).toBeFocused();
    await shot(page, 'recipient-selected');

    // F10, File, down to Properties, Enter: the whole way from the keyboard.
    await page.keyboard.press('F10');
    await expect(menubar(page).getByRole('menuitem', { name: 'File' })).toBeFocused();
    // The menu opens with its first item focused at once: an ArrowDown right after Enter moves on from it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    const properties = page.getByRole('menuitem', { name: /^Properties/ });
    await expect(properties).toBeFocused();
    await expect(properties).not.toHaveAttribute('aria-disabled', 'true');
    await expect(properties).toHaveAttribute('aria-keyshortcuts', 'Alt+Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Menu Beta Properties' })).toBeVisible();

    // Apply: the sheet stays and says it once, inline; no toast repeats it.
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
    await expect(page.getByText(/changes saved|changes were saved/i)).toHaveCount(1);
    await expect(toasts(page)).toHaveText('');
    // OK: the sheet closes and the toast says it on the list it returns to.
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Menu Beta Properties' })).toHaveCount(0);
    await expect(toasts(page)).toHaveText(/Menu Beta: changes saved/);
    await shot(page, 'toast-after-ok');
    await toasts(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(toasts(page)).toHaveText('');

    // Alt+Enter on the selected row does what File ▸ Properties does.
    await page.goto(LIST);
    await grid(page).getByRole('link', { name: 'Menu Alpha' }).focus();
    await page.keyboard.press('Alt+Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Menu Alpha Properties' })).toBeVisible();
  });

  test('Del asks first; No keeps the recipient, Yes deletes it; Edit ▸ Delete does the same', async ({ page }) => {
    await signIn(page, undefined, LIST);
    await grid(page).getByRole('link', { name: 'Menu Alpha' }).focus();
    await page.keyboard.press('Delete');
    const box = page.getByRole('alertdialog', { name: 'Microsoft Exchange Administrator' });
    await expect(box).toContainText('Are you sure you want to delete this object?');
    await expect(box).toContainText('Mailbox: Menu Alpha');
    await shot(page, 'delete-confirmation');
    await box.getByRole('button', { name: 'No' }).click();
    await expect(box).toBeHidden();
    await expect(grid(page).getByRole('link', { name: 'Menu Alpha' })).toBeFocused();
    await page.keyboard.press('Delete');
    await box.getByRole('button', { name: 'Yes' }).click();
    await expect(toasts(page)).toContainText('Menu Alpha was deleted');
    await expect(grid(page).getByRole('link', { name: 'Menu Alpha' })).toHaveCount(0);
    await page.reload();
    await expect(grid(page).getByRole('link', { name: 'Menu Beta' })).toBeVisible();
    await expect(grid(page).getByRole('link', { name: 'Menu Alpha' })).toHaveCount(0);
    expect(dirsync('exchange', 'recipient', 'list', 'EXCH01', CONTAINER)).not.toContain('MENUA');

    // Edit ▸ Delete with the mouse on a clicked row.
    await grid(page).getByRole('row', { name: /Menu Gamma/ }).getByRole('gridcell', { name: 'MENUC' }).click();
    await expect(selectedRow(page)).toContainText('Menu Gamma');
    await menubar(page).getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByRole('menuitem', { name: /^Delete/ }).click();
    await box.getByRole('button', { name: 'Yes' }).click();
    await expect(toasts(page)).toContainText('Menu Gamma was deleted');
    await page.reload();
    await expect(grid(page).getByRole('link', { name: 'Menu Gamma' })).toHaveCount(0);
    // Put the deleted ones back for a second run against the same database.
    ensureRecipients();
  });

  test('a View Only Admin can open the properties but Delete is unavailable', async ({ page }) => {
    const viewer = ensureViewer();
    await signIn(page, viewer, LIST);
    await grid(page).getByRole('link', { name: 'Menu Beta' }).focus();
    await expect(selectedRow(page)).toContainText('Menu Beta');
    await menubar(page).getByRole('menuitem', { name: 'Edit' }).click();
    const del = page.getByRole('menuitem', { name: /^Delete/ });
    await expect(del).toHaveAttribute('aria-disabled', 'true');
    await expect(del).toHaveAttribute('title', 'A View Only Admin cannot delete objects');
    await shot(page, 'edit-menu-view-only');
    await page.keyboard.press('Escape');
    await menubar(page).getByRole('menuitem', { name: 'File' }).click();
    await expect(page.getByRole('menuitem', { name: /^Properties/ })).not.toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    // Del says why instead of asking.
    await grid(page).getByRole('link', { name: 'Menu Beta' }).focus();
    await page.keyboard.press('Delete');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.getByRole('alert', { name: 'Errors' })).toContainText('A View Only Admin cannot delete objects');
    await expect(grid(page).getByRole('link', { name: 'Menu Beta' })).toBeVisible();
  });

  test('the Connections list shares the selection: the connector cannot be deleted', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/connections');
    const list = page.getByRole('grid', { name: 'Connections' });
    await list.getByRole('link', { name: 'MS Mail Connector (EXCH01)' }).focus();
    await expect(list.getByRole('row', { selected: true })).toContainText('MS Mail Connector');
    await menubar(page).getByRole('menuitem', { name: 'Edit' }).click();
    await expect(page.getByRole('menuitem', { name: /^Delete/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+Enter');
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connector\/general$/);
  });
});

test.describe('deleting a dirsync object from the Connections list', () => {
  test('the Dirsync Server goes after Yes, and File ▸ New Other offers it again', async ({ page }) => {
    // A server of its own (its own MS Mail network), so the sample's dirsync is untouched.
    try {
      dirsync('exchange', 'create', 'MENUORG', 'MENUSITE', 'EXCH03');
    } catch {
      // made by an earlier run against this database
    }
    dirsync('exchange', 'dss', 'EXCH03', '--schedule', 'never', '--name', 'Menu DSS');
    await signIn(page, undefined, '/exchange/EXCH03/connections');
    const list = page.getByRole('grid', { name: 'Connections' });
    await list.getByRole('link', { name: 'Menu DSS' }).focus();
    await menubar(page).getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    await expect(page.getByRole('menuitem', { name: 'Dirsync Server' })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await list.getByRole('link', { name: 'Menu DSS' }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes' }).click();
    await expect(toasts(page)).toContainText('Menu DSS was deleted');
    await expect(list.getByRole('link', { name: 'Menu DSS' })).toHaveCount(0);
    await menubar(page).getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    await expect(page.getByRole('menuitem', { name: 'Dirsync Server' })).not.toHaveAttribute('aria-disabled', 'true');
  });
});

test.describe('the frame at different widths', () => {
  test('1280×800 and 700×800: nothing spills sideways; the tree folds away behind a button when narrow', async ({ page }) => {
    await signIn(page, undefined, LIST);
    await expect(grid(page)).toBeVisible();
    await shot(page, 'console-1280');
    await page.setViewportSize({ width: 700, height: 800 });
    await page.goto('/exchange/EXCH01/connections');
    await expect(page.getByRole('grid', { name: 'Connections' })).toBeVisible();
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    const toggle = page.getByRole('button', { name: 'Containers' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('tree', { name: 'Containers' })).toBeHidden();
    await shot(page, 'console-700');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: CONTAINER }).click();
    await expect(page).toHaveURL(new RegExp(`${LIST}$`));
    // Choosing a container folds the tree away again, so the list has the room.
    await expect(page.getByRole('tree', { name: 'Containers' })).toBeHidden();
    await expect(grid(page)).toBeVisible();
    await shot(page, 'console-700-recipients');
  });
});
