import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { withDb } from './fixtures/sql';

/**
 * The dirsync objects' property sheets, File ▸ New Other and the recipients containers, against
 * the sample network (EXCH01 a requestor of POLYNOMIAL/MONTGOMERY, T1 on Saturdays at 13:00).
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
/** The sheet's own message (the Next.js route announcer is an alert too). */
// The sheet's own message (its pages share one, under the pages).
const sheetAlert = (page: Page) => page.locator('section[aria-labelledby="sheet-title"] [role=alert]');
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();

/** EXCH02 in another organization, made the dirsync server of its own MS Mail system, with a connection to NOVEMBER. */
function ensureExch02() {
  try {
    dirsync('exchange', 'remote-requestor', 'list', 'EXCH02');
    return;
  } catch {
    // not made yet
  }
  dirsync('exchange', 'create', 'OTHERORG', 'SITE2', 'EXCH02');
  dirsync('exchange', 'dss', 'EXCH02', '--schedule', 'never');
  dirsync('exchange', 'connection', 'add', 'EXCH02', 'POLYNOMIAL/NOVEMBER');
}

test.describe('Dirsync Requestor (EXCH01, a requestor of POLYNOMIAL/MONTGOMERY)', () => {
  test('Settings and Schedule: Apply, reload, kept — the grid works from the keyboard', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/requestor/general');
    await expect(page.getByRole('heading', { level: 1, name: 'MONTGOMERY Dirsync Requestor Properties' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('MONTGOMERY Dirsync Requestor');
    await expect(page.getByRole('textbox', { name: 'Dirsync address' })).toHaveValue('POLYNOMIAL/MONTGOMERY/$SYSTEM');
    await expect(page.getByRole('combobox', { name: 'Requestor language' })).toHaveValue('English');
    await shot(page, 'requestor-general');

    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/requestor\/settings$/);
    const importNext = page.getByRole('checkbox', { name: 'Import on next cycle' });
    await expect(importNext).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Send updates' })).toBeChecked();
    await expect(page.getByLabel('Dirsync password')).toHaveValue('');
    await importNext.check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Import on next cycle' })).toBeChecked();
    await expect(page.getByLabel('Dirsync password')).toHaveValue('');
    await shot(page, 'requestor-settings');

    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Schedule' }).click();
    const grid = page.getByRole('grid', { name: 'Schedule grid' });
    await expect(grid.getByRole('button', { pressed: true })).toHaveCount(1);
    const sat13 = grid.getByRole('button', { name: 'Saturday 13:00' });
    await expect(sat13).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('radio', { name: 'Selected times' })).toBeChecked();
    await expect(page.getByText('T1 (send updates) starts at the top of each selected hour.')).toBeVisible();
    // One tab stop: the selected hour. Arrow right to 14:00, up to Friday 14:00, Space toggles.
    await sat13.focus();
    await page.keyboard.press('ArrowRight');
    await expect(grid.getByRole('button', { name: 'Saturday 14:00' })).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    await expect(grid.getByRole('button', { name: 'Friday 14:00' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(grid.getByRole('button', { pressed: true })).toHaveCount(3);
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('grid', { name: 'Schedule grid' }).getByRole('button', { pressed: true })).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Saturday 14:00' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Friday 14:00' })).toHaveAttribute('aria-pressed', 'true');
    expect(JSON.parse(dirsync('exchange', 'requestor', 'EXCH01', '--json')).schedule).toBe('Sat:13,Fri:14,Sat:14');
    await shot(page, 'requestor-schedule-grid');

    // Selected times with no hour is refused, and nothing is saved.
    for (const name of ['Friday 14:00', 'Saturday 13:00', 'Saturday 14:00']) await page.getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(sheetAlert(page)).toContainText('Selected times needs at least one hour selected in the schedule grid');
    await page.reload();
    await expect(page.getByRole('grid', { name: 'Schedule grid' }).getByRole('button', { pressed: true })).toHaveCount(3);
  });

  test('a bad value is refused with the message next to the field, and nothing is saved; the Import Container is fixed', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/requestor/export-containers');
    await expect(page.getByRole('listbox', { name: 'Export these recipients' }).getByRole('option')).toHaveText(['Recipients']);
    const trust = page.getByRole('textbox', { name: 'Trust level' });
    await expect(trust).toHaveValue('50');
    await trust.fill('101');
    await page.getByRole('checkbox', { name: 'Export custom recipients' }).uncheck();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(sheetAlert(page)).toContainText('Some values are not valid');
    await expect(page.getByText('Trust level must be a whole number from 0 to 100')).toBeVisible();
    await expect(trust).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'requestor-export-containers-refused');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Trust level' })).toHaveValue('50');
    await expect(page.getByRole('checkbox', { name: 'Export custom recipients' })).toBeChecked();

    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Import Container' }).click();
    const container = page.getByRole('textbox', { name: 'Import container' });
    await expect(container).toHaveValue('Recipients');
    await expect(container).toHaveAttribute('readonly', '');
    await expect(page.getByText('You cannot choose another directory import container once one has been specified.')).toBeVisible();
    await shot(page, 'requestor-import-container');
  });

  test('the concurrent-edit refusal: a save over someone else\'s change is refused', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/requestor/general');
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeVisible();
    // Someone else changes the object after this sheet was opened.
    dirsync('exchange', 'requestor', 'EXCH01', '--append-name');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Renamed Requestor');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(sheetAlert(page)).toContainText('changed by someone else since you opened it');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('MONTGOMERY Dirsync Requestor');
    await expect(page.getByRole('checkbox', { name: "Append to imported users' display name" })).toBeChecked();
  });

  test('File ▸ New Other ▸ Remote Dirsync Requestor is unavailable on a requestor', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/services');
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    const item = page.getByRole('menuitem', { name: 'Remote Dirsync Requestor' });
    await expect(item).toHaveAttribute('aria-disabled', 'true');
    await page.goto('/exchange/EXCH01/remote-requestors/new');
    await expect(page.getByRole('alert').filter({ hasText: 'unavailable' })).toHaveText('The Remote Dirsync Requestor command is unavailable until you set up a Microsoft Exchange Server dirsync server.');
    await expect(page.getByRole('link', { name: 'Dirsync Requestor' })).toBeVisible();
  });

  test('the sheet comes first with its buttons in view; the Import Container\'s delete guard sits under it, on every tab', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/requestor/general');
    const sheet = page.getByRole('region', { name: /Dirsync Requestor Properties$/ });
    const guard = page.getByRole('region', { name: 'Delete guard of the Import Container' });
    await expect(guard).toBeVisible();
    // Opened at General, then Settings: the tab switch does not make the page again, and the guard stays.
    await sheet.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Settings' }).click();
    await expect(sheet.getByRole('button', { name: 'Apply' })).toBeInViewport();
    await expect(guard).toBeVisible();
    expect((await guard.boundingBox())!.y).toBeGreaterThan((await sheet.boundingBox())!.y + (await sheet.boundingBox())!.height - 1);
  });

  test('a second dirsync object is refused by name: New Dirsync Requestor and New Dirsync Server on a requestor', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/requestor/new');
    const sheet = page.getByRole('region', { name: 'New Dirsync Requestor' });
    await expect(sheet).toContainText('EXCH01 already has a Dirsync Requestor.');
    await page.goto('/exchange/EXCH01/dirsync-server/new');
    await expect(page.getByRole('region', { name: 'New Dirsync Server' })).toContainText(
      'EXCH01 is a dirsync requestor (it has a Dirsync Requestor object): a server is either the dirsync server or a requestor.',
    );
    await page.getByRole('link', { name: 'Dirsync Requestor' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/requestor\/general$/);
  });
});

test.describe('An Exchange dirsync server (EXCH02, made with the CLI)', () => {
  test.beforeAll(() => ensureExch02());

  test('File ▸ New Other ▸ Remote Dirsync Requestor: pick the postoffice, OK, listed, and the CLI sees it', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH02/services');
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    await page.getByRole('menuitem', { name: 'Remote Dirsync Requestor' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH02\/remote-requestors\/new$/);
    await expect(page.getByRole('heading', { level: 1, name: 'New Remote Dirsync Requestor' })).toBeVisible();
    const choices = page.getByRole('group', { name: 'MS Mail postoffices' });
    // The sample's three postoffices are offered (other specs may have built networks of their own beside them).
    for (const po of ['MONTGOMERY', 'NOVEMBER', 'OCTOBER']) await expect(choices.getByRole('radio', { name: new RegExp(`^POLYNOMIAL/${po}`) })).toBeVisible();
    await choices.getByRole('radio', { name: /^POLYNOMIAL\/NOVEMBER/ }).check();
    await page.getByLabel('Password').fill('NOVPW');
    await page.getByRole('checkbox', { name: 'Export on next cycle' }).check();
    await shot(page, 'new-remote-requestor');
    await page.getByRole('button', { name: 'OK' }).click();

    await expect(page).toHaveURL(/\/exchange\/EXCH02\/remote-requestors$/);
    const row = page.getByRole('row', { name: /NOVEMBER/ });
    await expect(row).toContainText('POLYNOMIAL/NOVEMBER');
    await expect(row).toContainText('Recipients');
    await shot(page, 'remote-requestors-list');
    expect(dirsync('exchange', 'remote-requestor', 'list', 'EXCH02')).toMatch(/^NOVEMBER {2}POLYNOMIAL\/NOVEMBER {2}import: Recipients/m);

    // Its sheet: General (the password never shown back), Import Container, Export Containers.
    await row.getByRole('link', { name: 'NOVEMBER' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'NOVEMBER Properties' })).toBeVisible();
    await expect(page.getByLabel(/^Password/)).toHaveValue('');
    await expect(page.getByText('A password is set. Leave the field empty to keep it.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Dirsync address' })).toHaveValue('POLYNOMIAL/NOVEMBER/$SYSTEM');
    await expect(page.getByRole('textbox', { name: 'Requestor address type' })).toHaveValue('MS');
    await expect(page.getByRole('checkbox', { name: 'Export on next cycle' })).toBeChecked();
    await page.getByRole('checkbox', { name: "Append to imported users' display name" }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await shot(page, 'remote-requestor-general');
    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Export Containers' }).click();
    await page.getByRole('listbox', { name: 'Recipient containers' }).selectOption('Recipients');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('textbox', { name: 'Trust level' }).fill('40');
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Export these recipients' }).getByRole('option')).toHaveText(['Recipients']);
    await expect(page.getByRole('textbox', { name: 'Trust level' })).toHaveValue('40');
    await shot(page, 'remote-requestor-export-containers');
    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Import Container' }).click();
    await expect(page.getByRole('textbox', { name: 'Import container' })).toHaveValue('Recipients');
    await shot(page, 'remote-requestor-import-container');
    expect(dirsync('exchange', 'remote-requestor', 'list', 'EXCH02')).toMatch(/export: Recipients \(trust 40\)/);
  });

  test('Dirsync Server sheet: General and Schedule; a save over someone else\'s change is refused', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH02/dirsync-server/general');
    await expect(page.getByRole('heading', { level: 1, name: 'Dirsync Server Properties' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Copy administrator on outgoing messages' })).not.toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Server' })).toHaveValue('EXCH02');
    await shot(page, 'dirsync-server-general');
    dirsync('exchange', 'dss', 'EXCH02', '--forward-admin');
    await page.getByRole('textbox', { name: 'Name' }).fill('DXA Server');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(sheetAlert(page)).toContainText('Dirsync Server was changed by someone else since you opened it');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Dirsync Server');
    await expect(page.getByRole('checkbox', { name: 'Forward incoming dirsync messages to administrator' })).toBeChecked();

    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Schedule' }).click();
    await expect(page.getByRole('radio', { name: 'Never' })).toBeChecked();
    await expect(page.getByText('T2 will only spawn at the top of the hour.')).toBeVisible();
    await page.getByRole('button', { name: 'Monday 02:00' }).click();
    await expect(page.getByRole('radio', { name: 'Selected times' })).toBeChecked();
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH02\/remote-requestors$/);
    await expect(page.getByText(/T2 schedule: .*Mon:2/)).toBeVisible();
    await page.goto('/exchange/EXCH02/dirsync-server/schedule');
    await shot(page, 'dirsync-server-schedule');
  });
});

test.describe('Recipients containers', () => {
  test('sortable list, hidden recipients marked; a recipient\'s Advanced tab saved through its sheet', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/recipients/Recipients');
    const table = page.getByRole('region', { name: 'Recipients' }).getByRole('grid');
    await expect(table.getByRole('row', { name: /Anna Schmidt/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /POLYNOMIAL\/MONTGOMERY\/\$SYSTEM/ })).toContainText('Hidden');
    await table.getByRole('link', { name: 'Trust level' }).click();
    await expect(table.getByRole('columnheader', { name: /Trust level/ })).toHaveAttribute('aria-sort', 'ascending');
    await table.getByRole('link', { name: 'Trust level' }).click();
    await expect(table.getByRole('columnheader', { name: /Trust level/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(table.getByRole('rowheader').first()).toContainText('Board Room');
    await shot(page, 'recipients-container');

    await table.getByRole('link', { name: 'Board Room' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Board Room Properties' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Alias' })).toHaveAttribute('readonly', '');
    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'Advanced' }).click();
    await page.getByRole('textbox', { name: 'Trust level' }).fill('30');
    await page.getByRole('checkbox', { name: 'Hide from address book' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Trust level' })).toHaveValue('30');
    await expect(page.getByRole('checkbox', { name: 'Hide from address book' })).toBeChecked();
    await shot(page, 'recipient-advanced');
    expect(dirsync('exchange', 'recipient', 'list', 'EXCH01', 'Recipients')).toMatch(/BOARDROOM\s+Board Room\s+Mailbox\s+30/);
  });

  test('a custom recipient imported by dirsync names its requestor in its own column; Trust level stays in view', async ({ page }) => {
    // What the DXA's import leaves (a reply applied), written directly: the plain sample has run no cycle.
    const alias = 'AARONIMP';
    withDb((db) => {
      const link = db.prepare("select id from dirsync_link where name = 'MONTGOMERY Dirsync Requestor'").pluck().get() as number;
      const c = db.prepare("select c.id, c.site_id as siteId from recipient_container c join exchange_site s on s.id = c.site_id where c.name = 'Recipients' and s.organization = 'POLYNOMIAL' and s.site = 'HQ'").get() as { id: number; siteId: number };
      const address = 'PCM:POLYNOMIAL/MONTGOMERY/AARONIMP';
      db.prepare(`insert into recipient (site_id, container_id, alias, display_name, kind, target_address, address_key, imported_list, imported_by) values (?, ?, ?, 'Aaron Imported', 'custom', ?, ?, 'PCM:POLYNOMIAL/MONTGOMERY', ?)`).run(c.siteId, c.id, alias, address, address, link);
    });
    try {
      await signIn(page, undefined, '/exchange/EXCH01/recipients/Recipients');
      const region = page.getByRole('region', { name: 'Recipients', exact: true });
      const table = region.getByRole('grid');
      const row = table.getByRole('row', { name: /Aaron Imported/ });
      await expect(row.getByRole('gridcell').nth(1)).toHaveText('Custom Recipient');
      await expect(row.getByRole('gridcell').last()).toHaveText('MONTGOMERY Dirsync Requestor');
      // The long importer name once made the Type column push Trust level out of the pane; at
      // 800 px the hidden $SYSTEM recipient's long name and alias did.
      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 800 });
        const pane = (await region.boundingBox())!;
        const trust = (await table.getByRole('columnheader', { name: /Trust level/ }).boundingBox())!;
        expect(trust.x + trust.width, `Trust level in view at ${width} px`).toBeLessThanOrEqual(pane.x + pane.width);
      }
      await expect(table.getByRole('rowheader', { name: /POLYNOMIAL\/MONTGOMERY\/\$SYSTEM/ })).toHaveAttribute('title', 'POLYNOMIAL/MONTGOMERY/$SYSTEM');
      await page.setViewportSize({ width: 1280, height: 800 });
      // Sorted by importer, descending: the imported recipient before those nobody imported.
      await table.getByRole('link', { name: 'Imported by' }).click();
      await table.getByRole('link', { name: 'Imported by' }).click();
      await expect(table.getByRole('columnheader', { name: /Imported by/ })).toHaveAttribute('aria-sort', 'descending');
      await expect(table.getByRole('rowheader').first()).toContainText('Aaron Imported');
    } finally {
      withDb((db) => db.prepare('delete from recipient where alias = ?').run(alias));
    }
  });
});

test.describe('A View Only Admin', () => {
  test('sees the sheets and can save nothing', async ({ page }) => {
    const viewer = ensureViewer();
    await signIn(page, viewer, '/exchange/EXCH01/requestor/settings');
    await expect(page.getByRole('checkbox', { name: 'Send updates' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'OK' })).toBeDisabled();
    await expect(page.getByText('You are signed in as a View Only Admin: nothing here can be changed.')).toBeVisible();
    await page.goto('/exchange/EXCH01/requestor/schedule');
    await expect(page.getByRole('button', { name: 'Saturday 13:00' })).toBeDisabled();
    await page.goto('/exchange/EXCH01/recipients/Recipients/ANNA/advanced');
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });
});
