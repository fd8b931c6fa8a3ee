// The network overview on a network as freshly built, before any cycle: the shape of the sample
// (db/seed.ts) — MONTGOMERY the DSS, NOVEMBER and OCTOBER its requestors, 12 local mailboxes each —
// built by this spec under a network name of its own, so it passes alone or after any other spec
// (they share one database, and may have run cycles on the sample or built networks beside it).
import { expect, test, type Page } from '@playwright/test';
import { dirsync, transport } from './fixtures/dirsync-cli';
import { dirsyncBatch } from './fixtures/dirsync-batch';
import { signIn } from './fixtures/auth';

const NET = `OV${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
const DSS = `${NET}/MONTGOMERY`;
const REQUESTORS = [`${NET}/NOVEMBER`, `${NET}/OCTOBER`];
const ALL = [DSS, ...REQUESTORS];

/** The data cells of a row, in order (the Postoffice column is the row header). */
const COLUMNS = ['Drive', 'Role', 'ReqSync', 'SrvSync', 'P1', 'Outbound', 'Mailbag', 'GAL size', 'Local mailboxes'] as const;
type Column = (typeof COLUMNS)[number];

const CTIME = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} \d{4}$/;

function postoffices(page: Page) {
  return page.getByRole('grid', { name: /MS Mail postoffices/ });
}

function cell(page: Page, po: string, column: Column) {
  const row = postoffices(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: po, exact: true }) });
  return row.getByRole('gridcell').nth(COLUMNS.indexOf(column));
}

test.describe.configure({ mode: 'serial' });

/** The sample's shape under NET: three postoffices of 12 mailboxes, MONTGOMERY the DSS of the other two. */
function buildNetwork(): void {
  dirsyncBatch([
    ...ALL.map((po) => ['po', 'create', po, '--password', 'PASSWORD']),
    ...ALL.flatMap((po) => Array.from({ length: 12 }, (_, i) => ['user', 'add', `-d${po}`, `U${i + 1}`, `User ${i + 1} ${po.split('/')[1]}`])),
    ['ds', 'server', `-d${DSS}`, 'on'],
    ...REQUESTORS.flatMap((po) => [
      ['ds', 'requestor', 'create', `-d${DSS}`, po, '--password', 'DSPW'],
      ['ds', 'register', `-d${po}`, DSS, '--password', 'DSPW'],
    ]),
  ]);
}

test.beforeAll(() => buildNetwork());

test.describe('network overview', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('shows the sample network with its roles and numbers', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);

    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
    expect(headers['x-powered-by']).toBeUndefined();

    await expect(page).toHaveTitle(/Dirsync Console/);
    // The title names every network (the sample and those other specs built may be there too).
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      new RegExp(`^Microsoft Exchange Administrator - \\[Dirsync networks? ([A-Z0-9]+, )*${NET}(, [A-Z0-9]+)*\\]$`),
    );

    const table = postoffices(page);
    await expect(table).toBeVisible();
    for (const name of ['Postoffice', 'Queued messages', ...COLUMNS.filter((c) => c !== 'Drive' && c !== 'Role')]) {
      await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
    }
    await expect(table.getByRole('rowheader').filter({ hasText: new RegExp(`^${NET}/`) })).toHaveText(ALL);

    await expect(cell(page, DSS, 'Role')).toContainText('Dirsync server');
    for (const po of REQUESTORS) await expect(cell(page, po, 'Role')).toHaveText(`Requestor of ${DSS}`);
    // The sample's drives are M:, N:, O:; a postoffice made later takes a letter of its own.
    await expect(cell(page, 'POLYNOMIAL/MONTGOMERY', 'Drive')).toHaveText('M:');
    await expect(cell(page, 'POLYNOMIAL/NOVEMBER', 'Drive')).toHaveText('N:');
    await expect(cell(page, 'POLYNOMIAL/OCTOBER', 'Drive')).toHaveText('O:');
    const drives = await Promise.all(ALL.map((po) => cell(page, po, 'Drive').textContent()));
    for (const d of drives) expect(d).toMatch(/^[A-Z]+:$/);
    expect(new Set([...drives, 'M:', 'N:', 'O:']).size).toBe(6);

    for (const po of ALL) {
      await expect(cell(page, po, 'Local mailboxes')).toHaveText('12');
      await expect(cell(page, po, 'ReqSync')).toHaveText('0');
      await expect(cell(page, po, 'SrvSync')).toHaveText('0');
      for (const q of ['P1', 'Outbound', 'Mailbag'] as const) await expect(cell(page, po, q)).toHaveText('0');
      await expect(cell(page, po, 'GAL size')).toHaveText(/^\d+$/);
    }

    const summary = page.getByRole('region', { name: 'Network summary' });
    await expect(summary.getByRole('definition').last()).toHaveText(CTIME);
    const count = await table.getByRole('rowheader').count();
    expect(count).toBeGreaterThanOrEqual(6);
    await expect(page.getByRole('region', { name: 'Status bar' })).toContainText(`${count} postoffices`);

    await page.screenshot({ path: test.info().outputPath('overview-sample-network.png'), fullPage: true });
  });

  test('after one full manual dirsync cycle every GAL holds all 36 mailboxes', async ({ page }) => {
    // T1: every postoffice (the DSS is a requestor of itself) sends its changes.
    for (const po of ALL) expect(dirsync('reqmain', '-t', `-d${po}`)).toMatch(/^ReqTx R=12 \(was 0\)/m);

    await page.goto('/');
    for (const po of REQUESTORS) await expect(cell(page, po, 'P1')).toHaveText(/^[1-9]\d*$/);
    await expect(
      page.getByRole('region', { name: 'Network summary' }).getByRole('definition').nth(3),
    ).toHaveText(/^[1-9]\d*$/);
    await page.screenshot({ path: test.info().outputPath('overview-after-t1.png'), fullPage: true });

    // Transport, T2 on the DSS, transport, T3 on every postoffice.
    transport();
    expect(dirsync('nsda', '-s', `-d${DSS}`)).toMatch(/^SrvTx /m);
    transport();
    for (const po of ALL) expect(dirsync('nsda', '-rr', `-d${po}`)).toContain('GAL rebuilt: 36 names');

    await page.reload();
    for (const po of ALL) {
      await expect(cell(page, po, 'GAL size')).toHaveText('36');
      await expect(cell(page, po, 'ReqSync')).toHaveText(/^[1-9]\d*$/);
      await expect(cell(page, po, 'SrvSync')).toHaveText(/^[1-9]\d*$/);
      for (const q of ['P1', 'Outbound', 'Mailbag'] as const) await expect(cell(page, po, q)).toHaveText('0');
    }
    await expect(cell(page, DSS, 'Role')).toContainText(/Highest SrvSync [1-9]\d*, cycle 1/);

    await page.screenshot({ path: test.info().outputPath('overview-after-cycle.png'), fullPage: true });
  });

  test('stays usable at a narrow width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const region = page.getByRole('region', { name: /MS Mail postoffices/ });
    await expect(region).toBeVisible();
    // The list scrolls inside its own frame instead of widening the page.
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect(postoffices(page).getByRole('rowheader', { name: DSS, exact: true })).toBeAttached();
    await page.screenshot({ path: test.info().outputPath('overview-narrow.png'), fullPage: true });
  });
});
