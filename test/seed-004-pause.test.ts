import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { cli, dump, ok, tempDbFile } from './helpers';

/**
 * The troubleshooting document (seed 004, docs/engine.md) on forcing a T1 or T2 on Exchange by pausing the Directory Synchronization
 * service (KB Q146738; docs/exchange.md, "Services, pause, registry"): on 4.0 the PauseKicksDX value (read when MSExchangeDX
 * starts) turns Pause into "run a cycle now"; 5.0 and later do it without the value. The pause
 * then fails with Error 2140 ("This is a good message"), the service stays Running, and a T1 runs
 * on a requestor, a T2 on the dirsync server.
 */

const ERROR_2140 =
  'Could not pause the Microsoft Exchange Directory Synchronization service on \\\\EXCH01. Error 2140: An internal Windows NT error occurred.';
const DX = 'Microsoft Exchange Directory Synchronization';

interface Queued {
  kind: string;
  subject: string;
  fromAddr: string;
  toAddr: string;
  dest: string;
  place: string;
}

/** Messages held by the connector postoffice POLYNOMIAL/HQ (its queue to MS Mail). */
function heldByConnector(file: string): Queued[] {
  const db = openDatabase(file);
  try {
    return db.$client
      .prepare(
        `select m.kind, m.subject, m.from_addr as fromAddr, m.to_addr as toAddr, m.dest, m.place from message m
         join postoffice p on p.id = m.holder_po_id where p.network = 'POLYNOMIAL' and p.name = 'HQ' order by m.id`,
      )
      .all() as Queued[];
  } finally {
    db.$client.close();
  }
}

function dxState(file: string): string {
  const rows = JSON.parse(ok(file, 'service list EXCH01 --json')) as { name: string; displayName: string; state: string }[];
  return rows.find((r) => r.name === 'MSExchangeDX')!.state;
}

function dxEvents(file: string): { eventId: number; description: string; type: string }[] {
  const data = JSON.parse(ok(file, 'events --source MSExchangeDX --limit 1000 --json'));
  return Array.isArray(data) ? data : data.events;
}

const requestorNumbers = (file: string) => {
  const r = JSON.parse(ok(file, 'exchange requestor EXCH01 --json')) as { reqSync: number; srvSync: number; impSync: number };
  return { reqSync: r.reqSync, srvSync: r.srvSync, impSync: r.impSync };
};

/** MS Mail DSS POLY/MONT (drive M) with requestor POLY/NOV; EXCH01 a requestor of MONT exporting PAT. */
function requestorNetwork(version: string): string {
  const file = tempDbFile('seed004r');
  ok(file, 'po create POLY/MONT --password PW');
  ok(file, 'po create POLY/NOV --password PW');
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ALICE "Alice Walker"');
  ok(file, 'ds server -dM on');
  ok(file, 'ds requestor create -dM POLY/NOV --password S');
  ok(file, 'ds register -dN POLY/MONT --password S');
  ok(file, `exchange create POLYNOMIAL HQ EXCH01 --version ${version}`);
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, 'exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients');
  return file;
}

/** EXCH01 the dirsync server (schedule Never), POLY/NOV (drive M) its Remote Dirsync Requestor with a request waiting. */
function dssNetwork(version: string): string {
  const file = tempDbFile('seed004s');
  ok(file, 'po create POLY/NOV --password PW');
  ok(file, 'user add -dPOLY/NOV ALICE "Alice Walker"');
  ok(file, `exchange create POLYNOMIAL HQ EXCH01 --version ${version}`);
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, 'exchange connection add EXCH01 POLY/NOV');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'exchange dss EXCH01 --schedule never');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients');
  ok(file, 'ds register -dPOLY/NOV POLYNOMIAL/HQ --password NOVPW');
  // T1 on NOV; External moves it out of P1, the PC MTA carries it into the connector postoffice.
  expect(ok(file, 'reqmain -t -dPOLY/NOV')).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
  ok(file, 'external -0');
  expect(ok(file, 'dispatch --until +1m')).toMatch(/Microsoft PC MTA {2}0 delivered to MS Mail, 2 picked up/);
  return file;
}

describe('Exchange 4.0 as a requestor: PauseKicksDX (KB Q146738)', () => {
  it('without PauseKicksDX the service really pauses: state Paused, no Error 2140, no T1; continue resumes it', () => {
    const file = requestorNetwork('4.0');
    expect(cli(file, 'reg get EXCH01 PauseKicksDX').code).toBe(2);
    expect(dxState(file)).toBe('Running');
    const before = requestorNumbers(file);
    const eventsBefore = dxEvents(file).length;

    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`The ${DX} service was paused successfully.`);
    expect(r.out).not.toContain('2140');
    expect(r.out).not.toContain('ReqTx');
    expect(dxState(file)).toBe('Paused');
    expect(ok(file, 'service list EXCH01')).toMatch(new RegExp(`${DX}\\s+Paused`));

    // No cycle: nothing queued for the DSS, nothing arrives there, the numbers and the DX events are as they were.
    expect(heldByConnector(file)).toEqual([]);
    expect(ok(file, 'dispatch --until +2m')).not.toMatch(/delivered to MS Mail/);
    expect(ok(file, 'srvmain -r -dM')).not.toContain('POLYNOMIAL/HQ');
    expect(requestorNumbers(file)).toEqual(before);
    expect(dxEvents(file).filter((e) => e.eventId === 9010)).toEqual([]);
    expect(dxEvents(file)).toHaveLength(eventsBefore);

    const c = cli(file, 'service continue EXCH01 MSExchangeDX');
    expect(c.code).toBe(0);
    expect(c.out).toBe(`The ${DX} service was continued successfully.`);
    expect(dxState(file)).toBe('Running');
  });

  it('PauseKicksDX = 1 is read when the service starts: set but not restarted, Pause still pauses', () => {
    const file = requestorNetwork('4.0');
    expect(ok(file, 'reg set EXCH01 PauseKicksDX 1')).toContain('PauseKicksDX  REG_DWORD  0x1 (1)');
    // The value is set, and the registry says the running service has not read it yet.
    expect(ok(file, 'reg get EXCH01 PauseKicksDX').split('\n')).toEqual([
      'PauseKicksDX  REG_DWORD  0x1 (1)',
      'Warning: MSExchangeDX is running with the value it read when it started (not set): restart it to read PauseKicksDX = 1.',
    ]);
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`The ${DX} service was paused successfully.`);
    expect(dxState(file)).toBe('Paused');
    expect(heldByConnector(file)).toEqual([]);
    ok(file, 'service continue EXCH01 MSExchangeDX');
    expect(dxState(file)).toBe('Running');
  });

  it('after a restart, Pause answers Error 2140, stays Running and runs T1: the ReqTx is queued for the DSS and accepted there', () => {
    const file = requestorNetwork('4.0');
    ok(file, 'reg set EXCH01 PauseKicksDX 0x1');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(ERROR_2140);
    // T1 of the first cycle: the full export (R and PAT) is the update.
    expect(lines).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    expect(r.out).not.toContain('paused successfully');
    expect(dxState(file)).toBe('Running');
    expect(ok(file, 'service list EXCH01')).toMatch(new RegExp(`${DX}\\s+Running`));

    // Queued at the connector postoffice for the DSS's $SYSTEM, from the DXA's SYSTEM1 address.
    const queued = heldByConnector(file);
    expect(queued.map((m) => [m.kind, m.dest, m.fromAddr, m.toAddr])).toEqual([
      ['ReqStat', 'POLY/MONT', 'POLYNOMIAL/HQ/SYSTEM1', 'POLY/MONT/$SYSTEM'],
      ['ReqTx', 'POLY/MONT', 'POLYNOMIAL/HQ/SYSTEM1', 'POLY/MONT/$SYSTEM'],
    ]);
    expect(queued.find((m) => m.kind === 'ReqTx')!.subject).toBe('ReqTx R=2 (was 0), S=0, I=0 2 sent');

    // The PC MTA carries it to the DSS, whose T2 accepts it.
    expect(ok(file, 'dispatch --until +1m')).toMatch(/EXCH01 {2}Microsoft PC MTA {2}2 delivered to MS Mail/);
    expect(ok(file, 'srvmain -r -dM')).toContain('POLYNOMIAL/HQ: 2 of 2 updates accepted');
    expect(ok(file, 'srvmain -t -dM')).toContain('SrvTx R=2 S=2 (was 0), I=0 0 sent');
    // The reply is applied at once when the PC MTA delivers it.
    ok(file, 'external -0');
    ok(file, 'external -0');
    expect(ok(file, 'dispatch --until +1m')).toContain('MSExchangeDX');
    expect(requestorNumbers(file)).toMatchObject({ reqSync: 2, srvSync: 2 });
  });

  it('PauseKicksDX removed: still read from the last start until the next restart, then Pause really pauses again', () => {
    const file = requestorNetwork('4.0');
    ok(file, 'reg set EXCH01 PauseKicksDX 1');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    ok(file, 'reg delete EXCH01 PauseKicksDX');
    expect(ok(file, 'service pause EXCH01 MSExchangeDX').split('\n')[0]).toBe(ERROR_2140);
    expect(dxState(file)).toBe('Running');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    expect(ok(file, 'service pause EXCH01 MSExchangeDX')).toBe(`The ${DX} service was paused successfully.`);
    expect(dxState(file)).toBe('Paused');
    // A PauseKicksDX of 0 does not turn it on either.
    ok(file, 'reg set EXCH01 PauseKicksDX 0');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    expect(ok(file, 'service pause EXCH01 MSExchangeDX')).toBe(`The ${DX} service was paused successfully.`);
  });
});

describe('Exchange 4.0 as the dirsync server: PauseKicksDX runs T2 (KB Q146738)', () => {
  it('without the value the service pauses and the request waits; with it (after a restart) Pause runs T2 and sends the reply', () => {
    const file = dssNetwork('4.0');
    expect(ok(file, 'service pause EXCH01 MSExchangeDX')).toBe(`The ${DX} service was paused successfully.`);
    expect(dxState(file)).toBe('Paused');
    // No T2: no reply is queued, the requestor's record has not moved.
    expect(heldByConnector(file).filter((m) => m.kind === 'SrvTx')).toEqual([]);
    const listed = () => JSON.parse(ok(file, 'exchange remote-requestor list EXCH01 --json'))[0] as { reqSync: number; srvSync: number };
    expect(listed()).toMatchObject({ reqSync: 0, srvSync: 0 });

    ok(file, 'service continue EXCH01 MSExchangeDX');
    ok(file, 'reg set EXCH01 PauseKicksDX 1');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(ERROR_2140);
    expect(lines).toContain('POLY/NOV: 1 of 1 updates accepted');
    // The reply: every master-list transaction NOV did not send (R and PAT of the Exchange postoffice).
    expect(lines).toContain('SrvTx R=1 S=3 (was 0), I=0 2 sent');
    expect(lines.some((l) => l.startsWith('ReqTx'))).toBe(false);
    expect(dxState(file)).toBe('Running');
    const replies = heldByConnector(file).filter((m) => m.kind === 'SrvTx');
    expect(replies.map((m) => [m.subject, m.dest, m.fromAddr, m.toAddr])).toEqual([
      ['SrvTx R=1 S=3 (was 0), I=0 2 sent', 'POLY/NOV', 'POLYNOMIAL/HQ/$SYSTEM', 'POLY/NOV/$SYSTEM'],
    ]);
    expect(listed()).toMatchObject({ reqSync: 1, srvSync: 3 });
    // Delivered by the PC MTA, imported on NOV: its GAL has ALICE and PAT.
    expect(ok(file, 'dispatch --until +1m')).toMatch(/1 delivered to MS Mail/);
    expect(ok(file, 'nsda -rr -dPOLY/NOV')).toContain('GAL rebuilt: 2 names');
  });
});

describe.each(['5.0', '5.5', '5.5sp3', '2000'])('Exchange %s: Pause starts a cycle without PauseKicksDX', (version) => {
  it('as a requestor: Error 2140, Running, T1 queued for the DSS', () => {
    const file = requestorNetwork(version);
    expect(cli(file, 'reg get EXCH01 PauseKicksDX').code).toBe(2);
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(ERROR_2140);
    expect(r.out).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    expect(dxState(file)).toBe('Running');
    expect(heldByConnector(file).map((m) => m.subject)).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    // A second pause is a second T1: nothing new, R stays 2 and the same entries go again (none acknowledged).
    const again = ok(file, 'service pause EXCH01 MSExchangeDX');
    expect(again.split('\n')[0]).toBe(ERROR_2140);
    expect(again).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    // "continue" has nothing to do: the service never entered Paused.
    const c = cli(file, 'service continue EXCH01 MSExchangeDX');
    expect(c.code).toBe(0);
    expect(c.out).not.toContain('continued successfully');
    expect(dxState(file)).toBe('Running');
  });

  it('as the dirsync server: Error 2140, Running, T2 sends the reply', () => {
    const file = dssNetwork(version);
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(ERROR_2140);
    expect(r.out).toContain('SrvTx R=1 S=3 (was 0), I=0 2 sent');
    expect(dxState(file)).toBe('Running');
    expect(heldByConnector(file).filter((m) => m.kind === 'SrvTx').map((m) => m.dest)).toEqual(['POLY/NOV']);
  });
});

describe('pausing a stopped service', () => {
  it.each(['4.0', '5.5'])('is refused on %s with exit 2 and changes nothing', (version) => {
    const file = requestorNetwork(version);
    if (version === '4.0') {
      ok(file, 'reg set EXCH01 PauseKicksDX 1');
      ok(file, 'service restart EXCH01 MSExchangeDX');
    }
    expect(ok(file, 'service stop EXCH01 MSExchangeDX')).toBe(`The ${DX} service was stopped successfully.`);
    const before = dump(file);
    const r = cli(file, 'service pause EXCH01 MSExchangeDX');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`The ${DX} service is not started.`);
    expect(r.out).not.toContain('2140');
    expect(dump(file)).toEqual(before);
    expect(dxState(file)).toBe('Stopped');
    expect(heldByConnector(file)).toEqual([]);
    // A stopped PC MTA service cannot be paused either.
    ok(file, 'service stop EXCH01 "Microsoft PC MTA"');
    expect(cli(file, 'service pause EXCH01 "Microsoft PC MTA"').code).toBe(2);
  });
});
