import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsyncBatch } from './fixtures/dirsync-batch';

/**
 * The delete guard (issue 13 item 7) on a small network of its own in the shared database:
 * GUARDNET/HUB is the DSS, LEAF has twelve mailboxes, EDGE imports them. LEAF loses all twelve,
 * EDGE's import is held, and Health's "Apply anyway" applies it.
 */
const users = Array.from({ length: 12 }, (_, k) => `G${k + 1}`);
const pos = ['HUB', 'LEAF', 'EDGE'].map((p) => `GUARDNET/${p}`);

function cycle(): string[][] {
  return [
    ...pos.map((p) => ['reqmain', '-t', `-d${p}`]),
    ['external', '-0'],
    ['external', '-0'],
    ['srvmain', '-r', '-dGUARDNET/HUB'],
    ['srvmain', '-t', '-dGUARDNET/HUB'],
    ['external', '-0'],
    ['external', '-0'],
    ...pos.flatMap((p) => [
      ['reqmain', '-r', `-d${p}`],
      ['import', 'admin', '-pSECRET', `-d${p}`, '-q', '-y'],
      ['rebuild', '-f', `-d${p}`],
    ]),
  ];
}

test.describe('Delete guard', () => {
  test('Health shows the held import; Apply anyway applies it and clears the finding', async ({ page }) => {
    // Three cycles of a network of its own come first (one process, ~90 command lines).
    test.setTimeout(240_000);
    dirsyncBatch([
      ...pos.map((p) => ['po', 'create', p, '--password', 'SECRET']),
      ['ds', 'server', '-dGUARDNET/HUB', 'on'],
      ...['LEAF', 'EDGE'].flatMap((p) => [
        ['ds', 'requestor', 'create', '-dGUARDNET/HUB', `GUARDNET/${p}`, '--password', `${p}PW`],
        ['ds', 'register', `-dGUARDNET/${p}`, 'GUARDNET/HUB', '--password', `${p}PW`],
      ]),
      ...users.map((u) => ['user', 'add', '-dGUARDNET/LEAF', u, `Guard User ${u}`]),
      ['user', 'add', '-dGUARDNET/EDGE', 'OLGA', 'Olga Roberts'],
      ...cycle(),
      ...cycle(),
      // Only EDGE's guard is under test: the DSS applies the deletes.
      ['guard', 'set', '-dGUARDNET/HUB', '--off'],
      ...users.map((u) => ['user', 'delete', '-dGUARDNET/LEAF', u]),
      ...cycle().filter((c) => !(c[0] === 'import' && c.includes('-dGUARDNET/EDGE'))),
    ]);
    // EDGE's import on its own: it exits 1 (held), which the batch would take for a failure.
    expect(() => dirsyncBatch([['import', 'admin', '-pSECRET', '-dGUARDNET/EDGE', '-q', '-y']])).toThrow(/Fatal \[900\] Import held by the delete guard: it would remove 12 of/);

    await signIn(page, undefined, '/health');
    const finding = page.getByRole('listitem', { name: /^GUARDNET\/EDGE: Import held by the delete guard: it would remove 12 of \d+ names in its GAL$/ });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('Apply anyway if the deletes are real');
    await expect(finding.getByRole('button', { name: 'Discard: GUARDNET/EDGE' })).toBeVisible();
    await finding.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('guard-held.png') });

    await finding.getByRole('button', { name: 'Apply anyway: GUARDNET/EDGE' }).click();
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Held import applied anyway by the administrator (12 of');
    await expect(page.getByRole('listitem', { name: /^GUARDNET\/EDGE: Import held/ })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('guard-applied.png') });

    // The postoffice's page says nothing is held now, and shows the limits.
    await page.goto('/msmail/GUARDNET~EDGE');
    const form = page.getByRole('form', { name: 'Delete guard' });
    await expect(form.getByLabel('Names')).toHaveValue('500');
    await expect(page.getByText('No import is held.')).toBeVisible();
  });
});
