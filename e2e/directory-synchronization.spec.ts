import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

/**
 * The Directory Synchronization object's Delivery Restrictions and Templates tabs, the address-book
 * picker and the recipient's attributes, on the sample network (EXCH01 a requestor of MONTGOMERY).
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
const tabLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name });

test.describe('Directory Synchronization (EXCH01)', () => {
  test.afterAll(() => {
    // Leave the object as the sample had it for the other specs' cycles.
    dirsync('exchange', 'ds', 'EXCH01', 'restrictions', '--accept', 'all', '--reject', 'none', '--accept-list', '', '--reject-list', '');
  });

  test('Delivery Restrictions: Modify… picks a recipient by typing its name; Apply; reload keeps it', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/directory-synchronization/general');
    const tabs = page.getByRole('navigation', { name: 'Property pages' }).getByRole('link');
    await expect(tabs).toHaveText(['General', 'E-mail Addresses', 'Delivery Restrictions', 'Incoming Templates', 'Outgoing Templates', 'Diagnostics Logging']);
    await tabLink(page, 'Delivery Restrictions').click();
    await expect(page).toHaveURL(/\/directory-synchronization\/delivery-restrictions$/);
    const reject = page.getByRole('group', { name: 'Reject messages from' });
    await expect(reject.getByRole('radio', { name: 'None' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Accept messages from' }).getByRole('radio', { name: 'All' })).toBeChecked();
    await expect(page.getByText('All rejected messages are returned to the original sender.')).toBeVisible();

    await reject.getByRole('button', { name: 'Modify…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject messages from' });
    await expect(dialog.getByRole('combobox', { name: 'Show Names from the' })).toHaveValue('');
    const name = dialog.getByRole('textbox', { name: 'Type Name or Select from List' });
    await expect(name).toBeFocused();
    await name.fill('board');
    const book = dialog.getByRole('listbox', { name: 'Address book' });
    await expect(book.getByRole('option')).toHaveCount(1);
    await expect(book.getByRole('option', { name: 'Board Room (BOARDROOM)' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Properties' }).click();
    await expect(dialog.getByRole('region', { name: 'Properties of Board Room' })).toContainText('MS:POLYNOMIAL/HQ/BOARDROOM');
    // Enter in the text box adds the name shown first (and does not submit the sheet).
    await name.press('Enter');
    await expect(dialog.getByRole('listbox', { name: 'Reject messages from' }).getByRole('option', { name: 'Board Room (BOARDROOM)' })).toBeVisible();
    // The hidden $SYSTEM recipients are listed too, marked hidden.
    await name.fill('POLYNOMIAL/MONT');
    await expect(book.getByRole('option', { name: 'POLYNOMIAL/MONTGOMERY/$SYSTEM (POLYNOMIAL.MONTGOMERY.$SYSTEM), hidden' })).toBeVisible();
    await shot(page, 'address-book-picker');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(reject.getByRole('radio', { name: 'List' })).toBeChecked();
    await expect(reject.getByRole('list', { name: 'Reject messages from list' })).toContainText('Board Room');
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('group', { name: 'Reject messages from' }).getByRole('radio', { name: 'List' })).toBeChecked();
    await expect(page.getByRole('list', { name: 'Reject messages from list' })).toContainText('Board Room');
    expect(JSON.parse(dirsync('exchange', 'ds', 'EXCH01', '--json')).reject).toEqual(['BOARDROOM']);
    await shot(page, 'delivery-restrictions');

    // Accept messages from List with nobody on it is refused with the reason, nothing saved.
    await page.getByRole('group', { name: 'Accept messages from' }).getByRole('radio', { name: 'List' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.locator('section[aria-labelledby="sheet-title"] [role=alert]')).toContainText('Accept messages from List has nobody on the list');
    expect(JSON.parse(dirsync('exchange', 'ds', 'EXCH01', '--json')).acceptFrom).toBe('All');
  });

  test('Outgoing Templates: New… refuses a prompt without its colon; Apply; reload keeps the mapping', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/directory-synchronization/outgoing-templates');
    await page.getByRole('button', { name: 'New…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Outgoing Template Mapping' });
    await dialog.getByRole('combobox', { name: 'Exchange attribute' }).selectOption('Department');
    await dialog.getByRole('textbox', { name: 'MS Mail template' }).fill('Department');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog.getByRole('alert')).toContainText('must end with a colon');
    await shot(page, 'template-mapping-refused');
    await dialog.getByRole('textbox', { name: 'MS Mail template' }).fill('Department:');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    const list = page.getByRole('listbox', { name: 'Outgoing template mappings' });
    await expect(list.getByRole('option', { name: 'Department to Department:' })).toBeVisible();
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Outgoing template mappings' }).getByRole('option', { name: 'Department to Department:' })).toBeVisible();
    expect(JSON.parse(dirsync('exchange', 'ds', 'EXCH01', 'templates', 'outgoing', '--json'))).toEqual([{ prompt: 'Department:', attribute: 'Department' }]);
    await shot(page, 'outgoing-templates');

    // Remove, Apply: gone again.
    await page.getByRole('listbox', { name: 'Outgoing template mappings' }).getByRole('option', { name: 'Department to Department:' }).click();
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    expect(JSON.parse(dirsync('exchange', 'ds', 'EXCH01', 'templates', 'outgoing', '--json'))).toEqual([]);
  });

  test("a recipient's General tab edits its attributes", async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/recipients/Recipients/EMMA/general');
    await page.getByRole('textbox', { name: 'Department' }).fill('Sales');
    await page.getByRole('textbox', { name: 'Title' }).fill('Buyer');
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Department' })).toHaveValue('Sales');
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Buyer');
    await shot(page, 'recipient-attributes');
  });

  test("the connector's Administrator's mailbox is chosen with Change… from the address book (mailboxes only)", async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/connector/interchange');
    await page.getByRole('button', { name: 'Change…' }).click();
    const dialog = page.getByRole('dialog', { name: "Administrator's mailbox" });
    const name = dialog.getByRole('textbox', { name: 'Type Name or Select from List' });
    // Custom recipients (the hidden $SYSTEM ones) are not offered for a mailbox.
    await name.fill('POLYNOMIAL');
    // The empty list holds one unavailable entry that says so; no name can be chosen.
    await expect(dialog.getByRole('listbox', { name: 'Address book' }).getByRole('option', { disabled: false })).toHaveCount(0);
    // Enter right after typing adds the first name for what was typed, once it has arrived (held back here, so Enter comes first).
    await page.route(/address-book\?.*name=chl/, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await name.fill('chl');
    await name.press('Enter');
    await expect(dialog.getByRole('listbox', { name: "Administrator's mailbox" }).getByRole('option', { name: 'Chloe Martin (CHLOE)' })).toBeVisible();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('textbox', { name: "Administrator's mailbox" })).toHaveValue('Chloe Martin (CHLOE)');
    await page.getByRole('button', { name: 'Apply' }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByRole('textbox', { name: "Administrator's mailbox" })).toHaveValue('Chloe Martin (CHLOE)');
    await shot(page, 'connector-administrator-mailbox');
  });

  test('the address book route answers only a session, a page of names at a time', async ({ page, request }) => {
    const anonymous = await request.get('/exchange/EXCH01/address-book?name=a', { maxRedirects: 0 });
    expect([303, 307]).toContain(anonymous.status());
    await signIn(page, undefined, '/exchange/EXCH01/services');
    const res = await page.request.get('/exchange/EXCH01/address-book?name=anna');
    expect(res.ok()).toBe(true);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, limit: 100, entries: [{ alias: 'ANNA', displayName: 'Anna Schmidt', kind: 'mailbox', address: 'MS:POLYNOMIAL/HQ/ANNA' }] });
    expect(body.containers).toContain('Recipients');
  });

  test('a View Only Admin sees the tabs and cannot change them', async ({ page }) => {
    const viewer = ensureViewer();
    await signIn(page, viewer, '/exchange/EXCH01/directory-synchronization/delivery-restrictions');
    await expect(page.getByRole('group', { name: 'Reject messages from' }).getByRole('button', { name: 'Modify…' })).toBeDisabled();
    await expect(page.getByRole('group', { name: 'Accept messages from' }).getByRole('radio', { name: 'List' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await page.goto('/exchange/EXCH01/directory-synchronization/incoming-templates');
    await expect(page.getByRole('button', { name: 'New…' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'OK' })).toBeDisabled();
    await expect(page.getByText('You are signed in as a View Only Admin: nothing here can be changed.')).toBeVisible();
  });
});
