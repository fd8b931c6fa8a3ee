import { describe, expect, it } from 'vitest';
import { loadSampleNetwork } from '@/db/seed';
import { dirsyncServerOf } from '@/lib/exchange/dxa/dirsync-server';
import { saveDirsyncServer } from '@/lib/exchange/dxa/save-dirsync-server';
import { requestorLink, findRemoteLink } from '@/lib/exchange/dxa/dirsync-links';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { setRemoteRequestor } from '@/lib/exchange/dxa/set-remote-requestor';
import { checkSchedule, describeSchedule, EMPTY_GRID, toSchedule } from '@/lib/exchange/dxa/schedule-grid';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { snapshotOf, tempDb } from './helpers';

const cell = (day: number, hour: number, grid = EMPTY_GRID) => grid.slice(0, day * 24 + hour) + '1' + grid.slice(day * 24 + hour + 1);

describe('the Schedule tab grid', () => {
  it('takes the style and 168 cells, Sunday 00:00 first', () => {
    expect(describeSchedule(checkSchedule('selected', cell(6, 13)))).toBe('Sat:13');
    expect(toSchedule({ style: 'always', grid: EMPTY_GRID })).toEqual({ style: 'always', grid: EMPTY_GRID });
    expect(toSchedule('Sat:13')).toEqual(checkSchedule('selected', cell(6, 13)));
  });
  it('refuses Selected times with no hour, a short grid and an unknown style', () => {
    expect(() => checkSchedule('selected', EMPTY_GRID)).toThrow(/Selected times needs at least one hour/);
    expect(() => checkSchedule('selected', '1'.repeat(167))).toThrow(/168 hours/);
    expect(() => checkSchedule('sometimes', EMPTY_GRID)).toThrow(/Never, Always or Selected times/);
  });
});

describe('Dirsync Server: revisions', () => {
  const setup = () => {
    const { db } = tempDb('dss-revision');
    loadSampleNetwork(db, 'exchange-dss');
    return db;
  };

  it('a save at the revision it was opened at goes through and makes a new one', () => {
    const db = setup();
    const row = dirsyncServerOf(db, 'EXCH01')!;
    saveDirsyncServer(db, 'EXCH01', { name: 'DXA Server', copyAdministrator: true, administrator: 'Anna Schmidt', schedule: { style: 'selected', grid: cell(1, 2) }, revision: row.revision });
    const after = dirsyncServerOf(db, 'EXCH01')!;
    expect(after).toMatchObject({ name: 'DXA Server', copyAdministrator: 1, administrator: 'ANNA', style: 'selected', grid: cell(1, 2) });
    expect(after.revision).toBeGreaterThan(row.revision);
  });

  it('a save over someone else\'s change is refused, and nothing is saved', () => {
    const db = setup();
    const opened = dirsyncServerOf(db, 'EXCH01')!.revision;
    saveDirsyncServer(db, 'EXCH01', { forwardToAdministrator: true });
    const before = snapshotOf(db);
    expect(() => saveDirsyncServer(db, 'EXCH01', { name: 'Mine', revision: opened })).toThrow(/changed by someone else since you opened it/);
    expect(snapshotOf(db)).toEqual(before);
  });

  it('refuses a second Dirsync Server from File ▸ New Other, an empty Name, an unknown administrator, an empty Selected times', () => {
    const db = setup();
    const before = snapshotOf(db);
    expect(() => saveDirsyncServer(db, 'EXCH01', { name: 'Another', create: true })).toThrow(/already has a Dirsync Server/);
    expect(() => saveDirsyncServer(db, 'EXCH01', { name: '  ' })).toThrow(/Name/);
    expect(() => saveDirsyncServer(db, 'EXCH01', { administrator: 'Nobody Here' })).toThrow(/Dirsync administrator "Nobody Here" is not a mailbox/);
    expect(() => saveDirsyncServer(db, 'EXCH01', { schedule: { style: 'selected', grid: EMPTY_GRID } })).toThrow(/at least one hour/);
    expect(snapshotOf(db)).toEqual(before);
  });
});

describe('Dirsync Requestor: Settings and Schedule carry the revision', () => {
  const setup = () => {
    const { db } = tempDb('requestor-revision');
    loadSampleNetwork(db, 'msmail-dss');
    return db;
  };
  const link = (db: ReturnType<typeof setup>) => requestorLink(db, resolveServer(db, 'EXCH01'))!;

  it('a Settings change makes a new revision; a save at the old one is refused with nothing saved', () => {
    const db = setup();
    const opened = link(db).revision;
    saveDirsyncRequestor(db, 'EXCH01', undefined, { importNext: true, revision: opened });
    const server = resolveServer(db, 'EXCH01');
    expect(reqconfOf(db, server.connectorPoId).importNext).toBe(1);
    expect(link(db).revision).toBe(opened + 1);
    const before = snapshotOf(db);
    expect(() => saveDirsyncRequestor(db, 'EXCH01', undefined, { sendUpdates: false, revision: opened })).toThrow(/changed by someone else since you opened it/);
    expect(snapshotOf(db)).toEqual(before);
  });

  it('a Schedule change from the grid makes a new revision; saving the same values changes nothing', () => {
    const db = setup();
    const opened = link(db).revision;
    saveDirsyncRequestor(db, 'EXCH01', undefined, { schedule: { style: 'selected', grid: cell(6, 13, cell(6, 14)) }, revision: opened });
    expect(link(db)).toMatchObject({ scheduleStyle: 'selected', revision: opened + 1 });
    expect(describeSchedule({ style: link(db).scheduleStyle, grid: link(db).schedule })).toBe('Sat:13,Sat:14');
    const before = snapshotOf(db);
    saveDirsyncRequestor(db, 'EXCH01', undefined, { schedule: { style: 'selected', grid: cell(6, 13, cell(6, 14)) }, revision: opened + 1 });
    expect(snapshotOf(db)).toEqual(before);
  });

  it('refuses an unknown Requestor language and a fixed Import Container change, nothing saved', () => {
    const db = setup();
    const before = snapshotOf(db);
    expect(() => saveDirsyncRequestor(db, 'EXCH01', undefined, { language: 'Klingon', importNext: true })).toThrow(/Requestor language "Klingon"/);
    expect(snapshotOf(db)).toEqual(before);
  });
});

describe('Remote Dirsync Requestor: the password and Export on next cycle carry the revision', () => {
  it('a password change makes a new revision; a save at the old one is refused', () => {
    const { db } = tempDb('remote-revision');
    loadSampleNetwork(db, 'exchange-dss');
    const server = resolveServer(db, 'EXCH01');
    const opened = findRemoteLink(db, server, 'POLYNOMIAL/NOVEMBER')!.revision;
    setRemoteRequestor(db, 'EXCH01', 'POLYNOMIAL/NOVEMBER', { password: 'NEWPW', revision: opened });
    expect(findRemoteLink(db, server, 'POLYNOMIAL/NOVEMBER')!.revision).toBe(opened + 1);
    expect(() => setRemoteRequestor(db, 'EXCH01', 'POLYNOMIAL/NOVEMBER', { exportNext: true, revision: opened })).toThrow(/changed by someone else/);
  });
});
