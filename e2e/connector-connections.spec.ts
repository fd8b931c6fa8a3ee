import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

// The Connections tab's Create… with LAN / Async / X.25 / Indirect, and the MTA dialog's Connection
// Parameters (docs/exchange.md). The sample has a LAN connection to
// POLYNOMIAL/MONTGOMERY serviced by "Microsoft PC MTA"; NOVEMBER and OCTOBER are not connected.

const TAB = '/exchange/EXCH01/connector/connections';
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test.describe('Connections ▸ Create… with each kind, and the MTA dialog', () => {
  test.afterAll(() => {
    // Leave the sample as the other specs expect it.
    dirsync('exchange', 'mta', 'set', 'EXCH01', 'Microsoft PC MTA', '--type', 'lan', '--services', 'POLYNOMIAL/MONTGOMERY');
    for (const po of ['POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER']) {
      if (dirsync('exchange', 'connection', 'list', 'EXCH01').includes(po)) dirsync('exchange', 'connection', 'remove', 'EXCH01', po);
    }
  });

  test('creates an Indirect and an Async connection; a bad value is refused; the list shows their types after a reload', async ({ page }) => {
    await signIn(page, undefined, TAB);
    await page.getByRole('button', { name: 'Create…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Connection' });
    await expect(dialog.getByRole('radio', { name: 'LAN' })).toBeChecked();
    await expect(dialog.getByRole('textbox', { name: 'Postoffice Path' })).toBeVisible();

    // Indirect via MONTGOMERY (the only direct connection).
    await dialog.getByRole('radio', { name: 'Indirect' }).check();
    await expect(dialog.getByRole('textbox', { name: 'Postoffice Path' })).toBeHidden();
    await expect(dialog.getByRole('combobox', { name: 'Indirect via' })).toHaveValue('POLYNOMIAL/MONTGOMERY');
    await dialog.getByRole('textbox', { name: 'Network' }).fill('POLYNOMIAL');
    await dialog.getByRole('textbox', { name: 'Postoffice' }).fill('NOVEMBER');
    await shot(page, 'create-connection-indirect');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    const list = page.getByRole('listbox', { name: 'Connections' });
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/NOVEMBER Indirect via POLYNOMIAL\/MONTGOMERY/ })).toBeVisible();

    // Async to OCTOBER: no phone number, then 0 attempts, are refused next to their fields.
    await page.getByRole('button', { name: 'Create…' }).click();
    await dialog.getByRole('radio', { name: 'Async' }).check();
    await dialog.getByRole('textbox', { name: 'Network' }).fill('POLYNOMIAL');
    await dialog.getByRole('textbox', { name: 'Postoffice' }).fill('OCTOBER');
    await expect(dialog.getByRole('textbox', { name: 'Connection attempts' })).toHaveValue('3');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const phone = dialog.getByRole('textbox', { name: 'Phone number' });
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert').filter({ hasText: 'Phone number is required for an Async connection' })).toBeVisible();
    await phone.fill('1 (206) 555-0100');
    await dialog.getByRole('textbox', { name: 'Connection attempts' }).fill('0');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Connection attempts must be a whole number from 1 to 99' })).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Connection attempts' })).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'create-connection-async-refused');
    expect(dirsync('exchange', 'connection', 'list', 'EXCH01')).not.toContain('OCTOBER');
    await dialog.getByRole('textbox', { name: 'Connection attempts' }).fill('5');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/OCTOBER Async Phone 1 \(206\) 555-0100/ })).toBeVisible();
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/NOVEMBER Indirect/ })).toBeVisible();
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/MONTGOMERY LAN/ })).toBeVisible();
    await shot(page, 'connections-with-kinds');
    const json = JSON.parse(dirsync('exchange', 'connection', 'list', 'EXCH01', '--json')) as { postoffice: string; kind: string; connectionAttempts: number | null }[];
    expect(json.find((c) => c.postoffice === 'POLYNOMIAL/OCTOBER')).toMatchObject({ kind: 'Async', connectionAttempts: 5 });

    // Modify… the Async one: its kind is shown, its phone changes.
    await list.getByRole('option', { name: /^POLYNOMIAL\/OCTOBER/ }).click();
    await page.getByRole('button', { name: 'Modify…' }).click();
    const modify = page.getByRole('dialog', { name: 'Modify Connection - POLYNOMIAL/OCTOBER' });
    await expect(modify.getByText('Connection Parameters: Async')).toBeVisible();
    await modify.getByRole('textbox', { name: 'Phone number' }).fill('555-0199');
    await modify.getByRole('button', { name: 'OK' }).click();
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/OCTOBER Async Phone 555-0199/ })).toBeVisible();

    // Deleting MONTGOMERY, which NOVEMBER is routed through, is refused with the documented text.
    await list.getByRole('option', { name: /^POLYNOMIAL\/MONTGOMERY/ }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('status', { name: 'Connections result' })).toContainText(
      'You must delete any indirect postoffice connections routed through a direct postoffice before deleting that direct postoffice.',
    );
    await expect(list.getByRole('option', { name: /^POLYNOMIAL\/MONTGOMERY/ })).toBeVisible();
  });

  test('the MTA dialog: a LAN instance cannot service the Async postoffice; Async and LAN with a COM port can', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/connector/connector-mtas?mta=Microsoft%20PC%20MTA');
    const dialog = page.getByRole('dialog', { name: 'Configure - Microsoft PC MTA' });
    await expect(dialog.getByRole('radio', { name: 'LAN', exact: true })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Communication Port' })).toBeDisabled();
    await expect(dialog.getByText('These options apply to the LAN component')).toHaveCount(0);
    // Indirect connections are not in the list: the via postoffice's instance carries their mail.
    await expect(dialog.getByRole('checkbox', { name: /NOVEMBER/ })).toHaveCount(0);
    await dialog.getByRole('checkbox', { name: 'POLYNOMIAL/OCTOBER (Async)' }).check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Postoffices Serviced: POLYNOMIAL/OCTOBER is an Async connection' })).toBeVisible();

    await dialog.getByRole('radio', { name: 'Async and LAN' }).check();
    await expect(
      dialog.getByText(
        'These options apply to the LAN component of an async and LAN connection only. If you are using this MTA service exclusively for asynchronous communication, you should accept the default settings.',
      ),
    ).toBeVisible();
    const port = dialog.getByRole('combobox', { name: 'Communication Port' });
    await expect(port).toBeEnabled();
    await expect(port).toHaveValue('COM1');
    await expect(port.getByRole('option')).toHaveCount(256);
    await port.selectOption('COM2');
    await shot(page, 'mta-dialog-async');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('status')).toHaveText('The changes were saved.');
    await page.reload();
    await expect(dialog.getByRole('radio', { name: 'Async and LAN' })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Communication Port' })).toHaveValue('COM2');
    await expect(dialog.getByRole('checkbox', { name: 'POLYNOMIAL/OCTOBER (Async)' })).toBeChecked();
  });
});
