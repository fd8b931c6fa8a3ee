import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ensureViewer, signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';
import { dirsyncBatch } from './fixtures/dirsync-batch';
import { msMailDssNetwork, uniqueSuffix } from './fixtures/networks';

/**
 * The Resync Wizard walked through the UI (docs/console.md, "Resync Wizard"), each test on a small
 * network of its own made with the dirsync command (an Exchange DSS with MS Mail requestors; an MS
 * Mail DSS with an MS Mail and an Exchange requestor): the sample's numbers depend on what other
 * specs ran before, so each test makes what it needs and passes alone and in any order.
 */

/** Each wizard page at 1280×800 and 800 px wide, kept under test-results/. */
async function shots(page: Page, name: string) {
  await page.screenshot({ path: `test-results/resync-wizard/${name}-1280.png` });
  await page.setViewportSize({ width: 800, height: 800 });
  await page.screenshot({ path: `test-results/resync-wizard/${name}-800.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Next >, and wait until the wizard is on the next page (its URL changes), so a second Next never hits the old page. */
async function next(page: Page) {
  const before = page.url();
  await page.getByRole('button', { name: 'Next >' }).click();
  await expect(page).not.toHaveURL(before);
}
const onPage = (page: Page, heading: string | RegExp) => expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();

/** Direction page: pick the direction whose label matches, Next > stores the run. Returns its URL. */
async function start(page: Page, direction: RegExp, from = '/wizards/resync/new'): Promise<string> {
  await signIn(page, undefined, from);
  await expect(page.getByRole('heading', { level: 1, name: 'Resync Wizard' })).toBeVisible();
  await onPage(page, 'Which way does the resync go?');
  await page.getByRole('radio', { name: direction }).check();
  await next(page);
  await expect(page).toHaveURL(/\/wizards\/resync\/\d+\?page=requestors$/);
  return page.url().replace(/\?.*$/, '');
}

/** Run every step in order from the Steps page; each check must pass. */
async function runSteps(page: Page, from = 1) {
  await onPage(page, 'The steps of the document');
  await expect(page.getByRole('button', { name: /^Run step 1:/ })).toBeVisible();
  const count = await page.getByRole('button', { name: /^Run step \d+:/ }).count();
  for (let n = from; n <= count; n++) {
    await page.getByRole('button', { name: new RegExp(`^Run step ${n}:`) }).click();
    await expect(page.getByRole('group', { name: `Check of step ${n}: passed` })).toBeVisible();
  }
}

/** An Exchange dirsync server of its own (5.5 SP3) with Remote Dirsync Requestors ALPHA and "Beta Office"; ALPHA's ReqSync 3 is above BETA's 2 (seed 000's shape). */
function exchangeDssNetwork(): { server: string; net: string } {
  const s = uniqueSuffix();
  const [net, org, site, server] = [`W${s}`, `O${s}`, `S${s}`, `X${s}`];
  const cycle = (pos: string[]) => [
    ...pos.map((po) => ['reqmain', '-t', `-d${net}/${po}`]),
    ['external', '-0'],
    ['dispatch', '--until', '+1m'],
    ['service', 'pause', server, 'MSExchangeDX'],
    ['dispatch', '--until', '+1m'],
    ...pos.map((po) => ['nsda', '-rr', `-d${net}/${po}`]),
  ];
  dirsyncBatch([
    ...['ALPHA', 'BETA'].map((po) => ['po', 'create', `${net}/${po}`, '--password', 'PW']),
    ...[['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow'], ['CAT', 'Cat Cole']].map(([m, f]) => ['user', 'add', `-d${net}/ALPHA`, m, f]),
    ['user', 'add', `-d${net}/BETA`, 'DAN', 'Dan Dee'],
    ['exchange', 'create', org, site, server, '--version', '5.5sp3'],
    ...['ALPHA', 'BETA'].map((po) => ['exchange', 'connection', 'add', server, `${net}/${po}`]),
    ['exchange', 'mta', 'add', server, 'Microsoft PC MTA', '--poll', '1', '--services', `${net}/ALPHA,${net}/BETA`],
    ['service', 'start', server, 'Microsoft PC MTA'],
    ['exchange', 'dss', server, '--schedule', 'never'],
    ['exchange', 'remote-requestor', 'add', server, `${net}/ALPHA`, '--password', 'APW', '--export-containers', 'Recipients'],
    ['exchange', 'remote-requestor', 'add', server, `${net}/BETA`, '--name', 'Beta Office', '--password', 'BPW', '--export-containers', 'Recipients'],
    ['ds', 'register', `-d${net}/ALPHA`, `${org}/${site}`, '--password', 'APW'],
    ['ds', 'register', `-d${net}/BETA`, `${org}/${site}`, '--password', 'BPW'],
    ...cycle(['ALPHA', 'BETA']),
    ['user', 'add', `-d${net}/BETA`, 'EVE', 'Eve Eng'],
    ...cycle(['BETA']),
  ]);
  return { server, net };
}

test.describe('Resync Wizard', () => {
  // Each test builds its network with the dirsync command (a process per call) and walks a whole procedure.
  test.describe.configure({ timeout: 240_000 });
  test('Exchange DSS → MS Mail requestors: Fatal 14 predicted before any change, fixed with GlobalMaxSeqInResync, applied to Finish', async ({ page }) => {
    const { server, net } = exchangeDssNetwork();
    const url = await start(page, new RegExp(`Exchange DSS → MS Mail requestors.*${server}`), `/wizards/resync/new?dss=${server}`);
    await onPage(page, 'Which requestors get the file?');
    await expect(page.getByRole('checkbox', { name: new RegExp(`${net}/ALPHA`) })).toBeChecked();
    await expect(page.getByRole('row', { name: new RegExp(`${net}/ALPHA`) })).toContainText('3 / ');
    await shots(page, 'x-requestors');
    await next(page);

    await onPage(page, 'Exchange dirsync server options');
    const globalMax = page.getByRole('checkbox', { name: 'Set GlobalMaxSeqInResync = 1 before making the file' });
    await expect(globalMax).toBeEnabled();
    await expect(globalMax).not.toBeChecked();
    await expect(page.getByText(/refuses the file with Fatal 14/)).toBeVisible();
    // The file for Beta Office only, as in seed 000.
    await page.getByRole('checkbox', { name: /^ALPHA/ }).click();
    await expect(page.getByRole('checkbox', { name: /^ALPHA/ })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: /^Beta Office/ })).toBeChecked();
    await shots(page, 'x-exchange');
    await next(page);

    await onPage(page, /What will happen/);
    await expect(page.getByText('Nothing has been changed in the network yet.')).toBeVisible();
    const alpha = page.getByRole('listitem', { name: `${net}/ALPHA: will be refused` });
    await expect(alpha).toContainText('Fatal [14] Error processing RESYNC.GLB');
    await expect(alpha).toContainText("REQSEQ 2 is below this requestor's ReqSync 3");
    // The numbers as a table: ALPHA's ReqSync marked where the file is below it, no "after" row.
    const alphaNumbers = alpha.getByRole('table', { name: `${net}/ALPHA: sync numbers` });
    await expect(alphaNumbers.getByRole('row', { name: /^At the requestor/ }).getByRole('cell').first()).toHaveText('3> REQSEQ 2');
    await expect(alphaNumbers.getByRole('row', { name: /^The file’s header/ })).toContainText('2');
    await expect(alphaNumbers.getByRole('row', { name: /^After it applies/ })).toHaveCount(0);
    const beta = page.getByRole('listitem', { name: `${net}/BETA: will apply` });
    await expect(beta).toBeVisible();
    await expect(beta.getByRole('table', { name: `${net}/BETA: sync numbers` }).getByRole('row', { name: /^After it applies/ })).toBeVisible();
    await expect(alpha.getByRole('button', { name: 'Also name ALPHA' })).toBeVisible();
    await shots(page, 'x-prediction-fatal14');
    // Nothing changed yet: no registry value, no file.
    expect(dirsync('reg', 'list', server, '--json')).toBe('[]');
    expect(dirsync('file', 'list', `${server}:Dxadata`)).toBe(`No files in ${server}:Dxadata`);

    await alpha.getByRole('button', { name: 'Set GlobalMaxSeqInResync' }).click();
    await expect(page.getByRole('listitem', { name: `${net}/ALPHA: will apply` })).toBeVisible();
    await expect(page.getByText(/every registered requestor \(GlobalMaxSeqInResync in force\)/)).toBeVisible();
    await shots(page, 'x-prediction-fixed');
    await next(page);
    await onPage(page, 'The RESYNC.GLB file');
    await next(page);

    await onPage(page, 'The steps of the document');
    await expect(page.getByText(`dirsync reg set ${server} GlobalMaxSeqInResync 1`)).toBeVisible();
    await expect(page.getByText(`dirsync reg set ${server} ResyncConnectionRDNs "Beta Office"`)).toBeVisible();
    await expect(page.getByText(`dirsync service restart ${server} MSExchangeDX`)).toBeVisible();
    await shots(page, 'x-steps');
    await runSteps(page);
    await expect(page.getByRole('group', { name: 'Check of step 3: passed' })).toContainText('ResyncConnectionRDNs was removed from the registry');
    await shots(page, 'x-steps-done');
    await next(page);

    await onPage(page, /Finished/);
    const table = page.getByRole('table', { name: 'Numbers and GAL counts before and after' });
    await expect(table.getByRole('row', { name: new RegExp(`${net}/ALPHA`) })).toContainText('3 → 3');
    await shots(page, 'x-finish');
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByText('The Resync Wizard is finished.')).toBeVisible();
    await page.goto(url);
    await expect(page.getByRole('status').filter({ hasText: 'This wizard was finished.' })).toBeVisible();
  });

  test('MS Mail DSS → Exchange requestor: opened from the Dirsync Requestor, walked to Finish; the Import Container repopulated', async ({ page }) => {
    // A network of its own: the sample's EXCH01 may be in the middle of another spec's cycle.
    const { dss, server } = msMailDssNetwork();
    await signIn(page, undefined, `/exchange/${server}/requestor/general`);
    await page.getByRole('link', { name: 'Resync Wizard…' }).click();
    await expect(page).toHaveURL(new RegExp(`/wizards/resync/new\\?requestor=${server}$`));
    await expect(page.getByRole('radio', { name: new RegExp(`MS Mail DSS → Exchange requestor.*${dss}`) })).toBeChecked();
    await shots(page, 'e-direction');
    await next(page);
    await expect(page).toHaveURL(/\?page=requestors$/);
    await expect(page.getByRole('checkbox', { name: new RegExp(server) })).toBeChecked();
    await next(page);
    await onPage(page, /What will happen/);
    await expect(page.getByRole('listitem', { name: `${server}: will apply` })).toBeVisible();
    await shots(page, 'e-prediction');
    await next(page);
    await next(page);
    await onPage(page, 'The steps of the document');
    await expect(page.getByText(`dirsync file copy ${dss} ${server}:Dxadata RESYNC.GLB`)).toBeVisible();
    await runSteps(page);
    await expect(page.getByRole('group', { name: 'Check of step 4: passed' })).toContainText('Resync.glb was applied and removed from Dxadata');
    await expect(page.getByRole('group', { name: 'Check of step 3: passed' })).toContainText(`no RESYNC.GLB left in ${dss}`);
    await next(page);
    await onPage(page, /Finished/);
    const row = page.getByRole('table', { name: 'Numbers and GAL counts before and after' }).getByRole('row', { name: new RegExp(server) });
    await expect(row).toContainText('→');
    await shots(page, 'e-finish');
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByText('The Resync Wizard is finished.')).toBeVisible();
    expect(dirsync('file', 'list', `${server}:Dxadata`)).toBe(`No files in ${server}:Dxadata`);
  });

  test('MS Mail DSS → MS Mail requestor: resumes after a reload in the middle, the file downloads, walked to Finish', async ({ page }) => {
    const { net, dss } = msMailDssNetwork();
    const leaf = `${net}/LEAF`;
    await signIn(page, undefined, `/msmail/${net}~LEAF`);
    await page.getByRole('link', { name: 'Resync Wizard…' }).click();
    await expect(page.getByRole('radio', { name: new RegExp(`MS Mail DSS → MS Mail requestors.*${dss}`) })).toBeChecked();
    await shots(page, 'm-direction');
    await next(page);
    await expect(page.getByRole('checkbox', { name: new RegExp(leaf) })).toBeChecked();
    await next(page);
    await expect(page.getByRole('listitem', { name: `${leaf}: will apply` })).toBeVisible();
    await next(page);
    await onPage(page, 'The RESYNC.GLB file');
    await expect(page.getByText(/None yet/)).toBeVisible();
    await shots(page, 'm-files-empty');
    await next(page);
    await page.getByRole('button', { name: /^Run step 1:/ }).click();
    await expect(page.getByRole('group', { name: 'Check of step 1: passed' })).toBeVisible();
    await page.getByRole('button', { name: /^Run step 2:/ }).click();
    await expect(page.getByRole('group', { name: 'Check of step 2: passed' })).toBeVisible();

    // A reload (and the URL without ?page=) comes back to the same step.
    const id = /\/wizards\/resync\/(\d+)/.exec(page.url())![1];
    await page.goto(`/wizards/resync/${id}`);
    await onPage(page, 'The steps of the document');
    await expect(page.getByRole('group', { name: 'Check of step 2: passed' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Run step 3:/ })).toBeEnabled();
    await expect(page.getByRole('button', { name: /^Run step 2:/ })).toBeDisabled();

    // The file the DSS made, from the Files page.
    await page.getByRole('button', { name: '< Back' }).click();
    await onPage(page, 'The RESYNC.GLB file');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download RESYNC.GLB' }).click()]);
    expect(download.suggestedFilename()).toBe('RESYNC.GLB');
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('RESYNCGL');
    await shots(page, 'm-files');
    await next(page);
    await runSteps(page, 3);
    await expect(page.getByRole('group', { name: 'Check of step 4: passed' })).toContainText('import -q ran without Fatal 14');
    await expect(page.getByRole('group', { name: 'Check of step 5: passed' })).toContainText(/GAL rebuilt: \d+ names/);
    await shots(page, 'm-steps-done');
    await next(page);
    await expect(page.getByRole('table', { name: 'Numbers and GAL counts before and after' }).getByRole('row', { name: new RegExp(leaf) })).toContainText('→');
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByText('The Resync Wizard is finished.')).toBeVisible();
    expect(dirsync('file', 'list', leaf)).toBe(`No files in ${leaf}`);
  });

  test('an uploaded file is predicted before it goes anywhere: a damaged one is refused, a good one applied', async ({ page }) => {
    // A RESYNC.GLB made on a DSS of its own with the command line, taken out of its GLB directory.
    const { net, dss } = msMailDssNetwork();
    const leaf = `${net}/LEAF`;
    const file = test.info().outputPath('RESYNC.GLB');
    dirsyncBatch([
      ['import', 'admin', '-pPW', `-d${dss}`, '-s'],
      ['file', 'export', dss, 'RESYNC.GLB', file],
      ['file', 'delete', dss, 'RESYNC.GLB'],
    ]);
    const damaged = test.info().outputPath('damaged', 'RESYNC.GLB');
    fs.mkdirSync(test.info().outputPath('damaged'), { recursive: true });
    const bad = fs.readFileSync(file);
    bad[bad.length - 2] ^= 0x20;
    fs.writeFileSync(damaged, bad);

    await start(page, new RegExp(`MS Mail DSS → MS Mail requestors.*${dss}`));
    await expect(page.getByRole('checkbox', { name: new RegExp(leaf) })).toBeChecked();
    await next(page);
    await next(page);
    await onPage(page, 'The RESYNC.GLB file');
    await page.getByLabel('RESYNC.GLB to upload').setInputFiles(damaged);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByText(/It is damaged/)).toBeVisible();
    const verdict = page.getByRole('region', { name: 'Prediction for the uploaded file' }).getByRole('listitem', { name: `${leaf}: will be refused` });
    await expect(verdict).toContainText('Fatal [14] Error processing RESYNC.GLB');
    await shots(page, 'u-files-damaged');
    expect(dirsync('file', 'list', leaf)).toBe(`No files in ${leaf}`);

    await page.getByLabel('RESYNC.GLB to upload').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Prediction for the uploaded file' }).getByRole('listitem', { name: `${leaf}: will apply` })).toBeVisible();
    await shots(page, 'u-files-good');
    await next(page);
    await expect(page.getByText(`dirsync file import RESYNC.GLB ${leaf} RESYNC.GLB`)).toBeVisible();
    await runSteps(page);
    await next(page);
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByText('The Resync Wizard is finished.')).toBeVisible();
  });

  test('the Direction page lists the 20 newest runs in progress, says how many are open, and Show all lists every one', async ({ page }) => {
    await signIn(page, undefined, '/wizards/resync/new');
    const heading = page.getByRole('heading', { level: 3, name: /^Resync Wizards in progress/ });
    const openCount = async () => {
      if (!(await heading.isVisible())) return 0;
      return Number((await heading.textContent())!.match(/\((\d+)\)/)![1]);
    };
    // Other tests start wizards too: start as many as make more than 20 open, whatever they did.
    for (let n = await openCount(); n <= 20; n++) {
      await page.getByRole('radio').first().check();
      await next(page);
      await page.goto('/wizards/resync/new');
    }
    const total = await openCount();
    expect(total).toBeGreaterThan(20);
    const runs = page.getByRole('region', { name: /^Resync Wizards in progress/ }).getByRole('link', { name: /^Resync Wizard \d+:/ });
    await expect(runs).toHaveCount(20);
    await expect(page.getByText(`The 20 newest of ${total} are listed.`)).toBeVisible();
    // Newest first: the numbers go down.
    const ids = (await runs.allTextContents()).map((t) => Number(t.match(/Resync Wizard (\d+)/)![1]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await page.getByRole('link', { name: /^Show all \d+$/ }).click();
    await expect(page).toHaveURL(/[?&]all=1/);
    const all = await openCount();
    await expect(runs).toHaveCount(all);
    expect(all).toBeGreaterThanOrEqual(total);
    await expect(page.getByText(/newest of/)).toHaveCount(0);
  });

  test('a View Only Admin walks through and sees the prediction, but Run is refused by the server', async ({ page, browser }) => {
    const { net, dss } = msMailDssNetwork();
    const leaf = `${net}/LEAF`;
    await start(page, new RegExp(`MS Mail DSS → MS Mail requestors.*${dss}`));
    const url = new URL(page.url()).pathname;
    const viewer = await browser.newPage();
    await signIn(viewer, ensureViewer(), url);
    await expect(viewer.getByRole('heading', { level: 1, name: 'Resync Wizard' })).toBeVisible();
    await expect(viewer.getByRole('checkbox', { name: new RegExp(leaf) })).toBeDisabled();
    await next(viewer);
    await expect(viewer.getByRole('listitem', { name: `${leaf}: will apply` })).toBeVisible();
    await next(viewer);
    await next(viewer);
    await onPage(viewer, 'The steps of the document');
    await viewer.getByRole('button', { name: /^Run step 1:/ }).click();
    await expect(viewer.getByRole('alert').filter({ hasText: 'A View Only Admin can look at everything but change nothing' })).toBeVisible();
    await shots(viewer, 'v-steps-refused');
    expect(dirsync('file', 'list', dss)).toBe(`No files in ${dss}`);
    await viewer.close();
    // The admin's run is where the admin left it; cancel it (nothing was done).
    await page.reload();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog', { name: 'Resync Wizard' }).getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'This wizard was cancelled.' })).toBeVisible();
  });
});
