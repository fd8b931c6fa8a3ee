import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { msMailDssNetwork } from './fixtures/networks';
import { sampleMtaRunning } from './fixtures/sample-mta';
import { withDb } from './fixtures/sql';

/**
 * The Manual Dirsync Wizard in real Chromium (docs/console.md, "Manual Dirsync Wizard"): document
 * 003's procedure on the sample network to all-green; on a network of its own, a stopped PC MTA
 * that turns a step red and stops Run all, then green after the fix; the Preview button of a
 * requestor's page; a View Only Admin who can look but not run. The database is shared with the
 * other specs: the sample is only required to be a working dirsync network, not a pristine one.
 */

const MONT = 'POLYNOMIAL/MONTGOMERY';

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: `test-results/manual-wizard/${name}.png`, fullPage });
}

const onPage = (page: Page, heading: string | RegExp) => expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();

/** Tools ▸ Manual Dirsync Wizard…, choose the DSS, Next >: the run is stored and opens on its Preview page. Returns its URL. */
async function start(page: Page, dss: string): Promise<string> {
  await page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name: 'Manual Dirsync Wizard…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Manual Dirsync Wizard' })).toBeVisible();
  await onPage(page, "Which dirsync server's network?");
  await page.getByRole('radio', { name: new RegExp(`^${dss.replace('/', '\\/')} `) }).check();
  await page.getByRole('button', { name: 'Next >' }).click();
  await expect(page).toHaveURL(/\/wizards\/manual\/\d+\?page=preview$/);
  await onPage(page, 'Preview: what this cycle will do');
  return new URL(page.url()).pathname;
}

test.describe('Manual Dirsync Wizard', () => {
  // Every step is a real engine step on a shared 2-core machine: a whole cycle takes its time.
  test.describe.configure({ timeout: 240_000 });

  test('document 003 on the sample network: the preview, Run all, every step green with what to verify, one group in Run History', async ({ page }) => {
    sampleMtaRunning();
    await signIn(page);
    const url = await start(page, MONT);
    // The preview of each requestor, made without changing anything.
    for (const r of [MONT, 'POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER', 'EXCH01']) await expect(page.getByRole('region', { name: `Preview of ${r}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Preview of POLYNOMIAL/NOVEMBER' })).toContainText(/T1 would send: ReqTx R=\d+ \(was \d+\), S=\d+, I=\d+ \d+ sent/);
    await shot(page, 'preview');

    await page.getByRole('button', { name: 'Next >' }).click();
    await onPage(page, 'The steps of the document');
    for (const heading of ['I. Preparations', 'T1 on every requestor', 'T2 on the dirsync server', 'T3 on every requestor', 'Afterwards']) {
      await expect(page.getByRole('region', { name: heading })).toBeVisible();
    }
    await expect(page.getByRole('button', { name: /^Run step 1: Set MSExchangePCMTA logging to Maximum on EXCH01$/ })).toBeEnabled();
    await expect(page.getByRole('button', { name: /^Run step 2:/ })).toBeDisabled();
    await shot(page, 'steps-before');

    // One step by hand, then Run all for the rest.
    await page.getByRole('button', { name: /^Run step 1:/ }).click();
    await expect(page.getByRole('group', { name: 'Check of step 1: passed' })).toContainText('MSExchangePCMTA logs at Maximum now');
    await page.getByRole('button', { name: 'Run all' }).click();
    // Each step shows Done as it finishes, while later steps still run (not all at the end).
    await expect
      .poll(async () => (await page.getByRole('listitem', { name: /^2\. / }).getByText('Done', { exact: true }).isVisible()) && (await page.getByRole('status').filter({ hasText: /^Running step \d+ of/ }).isVisible()), { timeout: 30_000 })
      .toBe(true);
    await expect(page.getByText('every step is done and green')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'steps done' })).toContainText(': all green');
    await expect(page.getByRole('group', { name: /: failed$/ })).toHaveCount(0);

    // What the document says to verify, checked.
    const steps = page.getByRole('listitem');
    const pause = steps.filter({ has: page.getByRole('heading', { name: /T1 on EXCH01: pause Microsoft Exchange Directory Synchronization/ }) });
    await expect(pause).toContainText('Error 2140: An internal Windows NT error occurred.');
    await expect(pause.getByRole('group', { name: /passed$/ })).toContainText('Error 2140, as the document says (it can be ignored)');
    const toDss = steps.filter({ has: page.getByRole('heading', { name: /Verify: every update is in POLYNOMIAL\/MONTGOMERY's SYSTEM mailbag/ }) });
    await expect(toDss.getByRole('group', { name: /passed$/ })).toContainText('EXCH01: Event 4395 Sent (Mail sent from \\\\EXCH01\\MAILDAT$');
    await expect(toDss.getByRole('group', { name: /passed$/ })).toContainText('EXCH01: Event 4355 Moved In');
    const srvTx = steps.filter({ has: page.getByRole('heading', { name: /T2 on POLYNOMIAL\/MONTGOMERY: srvmain -t/ }) });
    await expect(srvTx.getByRole('group', { name: /passed$/ })).toContainText(/POLYNOMIAL\/NOVEMBER: SrvTx R=\d+ S=\d+ \(was \d+\), I=\d+ \d+ sent \(the preview said \d+ sent\)/);
    const gal = steps.filter({ has: page.getByRole('heading', { name: 'T3 on POLYNOMIAL/OCTOBER: rebuild -f' }) });
    await expect(gal.getByRole('group', { name: /passed$/ })).toContainText(/GAL: \d+ names \(the preview said \d+\)/);
    await expect(steps.filter({ has: page.getByRole('heading', { name: /Set MSExchangePCMTA logging back on EXCH01/ }) }).getByRole('group', { name: /passed$/ })).toBeVisible();
    await shot(page, 'steps-all-green');
    await shot(page, 'steps-all-green-full', true);

    // A reload (or a restart) finds the run where it is: every step done, none to run.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Run all' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /^Run step \d+:/ }).first()).toBeDisabled();

    // Finish, then the numbers page.
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page).toHaveURL(new RegExp(`${url}\\?page=finish$`));
    await onPage(page, 'Finished: the numbers now');
    await expect(page.getByText('The Manual Dirsync Wizard is finished.')).toBeVisible();
    await shot(page, 'finish');

    // The run is one group in Run History.
    await page.goto(`${url}?page=steps`);
    await page.getByRole('link', { name: 'This run in Run History' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Run History' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Group' })).toHaveValue(/^manual-wizard-\d+$/);
    await expect(page.getByRole('link', { name: /^Run \d+: T2 transmit on POLYNOMIAL\/MONTGOMERY$/ })).toHaveCount(1);
    await expect(page.getByRole('link', { name: /^Run \d+: T1 on POLYNOMIAL\/NOVEMBER$/ })).toHaveCount(1);
    await shot(page, 'run-history-group');
  });

  test('a stopped PC MTA: its step shows red with the reason, Run all stops there, and after starting it the rest goes green', async ({ page }) => {
    const own = msMailDssNetwork();
    dirsync('service', 'stop', own.server, 'Microsoft PC MTA');
    await signIn(page);
    const url = await start(page, own.dss);
    await page.getByRole('button', { name: 'Next >' }).click();
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect(page.getByText(/^Stopped at step \d+: it is red/)).toBeVisible({ timeout: 30_000 });
    // Run all ran each step as its own action (its own transaction and audit entry), up to the red one.
    const stoppedAt = Number((await page.getByText(/^Stopped at step \d+/).textContent())!.match(/step (\d+)/)![1]);
    const wizard = `Manual Dirsync Wizard ${url.split('/').pop()}`;
    const audited = withDb((db) => db.prepare('select action, object from audit_entry where object like ? order by id').all(`${wizard} step %`)) as { action: string; object: string }[];
    expect(audited.map((a) => a.object.match(/ step (\d+):/)![1])).toEqual(Array.from({ length: stoppedAt }, (_, k) => String(k + 1)));
    expect(new Set(audited.map((a) => a.action))).toEqual(new Set(['Manual Dirsync Wizard: run step']));
    const red = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`Microsoft PC MTA on ${own.server}: one pass`) }) }).first();
    await expect(red).toContainText(`The Microsoft PC MTA service on ${own.server} is stopped: a PC MTA that is not running carries no mail`);
    await expect(red).toContainText('What it means:');
    await expect(red).toContainText(`How to fix it: Start it: Tools ▸ Services on ${own.server}`);
    await expect(red.getByRole('button', { name: /^Run step \d+:/ })).toHaveText('Run again');
    // Nothing after it ran.
    await expect(page.getByRole('group', { name: /^Check of step \d+: passed$/ })).toHaveCount(await page.getByRole('group', { name: /^Check of step \d+:/ }).count() - 1);
    await expect(page.getByRole('button', { name: new RegExp(`^Run step \\d+: T2 on ${own.dss.replace('/', '\\/')}: srvmain -r$`) })).toBeDisabled();
    await red.scrollIntoViewIfNeeded();
    await shot(page, 'stopped-pc-mta-red');

    dirsync('service', 'start', own.server, 'Microsoft PC MTA');
    await page.getByRole('button', { name: 'Run all' }).click();
    await expect(page.getByText('every step is done and green')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('group', { name: /: failed$/ })).toHaveCount(0);
    await shot(page, 'stopped-pc-mta-fixed');
  });

  test('the Preview button of a requestor page shows its next cycle and changes nothing', async ({ page }) => {
    const own = msMailDssNetwork();
    const before = dirsync('listds', 'admin', '-pPW', `-d${own.net}/LEAF`, '-r');
    await signIn(page, undefined, `/msmail/${encodeURIComponent(`${own.net}/LEAF`)}`);
    await page.getByRole('link', { name: 'Preview next cycle…' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Preview of the next cycle - ${own.net}/LEAF` })).toBeVisible();
    const card = page.getByRole('region', { name: `Preview of ${own.net}/LEAF` });
    await expect(card).toContainText('T1 would send: ReqTx R=1 (was 0), S=0, I=0 1 sent');
    await expect(card).toContainText('After T3 the GAL would hold 3 names (now 0): 3 gained, 0 changed, 0 lost');
    await card.getByText('Names gained (3)').click();
    await expect(card.getByRole('list', { name: 'Names gained (3)' })).toContainText(`+ Ann Arbor  PCM:${own.net}/HUB/ANN`);
    await shot(page, 'preview-page');
    expect(dirsync('listds', 'admin', '-pPW', `-d${own.net}/LEAF`, '-r')).toBe(before);

    // The Exchange requestor's page has it too.
    await page.goto(`/exchange/${own.server}/requestor`);
    await page.getByRole('link', { name: 'Preview next cycle…' }).click();
    await expect(page.getByRole('region', { name: `Preview of ${own.server}` })).toContainText('the Import Container would hold 2 names (now 0)');

    // Without a requestor (a bookmark, the address typed): a picker of every requestor, not an error.
    await page.goto('/preview');
    await expect(page.getByText('The preview cannot be made')).toHaveCount(0);
    await expect(page.getByText('Choose a requestor and Preview')).toBeVisible();
    // Nothing to preview again until a requestor is chosen.
    await expect(page.getByRole('link', { name: 'Preview again' })).toHaveCount(0);
    const picker = page.getByRole('combobox', { name: 'Requestor:' });
    await expect(picker.getByRole('option', { name: `${own.net}/LEAF` })).toHaveCount(1);
    await expect(picker.getByRole('option', { name: own.server, exact: true })).toHaveCount(1);
    await picker.selectOption(`${own.net}/LEAF`);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect(page.getByRole('region', { name: `Preview of ${own.net}/LEAF` })).toContainText('T1 would send: ReqTx R=1 (was 0), S=0, I=0 1 sent');
    await expect(picker).toHaveValue(`${own.net}/LEAF`);
    await expect(page.getByRole('link', { name: 'Preview again' })).toHaveAttribute('href', `/preview?requestor=${encodeURIComponent(`${own.net}/LEAF`)}`);
    // A name typed in another case previews that requestor, and the picker shows it chosen.
    await page.goto(`/preview?requestor=${encodeURIComponent(`${own.net}/leaf`.toLowerCase())}`);
    await expect(page.getByRole('heading', { level: 1, name: `Preview of the next cycle - ${own.net}/LEAF` })).toBeVisible();
    await expect(page.getByRole('region', { name: new RegExp(`^Preview of ${own.net}/LEAF$`, 'i') })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Requestor:' })).toHaveValue(`${own.net}/LEAF`);
  });

  test('a View Only Admin sees a run but cannot run its steps', async ({ page }) => {
    const own = msMailDssNetwork();
    await signIn(page);
    const url = await start(page, own.dss);
    const viewer = ensureViewer();
    await page.context().clearCookies();
    await signIn(page, viewer, `${url}?page=steps`);
    await onPage(page, 'The steps of the document');
    await expect(page.getByRole('button', { name: 'Run all' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    // Run is shown (the server is what refuses): clicking it changes nothing.
    await page.getByRole('button', { name: /^Run step 1:/ }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'A View Only Admin can look at everything but change nothing' })).toBeVisible();
    await expect(page.getByRole('group', { name: /^Check of step 1:/ })).toHaveCount(0);
  });
});
