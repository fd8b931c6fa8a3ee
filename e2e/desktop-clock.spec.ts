import { expect, test } from '@playwright/test';
import { signIn } from './fixtures/auth';
import { dirsync } from './fixtures/dirsync-cli';

// Several page loads a test on a machine shared with other builds: room beyond the default minute.
test.describe.configure({ timeout: 180_000 });

test.use({ viewport: { width: 1400, height: 900 } });

/** `Sat 13:46` out of the note's "next PC MTA poll Sat 13:46 (…)". */
const timeIn = (text: string, what: 'poll' | 'scheduled') => {
  const m = (what === 'poll' ? /next PC MTA poll (\w{3} \d\d:\d\d)/ : /next scheduled (\w{3} \d\d:\d\d)/).exec(text);
  return m?.[1] ?? null;
};
const minutes = (t: string) => {
  const [d, hm] = t.split(' ');
  const [h, m] = hm.split(':').map(Number);
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(d) * 1440 + h * 60 + m;
};

test.describe('the clock says what waits for it (issue 14, item 5)', () => {
  test.beforeAll(() => {
    // The sample's PC MTA, running (a restart keeps the test independent of the others).
    dirsync('service', 'restart', 'EXCH01', 'Microsoft PC MTA');
  });

  test('shows the next PC MTA poll and the next scheduled process; Advance to the next poll only moves the clock to that poll and no further', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/services');
    const clock = page.getByRole('group', { name: 'Simulation clock' });
    const note = clock.getByRole('note', { name: 'Waiting for the clock' });
    await expect(note).toContainText('next PC MTA poll');
    // The soonest poll of any server: other specs' networks have PC MTAs of their own.
    await expect(note).toContainText(/\(Microsoft PC MTA on \w+ polls\)/);
    await expect(note).toContainText('next scheduled');
    await page.screenshot({ path: test.info().outputPath('clock-waiting.png') });
    const before = (await note.textContent())!;
    const poll = timeIn(before, 'poll')!;
    const scheduled = timeIn(before, 'scheduled');
    const scheduledPart = before.slice(before.indexOf('next scheduled'));

    await clock.getByRole('button', { name: 'Advance to the next poll only' }).click();
    // The clock stands at the poll's minute.
    await expect(clock.getByLabel('Simulation time')).toContainText(poll.split(' ')[1]);
    await expect(clock.getByLabel('Simulation time')).toContainText(poll.split(' ')[0]);
    // A scheduled process due after the poll did not run: it still waits.
    if (scheduled && minutes(scheduled) > minutes(poll)) await expect(note).toContainText(scheduledPart.split(' — ')[0]);
    await page.screenshot({ path: test.info().outputPath('clock-after-poll.png') });
  });

  test('the status says the speed in the speed box words', async ({ page }) => {
    await signIn(page, undefined, '/exchange/EXCH01/services');
    const clock = page.getByRole('group', { name: 'Simulation clock' });
    await clock.getByRole('combobox', { name: 'Clock speed' }).selectOption({ label: 'Real time' });
    await clock.getByRole('button', { name: 'Run clock' }).click();
    await expect(clock).toContainText('Running: Real time');
    await expect(clock).not.toContainText('×');
    await clock.getByRole('button', { name: 'Pause clock' }).click();
    await expect(clock).toContainText('Paused');
  });

  // A console left open while its server stops: the clock's poll fails, and the status bar says so
  // until the next poll is answered (the page keeps what it showed).
  test('a server that stops answering is said in the status bar, and the notice goes with the next answer', async ({ page }) => {
    await signIn(page, undefined, '/health');
    const clock = page.getByRole('group', { name: 'Simulation clock' });
    const notice = clock.getByRole('status').filter({ hasText: 'not answering' });
    await expect(notice).toHaveCount(0);
    await page.route('**/clock', (route) => route.abort('connectionrefused'));
    await expect(notice).toHaveText('The console’s server is not answering: what you see is as it was; asking again every two seconds');
    await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
    await page.unroute('**/clock');
    await expect(notice).toHaveCount(0);
  });
});
