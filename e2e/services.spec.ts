import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

test.describe('Services on an Exchange server', () => {
  test.beforeEach(async ({ page }) => signIn(page, undefined, '/exchange/EXCH01/services'));

  test('pausing DX shows the Error 2140 dialog and runs the requestor cycle (T1)', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services on \\\\EXCH01');
    const list = page.getByRole('listbox', { name: 'Services' });
    await expect(list.getByRole('option')).toHaveCount(3);
    await list.getByRole('option', { name: /Microsoft Exchange Directory Synchronization/ }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Services' });
    await expect(dialog).toContainText(
      'Could not pause the Microsoft Exchange Directory Synchronization service on \\\\EXCH01. Error 2140: An internal Windows NT error occurred.',
    );
    await expect(dialog).toContainText("EXCH01's dirsync requestor send its updates now (a T1 cycle)");
    await expect(dialog).toContainText(/ReqTx R=\d+ \(was \d+\)/);
    await page.screenshot({ path: test.info().outputPath('services-2140.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(list.getByRole('option', { name: /Directory Synchronization/ })).toContainText('Started');
    // The T1 went into the connector postoffice's queue for the dirsync server.
    expect(dirsync('events', '--source', 'MSExchangeDX', '--json')).toBeTruthy();
  });

  test('stopping and starting a PC MTA with the keyboard; a changed interval asks for a restart', async ({ page }) => {
    // A value no other spec uses, so the running service surely reads an older one.
    dirsync('exchange', 'mta', 'set', 'EXCH01', 'Microsoft PC MTA', '--poll', '7');
    await page.reload();
    const list = page.getByRole('listbox', { name: 'Services' });
    const mta = list.getByRole('option', { name: /Microsoft PC MTA/ });
    await expect(mta).toContainText('Restart needed:');
    await expect(mta).toContainText('Check for mail every 7 minutes');
    await list.focus();
    await page.keyboard.press('End');
    await expect(mta).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('status', { name: 'Result' })).toHaveText('The Microsoft PC MTA service was stopped successfully.');
    await expect(mta).not.toContainText('Started');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(mta).toContainText('Started');
    await expect(mta).not.toContainText('Restart needed');
    await page.screenshot({ path: test.info().outputPath('services.png') });
  });
});

test.describe('the simulation clock', () => {
  test('advances to the next scheduled event and runs and pauses', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/services');
    const clock = page.getByRole('group', { name: 'Simulation clock' });
    const time = clock.getByLabel('Simulation time');
    await clock.getByRole('button', { name: 'Advance to next event' }).click();
    // What ran is shown beside the clock, stamped with the time it ran at, where the clock stands now
    // (it may not have moved: another event can be due at the same minute). Which event it is depends
    // on where other specs left the shared clock (on the plain sample, EXCH01's MSExchangeDX T1).
    const ran = clock.getByTitle(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\s+\S/);
    await expect(ran).toBeVisible();
    expect((await ran.getAttribute('title'))!.startsWith((await time.textContent())!)).toBe(true);
    await clock.getByRole('combobox', { name: 'Clock speed' }).selectOption('3600');
    await clock.getByRole('button', { name: 'Run clock' }).click();
    await expect(clock).toContainText('Running: 1 hour per second');
    const running = await time.textContent();
    await expect(time).not.toHaveText(running!, { timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath('clock-running.png') });
    await clock.getByRole('button', { name: 'Pause clock' }).click();
    await expect(clock).toContainText('Paused');
  });
});
