import { describe, expect, it } from 'vitest';
import { loadSampleNetwork } from '@/db/seed';
import { getNetworkOverview, overviewTitle } from '@/lib/queries/network-overview';
import { ok, tempDb } from './helpers';

describe('network overview query', () => {
  it('reads an empty database without writing to it', () => {
    const { db } = tempDb('overview-empty');
    const overview = getNetworkOverview(db);
    expect(overview.postoffices).toEqual([]);
    expect(overview.networks).toEqual([]);
    expect(overview.clock.text).toBe('Sat Feb 26 08:00:00 1994');
    expect(db.$client.prepare('select count(*) as n from clock').get()).toEqual({ n: 0 });
    expect(overviewTitle(overview.networks)).toBe('Microsoft Exchange Administrator - [No dirsync network]');
  });

  it('shows roles, numbers, queues and GAL sizes of the sample network through a cycle', () => {
    const { db, file } = tempDb('overview-sample');
    loadSampleNetwork(db);
    let overview = getNetworkOverview(db);
    expect(overviewTitle(overview.networks)).toBe('Microsoft Exchange Administrator - [Dirsync network POLYNOMIAL]');
    expect(overview.postoffices.map((p) => [p.address, p.drive, p.role.label, p.mailboxes])).toEqual([
      ['POLYNOMIAL/MONTGOMERY', 'M', 'Dirsync server', 12],
      ['POLYNOMIAL/NOVEMBER', 'N', 'Requestor of POLYNOMIAL/MONTGOMERY', 12],
      ['POLYNOMIAL/OCTOBER', 'O', 'Requestor of POLYNOMIAL/MONTGOMERY', 12],
    ]);
    expect(overview.totals).toMatchObject({ postoffices: 3, servers: 1, requestors: 2, queued: 0 });

    const all = overview.postoffices.map((p) => p.address);
    for (const po of all) ok(file, `reqmain -t -d${po}`);
    overview = getNetworkOverview(db);
    const queued = overview.postoffices.map((p) => p.queued);
    expect(queued.every((q) => q.total === q.p1 + q.outbound + q.mailbag)).toBe(true);
    expect(overview.totals.queued).toBeGreaterThan(0);
    expect(overview.postoffices[1].queued.p1).toBeGreaterThan(0);

    const quiet = () => {
      for (let i = 0; i < 6 && ok(file, 'external -0') !== '0 delivered, 0 queued'; i++);
    };
    quiet();
    ok(file, 'nsda -s -dPOLYNOMIAL/MONTGOMERY');
    quiet();
    for (const po of all) ok(file, `nsda -rr -d${po}`);

    overview = getNetworkOverview(db);
    for (const p of overview.postoffices) {
      expect(p.galCount).toBe(36);
      expect(p.reqSync).toBeGreaterThan(0);
      expect(p.srvSync).toBeGreaterThan(0);
      expect(p.queued.total).toBe(0);
    }
    expect(overview.postoffices[0].role).toMatchObject({ kind: 'server', cycle: 1 });
  });
});
