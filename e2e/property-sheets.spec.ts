import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures/auth';

/** Property sheets as Windows has them (issue 14 item 3): every page's edits kept until OK, Apply or Cancel. */
const SHEET = '/exchange/EXCH01/connector';
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Property pages' }).getByRole('link', { name, exact: true });
const displayName = (page: Page) => page.getByRole('textbox', { name: 'Display name' });
/** The connector's display name back to the sample's, with OK (saves every changed page and closes). */
async function putBackName(page: Page) {
  await tab(page, 'General').click();
  await displayName(page).fill('MS Mail Connector');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
}

test.describe('a property sheet', () => {
  test.setTimeout(120_000);

  test('keeps the edits of every page across tabs and applies them together', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Connector Kept');
    await tab(page, 'Interchange').click();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/interchange$`));
    const tracking = page.getByRole('checkbox', { name: 'Enable message tracking' });
    const wasTracking = await tracking.isChecked();
    await tracking.setChecked(!wasTracking);
    await tab(page, 'General').click();
    await expect(displayName(page)).toHaveValue('Connector Kept');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('sheet-applied.png') });

    // Both pages were saved.
    await page.reload();
    await expect(displayName(page)).toHaveValue('Connector Kept');
    await tab(page, 'Interchange').click();
    await expect(page.getByRole('checkbox', { name: 'Enable message tracking' })).toBeChecked({ checked: !wasTracking });
    // Put them back for the other tests, with OK (saves and closes).
    await page.getByRole('checkbox', { name: 'Enable message tracking' }).setChecked(wasTracking);
    await putBackName(page);
  });

  test('makes a page when it is first shown, not before', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await expect(displayName(page)).toBeVisible();
    // The Interchange page is not in the document, hidden or not, until its tab is clicked.
    const tracking = page.getByRole('checkbox', { name: 'Enable message tracking', includeHidden: true });
    await expect(tracking).toHaveCount(0);
    await tab(page, 'Interchange').click();
    await expect(tracking).toBeVisible();
    // Made once, kept: back on General it stays in the document, hidden.
    await tab(page, 'General').click();
    await expect(tracking).toHaveCount(1);
    await expect(tracking).toBeHidden();
  });

  test("a second Apply does not show the first one's confirmation while it saves", async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    const confirmation = page.getByRole('status').filter({ hasText: 'The changes were saved.' });
    await displayName(page).fill('Connector Twice');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(confirmation).toBeVisible();
    await displayName(page).fill('MS Mail Connector');
    // Hold the second save on its way to the server: until it is answered, nothing says it was saved.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${SHEET}/**`, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(confirmation).toHaveCount(0);
    release();
    await expect(confirmation).toBeVisible();
    await page.unroute(`**${SHEET}/**`);
    await page.reload();
    await expect(displayName(page)).toHaveValue('MS Mail Connector');
  });

  test('Apply after a tab switch: the confirmation stays after the refresh, on the page shown', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Connector Refreshed');
    await tab(page, 'Interchange').click();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/interchange$`));
    // A mark React does not manage: a sheet mounted anew by the refresh would not have it.
    const pages = page.getByRole('navigation', { name: 'Property pages' });
    await pages.evaluate((el) => el.setAttribute('data-test-mark', 'kept'));
    await page.getByRole('button', { name: 'Apply' }).click();
    // The refresh after Apply has landed when the title shows the new display name; the sheet is the
    // same one, and still says the changes were saved (it said so only until the refresh, before).
    await expect(page.getByRole('heading', { level: 1, name: 'Connector Refreshed (EXCH01) Properties' })).toBeVisible();
    await expect(pages).toHaveAttribute('data-test-mark', 'kept');
    await expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Enable message tracking' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/interchange$`));
    // Put the name back, with OK.
    await putBackName(page);
  });

  test('after Apply on another page, no write to the address bar names the page the sheet was opened at', async ({ page }) => {
    // Every address written to the history, as the browser receives it (a reload reads the last).
    // Next writes its router's URL — the page the sheet was opened at — at each commit; the sheet
    // put the page shown back only at its next render, and a reload in between opened the other page.
    await page.addInitScript(() => {
      const written: string[] = [];
      Object.assign(window, { addressBar: written });
      for (const name of ['pushState', 'replaceState'] as const) {
        const write = History.prototype[name];
        History.prototype[name] = function (this: History, ...args: Parameters<History['pushState']>) {
          write.apply(this, args);
          written.push(location.pathname);
        };
      }
    });
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Connector Addressed');
    await tab(page, 'Interchange').click();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/interchange$`));
    const written = () => page.evaluate(() => (window as unknown as { addressBar: string[] }).addressBar.splice(0));
    await written();
    await page.getByRole('button', { name: 'Apply' }).click();
    // The save's result and the refresh after it are both in once the title has the new name.
    await expect(page.getByRole('heading', { level: 1, name: 'Connector Addressed (EXCH01) Properties' })).toBeVisible();
    const addresses = await written();
    expect(addresses.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set([`${SHEET}/interchange`]));
    await putBackName(page);
  });

  test("a page's dialog opened after a tab switch keeps the sheet and its unsaved edits", async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Connector Dialog Kept');
    await tab(page, 'Connector MTAs').click();
    await page.getByRole('button', { name: 'Configure…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Configure - Microsoft PC MTA' });
    await expect(dialog).toBeVisible();
    // The address names the page shown and its dialog, as a reload or a bookmark would open them.
    await expect(page).toHaveURL(new RegExp(`${SHEET}/connector-mtas\\?mta=Microsoft`));
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/connector-mtas$`));
    // The sheet was not made anew: General still holds the edit that was not applied.
    await tab(page, 'General').click();
    await expect(displayName(page)).toHaveValue('Connector Dialog Kept');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
  });

  test('unsaved edits survive a refresh after a tab switch (Advance to next event)', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await tab(page, 'Interchange').click();
    const tracking = page.getByRole('checkbox', { name: 'Enable message tracking' });
    const was = await tracking.isChecked();
    await tracking.setChecked(!was);
    const clock = page.getByRole('group', { name: 'Simulation clock' });
    const pages = page.getByRole('navigation', { name: 'Property pages' });
    await pages.evaluate((el) => el.setAttribute('data-test-mark', 'kept'));
    // Advance runs what is due and refreshes the page: its answer is a render of the route.
    const refreshed = page.waitForResponse((r) => {
      const h = r.request().headers();
      return r.request().method() === 'GET' && h['rsc'] === '1' && h['next-router-prefetch'] === undefined;
    });
    await clock.getByRole('button', { name: 'Advance to next event' }).click();
    await refreshed;
    // Two frames after the answer: the refreshed page has been committed (a sheet made anew would be in place).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(pages).toHaveAttribute('data-test-mark', 'kept');
    await expect(tracking).toBeChecked({ checked: !was });
    await expect(page).toHaveURL(new RegExp(`${SHEET}/interchange$`));
    // Leave without saving.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
  });

  test('Diagnostics Logging keeps the service chosen after Apply', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/diagnostics-logging`);
    const services = page.getByRole('listbox', { name: 'Services' });
    await services.getByRole('option', { name: 'MSExchangePCMTA' }).click();
    await page.getByRole('listbox', { name: 'Categories' }).getByRole('option', { name: /^Session:/ }).click();
    await page.getByRole('radio', { name: 'Medium' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
    await expect(services.getByRole('option', { name: 'MSExchangePCMTA' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('listbox', { name: 'Categories' }).getByRole('option', { name: 'Session: Medium' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('diagnostics-after-apply.png') });
    // Put it back.
    await page.getByRole('radio', { name: 'None' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('listbox', { name: 'Categories' }).getByRole('option', { name: 'Session: None' })).toBeVisible();
  });

  test('Escape cancels: the sheet closes and nothing is saved', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Not Saved');
    await displayName(page).press('Escape');
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
    await page.goto(`${SHEET}/general`);
    await expect(displayName(page)).toHaveValue('MS Mail Connector');
  });

  test('leaving with unsaved edits asks first', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Unsaved Name');
    const away = page.getByRole('tree', { name: 'Containers' }).getByRole('link', { name: 'POLYNOMIAL/NOVEMBER' });
    await away.click();
    const ask = page.getByRole('alertdialog', { name: 'MS Mail Connector (EXCH01) Properties' });
    await expect(ask).toContainText('not applied the changes');
    await page.screenshot({ path: test.info().outputPath('leave-asks.png') });
    await ask.getByRole('button', { name: 'Stay' }).click();
    await expect(ask).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`${SHEET}/general$`));
    await expect(displayName(page)).toHaveValue('Unsaved Name');
    // Switching tabs is not leaving.
    await tab(page, 'Address Space').click();
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await away.click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(/\/msmail\/POLYNOMIAL~NOVEMBER$/);
    await page.goto(`${SHEET}/general`);
    await expect(displayName(page)).toHaveValue('MS Mail Connector');
  });

  // The server stopped or restarted, or the network dropped, between two clicks: the request fails
  // in the browser. Thrown, it replaced the whole console with its error page and the edits with it.
  test('a server that does not answer: Apply says so and the sheet keeps its edits; the clock too', async ({ page }) => {
    await signIn(page, undefined, `${SHEET}/general`);
    await displayName(page).fill('Kept Through An Outage');
    await page.route('**/*', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The console did not answer' })).toBeVisible();
    await expect(displayName(page)).toHaveValue('Kept Through An Outage');
    await page.getByRole('button', { name: 'Advance to next event' }).click();
    await expect(page.getByRole('group', { name: 'Simulation clock' })).toContainText('The console did not answer');
    await page.screenshot({ path: test.info().outputPath('no-answer.png') });
    // Back: the same Apply saves.
    await page.unroute('**/*');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes were saved.' })).toBeVisible();
    await displayName(page).fill('MS Mail Connector');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page).toHaveURL(/\/exchange\/EXCH01\/connections$/);
  });
});
