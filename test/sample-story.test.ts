import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { STORY } from '@/db/story';
import { checkHealth } from '@/lib/health/check-health';
import { runWizardStep } from '@/lib/resync/run-wizard-step';
import { createWizard, readWizard } from '@/lib/resync/wizard-state';
import { dispatch } from '@/lib/scheduler/dispatch';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { galView } from '@/lib/queries/gal-view';
import { tempDbFile } from './helpers';

/**
 * The sample's story (docs/console.md, "The sample's story"): `npm start`'s first step on an empty
 * database loads the sample and plays its first days. Run here as `npm start` runs it, a child
 * process of scripts/prepare-db.ts with the database named in the environment.
 */
const root = path.resolve(import.meta.dirname, '..');
function prepare(file: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'prepare-db.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DIRSYNC_ROOT: root, DIRSYNC_DB: file, DIRSYNC_EMPTY: '0', DIRSYNC_SAMPLE: 'msmail-dss', DIRSYNC_ADMIN_PASSWORD: '', ...env },
  });
}

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
});
const dbOf = (file: string) => {
  const db = openDatabase(file);
  open.push(db);
  return db;
};
const count = (db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).pluck().get(...args) as number;
/** Whether a postoffice's GAL, as its users see it, holds a mailbox of that name. */
const galHas = (db: Db, po: string, mailbox: string) => {
  const id = count(db, "select id from postoffice where network || '/' || name = ?", po);
  return galView(db, id, 1000).entries.some((e) => e.address.endsWith(`/${mailbox}`));
};

describe("the sample's story", () => {
  it('leaves a converged network with run history, 4395/4355 events and one Health error the Resync Wizard fixes', () => {
    const file = tempDbFile('story');
    const out = prepare(file);
    expect(out).toMatch(/ran its first \d+ scheduled steps and passes to Mon Mar 07 09:00:00 1994/);
    const db = dbOf(file);

    // Real history: two Saturdays' T1, T2 and T3 on every postoffice, and the DXA's cycles.
    const kinds = db.$client.prepare('select kind, count(*) as n from run_history group by kind').all() as { kind: string; n: number }[];
    const n = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
    expect(n('T1')).toBe(6);
    expect(n('T3 receive')).toBe(6);
    expect(kinds.filter((r) => r.kind.startsWith('T2')).reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(2);
    expect(count(db, "select count(*) from run_history where trigger = 'schedule'")).toBeGreaterThan(10);
    // The first cycle was watched at Maximum logging: the PC MTA's transfers are in the Application log.
    expect(count(db, 'select count(*) from event where event_id = 4395')).toBeGreaterThan(0);
    expect(count(db, 'select count(*) from event where event_id = 4355')).toBeGreaterThan(0);
    // Converged: Wednesday's new colleague reached every GAL in the second cycle.
    for (const po of ['POLYNOMIAL/MONTGOMERY', 'POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER']) expect(galHas(db, po, STORY.joiner[0]), po).toBe(true);

    // The one problem: OCTOBER's numbers behind what MONTGOMERY has received from it.
    const report = checkHealth(db);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({ check: 'dss-reqsync-ahead', severity: 'error', object: 'POLYNOMIAL/OCTOBER' });
    expect(finding.fixes).toEqual([expect.objectContaining({ kind: 'resync-wizard', href: '/wizards/resync/new?dss=POLYNOMIAL%2FMONTGOMERY&requestor=POLYNOMIAL%2FOCTOBER' })]);

    // The fix: the Resync Wizard, MS Mail DSS → OCTOBER, every step.
    const id = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'POLYNOMIAL/MONTGOMERY', requestors: ['POLYNOMIAL/OCTOBER'] }, 'admin');
    for (const s of readWizard(db, id).steps) {
      const r = runWizardStep(db, { id, position: s.position, revision: readWizard(db, id).revision, by: 'admin' });
      expect(r.status, `${s.code} ${s.target}`).toBe('done');
    }
    expect(checkHealth(db).findings).toEqual([]);

    // And OCTOBER's next change is accepted by the DSS at the next Saturday's cycle.
    addMailbox(db, 'POLYNOMIAL/OCTOBER', 'ZOE', 'Zoe Zimmer');
    dispatch(db, { until: STORY.restoreAt + 6 * 86_400_000 });
    expect(galHas(db, 'POLYNOMIAL/NOVEMBER', 'ZOE')).toBe(true);
    expect(checkHealth(db).findings).toEqual([]);
  });

  it('DIRSYNC_STORY=0 loads the plain sample: no history, the clock at its start', () => {
    const file = tempDbFile('story-off');
    expect(prepare(file, { DIRSYNC_STORY: '0' })).not.toMatch(/scheduled steps/);
    const db = dbOf(file);
    expect(count(db, 'select count(*) from run_history')).toBe(0);
    expect(count(db, 'select count(*) from postoffice')).toBeGreaterThan(0);
    expect(checkHealth(db).findings).toEqual([]);
  });
});
