import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';

/**
 * Building the network from the browser only (issue 14, item 8): New Postoffice, Dir-Sync Options,
 * Server ▸ Requestors, Registration, Mailbox ▸ Create, one dirsync cycle from the postoffices'
 * command prompts, then Delete. The e2e server starts with the sample network; each test builds a
 * network of its own name beside it (unique per run, so each test passes alone and in any order)
 * and removes it again through the console.
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
/** A network name no other test or run uses: T and five letters or digits. */
const uniqueNetwork = () => `T${Date.now().toString(36).slice(-4).toUpperCase()}${Math.floor(Math.random() * 36).toString(36).toUpperCase()}`;
const segment = (po: string) => po.replace('/', '~');

async function newPostoffice(page: Page, network: string, postoffice: string, password = 'ADMINPW') {
  const dialog = page.getByRole('dialog', { name: 'New MS Mail Postoffice' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Network' }).fill(network);
  await dialog.getByRole('textbox', { name: 'Postoffice' }).fill(postoffice);
  await dialog.getByLabel('Administrator password').fill(password);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(new RegExp(`/msmail/${network}~${postoffice}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`MS Mail Administrator - ${network}/${postoffice}`);
}

async function createMailbox(page: Page, mailbox: string, fullName: string) {
  await page.getByRole('toolbar', { name: 'Mailbox' }).getByRole('button', { name: 'Create…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Mailbox' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(fullName);
  await dialog.getByRole('textbox', { name: 'Mailbox' }).fill(mailbox);
  await shot(page, `create-mailbox-${mailbox}`);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Mailboxes' })).toContainText(mailbox);
}

/** Type one command at the postoffice's prompt and wait for its output. */
async function prompt(page: Page, line: string) {
  const output = page.getByRole('log', { name: 'Command output' });
  // Each finished command is a div holding its line and its output; a waiting one is a bare line.
  const done = output.locator('xpath=./div[div]');
  const before = await done.count();
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill(line);
  await command.press('Enter');
  await expect(done).toHaveCount(before + 1);
  await expect(done.last()).not.toContainText('exit status');
}

async function driveOf(page: Page): Promise<string> {
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  return /\(drive ([A-Z]):\)/.exec(heading)?.[1] ?? '';
}

/** Delete the open postoffice: Dir-Sync Options ▸ No first when it is the DSS, then Delete postoffice… ▸ Yes. */
async function deletePostoffice(page: Page, po: string, isDss: boolean) {
  await page.goto(`/msmail/${segment(po)}`);
  if (isDss) {
    const options = page.getByRole('form', { name: 'Dir-Sync Options' });
    await options.getByRole('radio', { name: 'No' }).check();
    await options.getByRole('button', { name: 'Apply' }).click();
    const question = page.getByRole('alertdialog', { name: 'MS Mail Administrator' });
    await question.getByRole('button', { name: 'Yes' }).click();
    await expect(options.getByRole('status')).toContainText('is no longer the dirsync server');
  }
  await page.getByRole('button', { name: 'Delete postoffice…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Microsoft Exchange Administrator' });
  await expect(confirm).toContainText(`MS Mail postoffice: ${po}`);
  await confirm.getByRole('button', { name: 'Yes' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: po })).toHaveCount(0);
}

test.describe('building the network from the browser', () => {
  // Whole procedures through the browser: several pages and a dozen utilities each.
  test.describe.configure({ timeout: 240_000 });
  test('two postoffices and their mailboxes from nothing; one cycle converges both GALs', async ({ page }) => {
    const net = uniqueNetwork();
    const alpha = `${net}/ALPHA`;
    const beta = `${net}/BETA`;
    await signIn(page);

    // The tree's MS Mail node: New Postoffice…
    await page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: 'New Postoffice…' }).click();
    await expect(page.getByRole('dialog', { name: 'New MS Mail Postoffice' })).toBeVisible();
    await shot(page, 'new-postoffice');
    await newPostoffice(page, net, 'ALPHA');
    const alphaDrive = await driveOf(page);

    // Config ▸ Dir-Sync ▸ Options: this postoffice is the DSS.
    const options = page.getByRole('form', { name: 'Dir-Sync Options' });
    await options.getByRole('radio', { name: 'Yes' }).check();
    await options.getByRole('button', { name: 'Apply' }).click();
    await expect(options.getByRole('status')).toHaveText(`${alpha} is now the Directory Synchronization Server`);
    await expect(page.getByRole('region', { name: 'Dir-Sync' })).toContainText('Directory Synchronization Server');

    // Server ▸ Requestors ▸ Create: BETA with its password (a bad name is refused next to the field first).
    await page.getByRole('button', { name: 'Create requestor…' }).click();
    const create = page.getByRole('dialog', { name: 'Create Requestor' });
    await create.getByRole('textbox', { name: 'Requestor postoffice' }).fill(`${net}-BETA`);
    await create.getByLabel('Password').fill('BETAPW');
    await create.getByRole('button', { name: 'OK' }).click();
    await expect(create.getByRole('textbox', { name: 'Requestor postoffice' })).toHaveAccessibleDescription(/is not a postoffice name: write NET\/PO/);
    await shot(page, 'create-requestor-refused');
    await create.getByRole('textbox', { name: 'Requestor postoffice' }).fill(beta);
    await create.getByRole('button', { name: 'OK' }).click();
    await expect(create).toBeHidden();
    await expect(page.getByRole('table', { name: 'Requestors' })).toContainText(beta);

    // Mailbox ▸ Create on ALPHA.
    await createMailbox(page, 'ANN', 'Ann Alpha');
    await shot(page, 'alpha');

    // File ▸ New Other ▸ MS Mail Postoffice for BETA.
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    await page.getByRole('menuitem', { name: 'MS Mail Postoffice' }).click();
    await newPostoffice(page, net, 'BETA');
    const betaDrive = await driveOf(page);
    // Requestor ▸ Registration with the DSS.
    const registration = page.getByRole('form', { name: 'Registration' });
    await registration.getByRole('textbox', { name: 'Dir-Sync Server' }).fill(alpha);
    await registration.getByLabel('Password').fill('BETAPW');
    await registration.getByRole('button', { name: 'Register' }).click();
    await expect(registration.getByRole('status')).toHaveText('Registered');
    await createMailbox(page, 'BOB', 'Bob Beta');

    // One cycle, as the documents run it: T1 on both, External, T2 on the DSS, External, T3 on both.
    const [lo, hi] = [alphaDrive, betaDrive].sort();
    const external = lo && hi ? `external -0 -d${lo}${hi}` : 'external -0';
    await page.goto(`/msmail/${segment(alpha)}`);
    await prompt(page, 'nsda -rt');
    await page.goto(`/msmail/${segment(beta)}`);
    await prompt(page, 'nsda -rt');
    await prompt(page, external);
    await prompt(page, external);
    await page.goto(`/msmail/${segment(alpha)}`);
    await prompt(page, 'nsda -s');
    await prompt(page, external);
    await prompt(page, external);
    await prompt(page, 'nsda -rr');
    await expect(page.getByRole('region', { name: 'Global Address List', exact: true })).toContainText('Bob Beta');
    await expect(page.getByRole('region', { name: 'Global Address List', exact: true })).toContainText('Ann Alpha');
    await page.goto(`/msmail/${segment(beta)}`);
    await prompt(page, 'nsda -rr');
    const betaGal = page.getByRole('region', { name: 'Global Address List', exact: true });
    await expect(betaGal).toContainText('Ann Alpha');
    await expect(betaGal).toContainText(`${alpha}/ANN`);
    await expect(betaGal).toContainText('Bob Beta');
    await shot(page, 'beta-converged');

    // And down again: BETA, then ALPHA (no longer the DSS first).
    await deletePostoffice(page, beta, false);
    await deletePostoffice(page, alpha, true);
  });

  test('bad values are refused next to the field; a View Only Admin is refused', async ({ page }) => {
    const net = uniqueNetwork();
    await signIn(page, undefined, '/new/postoffice');
    const dialog = page.getByRole('dialog', { name: 'New MS Mail Postoffice' });
    await dialog.getByRole('textbox', { name: 'Network' }).fill(`${net}!`);
    await dialog.getByRole('textbox', { name: 'Postoffice' }).fill('GAMMA');
    await dialog.getByLabel('Administrator password').fill('pw');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Network' })).toHaveAccessibleDescription(new RegExp(`Network name "${net}!" must be 1 to 10 letters or digits`));
    await expect(dialog.getByRole('alert')).toHaveText('Nothing was changed: see the reason next to the marked field.');
    await shot(page, 'new-postoffice-refused');
    // Escape is Cancel: back to the overview, nothing made.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('tree', { name: 'Containers' })).not.toContainText(net);

    await page.context().clearCookies();
    await signIn(page, ensureViewer(), '/new/postoffice');
    const viewerDialog = page.getByRole('dialog', { name: 'New MS Mail Postoffice' });
    await expect(viewerDialog.getByRole('button', { name: 'OK' })).toBeDisabled();
    await expect(page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: 'New Postoffice…' })).toHaveCount(0);
    await page.goto('/msmail/POLYNOMIAL~MONTGOMERY');
    await expect(page.getByRole('form', { name: 'Dir-Sync Options' }).getByRole('radio', { name: 'No' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Create requestor…' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Import…' })).toBeDisabled();
  });

  test('the Dispatch schedule grid, and Import asks Yes/No first', async ({ page }) => {
    const net = uniqueNetwork();
    const po = `${net}/DELTA`;
    await signIn(page, undefined, '/new/postoffice');
    await newPostoffice(page, net, 'DELTA');
    const schedule = page.getByRole('form', { name: 'Dispatch schedule' });
    // T2 belongs to the dirsync server.
    await expect(schedule.getByRole('radio', { name: /^T2 Server/ })).toBeDisabled();
    await schedule.getByRole('radio', { name: /^T1 Send updates/ }).check();
    await schedule.getByRole('textbox', { name: 'At minute' }).fill('45');
    await schedule.getByRole('button', { name: 'Saturday 13:00' }).click();
    await schedule.getByRole('radio', { name: /^T3 Receive updates/ }).check();
    await schedule.getByRole('textbox', { name: 'At minute' }).fill('0');
    await schedule.getByRole('button', { name: 'Sunday 02:00' }).click();
    await expect(schedule).toContainText('Process times: T3 Sun 02:00, T1 Sat 13:45');
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await expect(schedule.getByRole('status')).toHaveText('Schedule saved: 2 process times');
    await shot(page, 'dispatch-schedule');
    await page.reload();
    const saved = page.getByRole('form', { name: 'Dispatch schedule' });
    await expect(saved.getByRole('button', { name: 'Saturday 13:00' })).toHaveText('1');
    await expect(saved.getByRole('button', { name: 'Saturday 13:00' })).toHaveAccessibleDescription('T1 Sat 13:45');
    // Clicking an hour that has the chosen step removes it.
    await saved.getByRole('radio', { name: /^T1 Send updates/ }).check();
    await saved.getByRole('button', { name: 'Saturday 13:00' }).click();
    await expect(saved).toContainText('Process times: T3 Sun 02:00');
    await expect(saved).not.toContainText('T1 Sat 13:45');

    // Requestor ▸ Import: No changes nothing, Yes requests it.
    await page.getByRole('button', { name: 'Import…' }).click();
    const question = page.getByRole('alertdialog', { name: 'MS Mail Administrator' });
    await expect(question).toContainText('Request an import of the entire global address list');
    await shot(page, 'import-question');
    await question.getByRole('button', { name: 'No' }).click();
    await expect(question).toBeHidden();
    await expect(page.getByRole('region', { name: 'LISTDS' })).not.toContainText(/Import.*Yes/i);
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByRole('alertdialog', { name: 'MS Mail Administrator' }).getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('region', { name: 'Requestor' }).getByRole('status')).toHaveText('Import requested: the next T1 asks the dirsync server for every list');

    await deletePostoffice(page, po, false);
  });

  test('File ▸ New Other ▸ Exchange Server, then Edit ▸ Delete on it', async ({ page }) => {
    const id = uniqueNetwork();
    const server = `X${id}`;
    await signIn(page, undefined, '/');
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New Other' }).click();
    await page.getByRole('menuitem', { name: 'Exchange Server' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Exchange Server' });
    await dialog.getByRole('textbox', { name: 'Organization' }).fill(`ORG${id}`);
    await dialog.getByRole('textbox', { name: 'Site' }).fill(`SITE${id}`);
    await dialog.getByRole('textbox', { name: 'Server name' }).fill(server);
    await dialog.getByRole('textbox', { name: 'Network name' }).fill('SMTP');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Network name' })).toHaveAccessibleDescription(/SMTP is a reserved network name\. Enter a different name\./);
    await shot(page, 'new-exchange-server-refused');
    await dialog.getByRole('textbox', { name: 'Network name' }).fill(`N${id}`);
    await dialog.getByRole('textbox', { name: 'PostOffice name' }).fill('HQ');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page).toHaveURL(new RegExp(`/exchange/${server}/connector/connections$`));

    // Its Directory Synchronization object: General ▸ Display name and E-mail Addresses ▸ MS are editable.
    await page.goto(`/exchange/${server}/directory-synchronization/general`);
    await page.getByRole('textbox', { name: 'Display name' }).fill('DXA of the test');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`DXA of the test (${server}) Properties`);
    await page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name: 'E-mail Addresses' }).click();
    const ms = page.getByRole('textbox', { name: 'MS address' });
    await ms.fill(`OTHER/HQ/SYSTEM4`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(ms).toHaveAccessibleDescription(new RegExp(`The MS address must be on N${id}/HQ, the MS Mail Connector's Local Postoffice`));
    await ms.fill(`N${id}/HQ/SYSTEM4`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('table', { name: 'E-mail addresses' })).toContainText(`N${id}/HQ/SYSTEM4`);
    await shot(page, 'directory-synchronization-addresses');
    const tree = page.getByRole('tree', { name: 'Containers' });
    await tree.getByRole('link', { name: server }).click();
    await expect(page).toHaveURL(new RegExp(`/exchange/${server}/services$`));
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByRole('menuitem', { name: /^Delete/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Microsoft Exchange Administrator' });
    await expect(confirm).toContainText(`Exchange server: ${server}`);
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(tree.getByRole('link', { name: server })).toHaveCount(0);
  });
});
