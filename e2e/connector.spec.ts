import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

const SHEET = '/exchange/EXCH01/connector';
const TABS = ['General', 'Interchange', 'Local Postoffice', 'Connections', 'Connector MTAs', 'Address Space', 'Diagnostics Logging'];

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test.describe('Connections and the MS Mail Connector property sheet', () => {
  test('the Connections list opens from the tree; Enter opens the connector; every tab renders', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/services');
    // EXCH01's own Connections container (other specs may add servers beside it).
    await page.getByRole('tree', { name: 'Containers' }).locator('a[href="/exchange/EXCH01/connections"]').click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Server EXCH01 in Site HQ - Connections');
    const table = page.getByRole('grid', { name: 'Connections' });
    await expect(table.getByRole('row', { name: /MS Mail Connector \(EXCH01\)\s*MS Mail Connector/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /MONTGOMERY Dirsync Requestor\s*Dirsync Requestor/ })).toBeVisible();
    await expect(table.getByRole('link', { name: 'MONTGOMERY Dirsync Requestor' })).toHaveAttribute('href', '/exchange/EXCH01/requestor/general');
    // Sort by Type, descending: the connector row comes first ("MS Mail Connector" > "Dirsync Requestor").
    await table.getByRole('button', { name: 'Type' }).click();
    await table.getByRole('button', { name: 'Type' }).click();
    await expect(table.getByRole('columnheader', { name: 'Type' })).toHaveAttribute('aria-sort', 'descending');
    await shot(page, 'connections');
    // Keyboard: focus the first row, move down and up, Enter opens the connector's sheet.
    const first = table.getByRole('link').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(table.getByRole('link', { name: 'MS Mail Connector (EXCH01)' })).toBeFocused();
    // Enter opens it in the page, not by loading the page again.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connector\/general$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MS Mail Connector (EXCH01) Properties');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    const tabs = page.getByRole('navigation', { name: 'Property pages' }).getByRole('link');
    await expect(tabs).toHaveText(TABS);
    await expect(page.getByRole('textbox', { name: 'Display name' })).toHaveValue('MS Mail Connector');
    await expect(page.getByRole('radio', { name: 'No limit' })).toBeChecked();
    for (const name of TABS) {
      await tabs.filter({ hasText: name }).click();
      await expect(tabs.filter({ hasText: name })).toHaveAttribute('aria-current', 'page');
      await shot(page, `connector-${name.toLowerCase().replace(/ /g, '-')}`);
    }
    await expect(page.getByRole('listbox', { name: 'Services' }).getByRole('option')).toHaveText(['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA']);
  });

  test('Connector MTAs: Configure… sets Check for mail every 1 minute; 0 is refused once, the field pointing to the message', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/connector-mtas`);
    const list = page.getByRole('listbox', { name: 'MS Mail Connector (PC) MTA Services' });
    await list.getByRole('option', { name: /Microsoft PC MTA/ }).click();
    await page.getByRole('button', { name: 'Configure…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Configure - Microsoft PC MTA' });
    await expect(dialog.getByRole('textbox', { name: 'Service Name' })).toHaveValue('Microsoft PC MTA');
    await expect(dialog.getByRole('textbox', { name: 'Service Name' })).not.toBeEditable();
    const poll = dialog.getByRole('textbox', { name: 'Check for mail every' });
    // The sample's 5, or what an earlier spec left: set a value other than the current one.
    await expect(poll).toHaveValue(/^\d+$/);
    const target = (await poll.inputValue()) === '1' ? '2' : '1';
    await poll.fill(target);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('status')).toHaveText('The changes were saved.');
    await page.reload();
    await expect(poll).toHaveValue(target);
    await expect(dialog).toContainText('restart the service for the change to take effect');
    await shot(page, 'connector-mta-dialog');

    await poll.fill('0');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const message = '"Check for mail every" must be a whole number of minutes from 1 to 999; got "0"';
    // Said once, under the fields; the field is marked invalid and points to that message.
    await expect(dialog.getByText(message)).toHaveCount(1);
    await expect(dialog.getByRole('alert')).toHaveText(message);
    await expect(poll).toHaveAttribute('aria-invalid', 'true');
    await expect(poll).toHaveAccessibleDescription(message);
    await shot(page, 'connector-mta-refused');
    await page.reload();
    await expect(poll).toHaveValue(target);
    const mtas = JSON.parse(dirsync('exchange', 'mta', 'list', 'EXCH01', '--json')) as { serviceName: string; pollMinutes: number }[];
    expect(mtas.find((m) => m.serviceName === 'Microsoft PC MTA')?.pollMinutes).toBe(Number(target));
  });

  test('Diagnostics Logging: MSExchangePCMTA at Maximum is kept, and waits for a restart', async ({ page }) => {
    // Start from None in force (a restart also starts a stopped service): other specs raise the PC MTA's logging for their manual cycles, or stop it.
    dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA', '*', 'none');
    dirsync('service', 'restart', 'EXCH01', 'Microsoft PC MTA');
    await signIn(page, undefined, `${SHEET}/diagnostics-logging`);
    await page.getByRole('listbox', { name: 'Services' }).getByRole('option', { name: 'MSExchangePCMTA' }).click();
    const categories = page.getByRole('listbox', { name: 'Categories' });
    await expect(categories.getByRole('option')).toHaveCount(5);
    await categories.focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('radio', { name: 'Maximum' }).check();
    await expect(categories.getByRole('option', { name: 'Moved In: Maximum (not saved)' })).toBeVisible();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('The changes were saved.')).toBeVisible();
    await page.reload();
    await page.getByRole('listbox', { name: 'Services' }).getByRole('option', { name: 'MSExchangePCMTA' }).click();
    for (const c of ['Moved In', 'Moved Out', 'Sent', 'Received', 'Session']) await expect(categories.getByRole('option', { name: `${c}: Maximum` })).toBeVisible();
    await expect(page.getByText(/takes effect when the service is restarted/)).toBeVisible();
    await shot(page, 'connector-diagnostics-maximum');
    expect(dirsync('exchange', 'logging', 'EXCH01', 'MSExchangePCMTA')).toMatch(/Moved In\s+Maximum/);
  });

  test('two administrators Apply the General tab: the second is refused and the first change stands', async ({ page, context }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    const other = await context.newPage();
    await other.goto(`${SHEET}/general`);
    await page.getByRole('textbox', { name: 'Display name' }).fill('MS Mail Connector A');
    await other.getByRole('textbox', { name: 'Display name' }).fill('MS Mail Connector B');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('The changes were saved.')).toBeVisible();
    await other.getByRole('button', { name: 'Apply' }).click();
    await expect(other.getByRole('alert').filter({ hasText: 'changed by someone else since you opened it' })).toBeVisible();
    await other.screenshot({ path: test.info().outputPath('connector-conflict.png') });
    await other.reload();
    await expect(other.getByRole('textbox', { name: 'Display name' })).toHaveValue('MS Mail Connector A');
    // Bad value: nothing saved.
    await other.getByRole('radio', { name: 'Max (K)' }).check();
    await other.getByRole('textbox', { name: 'Max (K)' }).fill('0');
    await other.getByRole('button', { name: 'Apply' }).click();
    await expect(other.getByText('Max (K) must be a whole number of kilobytes from 1 to 2,097,151').first()).toBeVisible();
    await other.reload();
    await expect(other.getByRole('radio', { name: 'No limit' })).toBeChecked();
    // Put the name back for the other tests.
    await other.getByRole('textbox', { name: 'Display name' }).fill('MS Mail Connector');
    await other.getByRole('button', { name: 'Apply' }).click();
    await expect(other.getByText('The changes were saved.')).toBeVisible();
  });

  test('the Queue viewer shows the queued dirsync message; Delete takes it out', async ({ page }) => {
    dirsync('service', 'pause', 'EXCH01', 'MSExchangeDX');
    await signIn(page, undefined, `${SHEET}/connections`);
    const connections = page.getByRole('listbox', { name: 'Connections' });
    await connections.getByRole('option', { name: /POLYNOMIAL\/MONTGOMERY/ }).click();
    await page.getByRole('button', { name: 'Queue…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Queue - POLYNOMIAL/MONTGOMERY' });
    const queue = dialog.getByRole('listbox', { name: 'Queue for POLYNOMIAL/MONTGOMERY' });
    const reqTx = queue.getByRole('option', { name: /^ReqTx R=\d+/ });
    await expect(reqTx).toHaveCount(1);
    await expect(reqTx).toContainText('POLY');
    await expect(dialog.getByRole('checkbox', { name: 'Send Non-Delivery Reports when messages deleted' })).toBeChecked();
    await shot(page, 'connector-queue');
    await dialog.getByRole('button', { name: 'Refresh' }).click();
    await reqTx.click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog.getByRole('status', { name: 'Queue result' })).toContainText('a non-delivery report was sent to its sender');
    await expect(reqTx).toHaveCount(0);
    expect(dirsync('events', '--id', '2117')).toContain('Non delivery report generated.');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('a View Only Admin sees the values and cannot Apply', async ({ page }) => {
    // Four whole sheets (every page of each is made): more than a minute on a busy machine.
    test.slow();
    const viewer = ensureViewer();
    await signIn(page, viewer, `${SHEET}/general`);
    await expect(page.getByRole('textbox', { name: 'Display name' })).toHaveValue('MS Mail Connector');
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'OK' })).toBeDisabled();
    await expect(page.getByText('You are signed in as a View Only Admin')).toBeVisible();
    await page.goto(`${SHEET}/connector-mtas?mta=Microsoft%20PC%20MTA`);
    const dialog = page.getByRole('dialog', { name: 'Configure - Microsoft PC MTA' });
    await expect(dialog.getByRole('textbox', { name: 'Check for mail every' })).toHaveValue(/\d+/);
    await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await page.goto(`${SHEET}/connections`);
    await expect(page.getByRole('button', { name: 'Create…' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Queue…' })).toBeEnabled();
    await shot(page, 'connector-viewer');
    await page.goto('/exchange/EXCH01/directory-synchronization/diagnostics-logging');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Directory Synchronization (EXCH01) Properties');
    await expect(page.getByRole('listbox', { name: 'Services' }).getByRole('option')).toHaveText(['MSExchangeDX']);
    await expect(page.getByRole('radio', { name: 'Maximum' })).toBeDisabled();
    await page.goto('/exchange/EXCH01/directory-synchronization/general');
    // Every page of the sheet is in the document (the others hidden): the General page's address.
    await expect(page.getByRole('definition').filter({ hasText: 'POLYNOMIAL/HQ/SYSTEM1' })).toBeVisible();
    await shot(page, 'directory-synchronization');
  });
});
