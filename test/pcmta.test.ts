import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { ctime, now, setNow } from '@/lib/core/clock';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { DirsyncError } from '@/lib/core/errors';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { registerRequestor } from '@/lib/dirsync/requestor-settings';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { nextCounter, stmt } from '@/lib/core/statements';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { controlService } from '@/lib/exchange/services/control-service';
import { saveDirsyncServer } from '@/lib/exchange/dxa/save-dirsync-server';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { pcMtas } from '@/lib/exchange/connector/pc-mtas';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { dispatch } from '@/lib/scheduler/dispatch';
import { tempDbFile } from './helpers';

// The Connector (PC) MTA (docs/exchange.md, "MS Mail Connector and the PC MTA"): one hop each way per pass between the
// connector postoffice and the MS Mail postoffices it services, the 4395/4355 events of the manual
// dirsync procedure (seed 003; docs/engine.md), and polling under the simulation clock through Dispatch.

/** Feb 26 1994 (a Saturday), UTC. */
const feb = (day: number, h: number, m = 0) => Date.UTC(1994, 1, day, h, m);
const MTA = 'Microsoft PC MTA';
const CONNECTOR = 'POLYNOMIAL/HQ';

const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
});

/**
 * MS Mail postoffices POLY/MONT (file server FSMONT), POLY/NOV (FSNOV), POLY/OCT (FSOCT); Exchange
 * server EXCH01 whose connector postoffice is POLYNOMIAL/HQ, with LAN connections to MONT and NOV
 * and the instance "Microsoft PC MTA" servicing both, checking for mail every minute (stopped).
 */
function network(): { db: Db; file: string } {
  const file = tempDbFile('pcmta');
  const db = openDatabase(file);
  opened.push(db);
  for (const po of ['MONT', 'NOV', 'OCT']) createPostoffice(db, { name: `POLY/${po}`, password: 'SECRET', fileServer: `FS${po}` });
  createExchangeServer(db, { organization: 'Polynomial', site: 'HQ', server: 'EXCH01' });
  addConnection(db, 'EXCH01', 'POLY/MONT');
  addConnection(db, 'EXCH01', 'POLY/NOV');
  addPcMta(db, 'EXCH01', MTA, { pollMinutes: 1, services: ['POLY/MONT', 'POLY/NOV'] });
  return { db, file };
}

const poId = (db: Db, name: string) => {
  const [network, po] = name.split('/');
  return (stmt(db, 'select id from postoffice where network = ? and name = ?').get(network, po) as { id: number }).id;
};

/** A message waiting at `holder` (P1 or OUTBOUND), as the MS Mail utilities or the DXA leave one. */
function put(db: Db, holder: string, place: 'P1' | 'OUTBOUND', dest: string, fromAddr: string, toAddr: string, subject: string, attachment = ''): string {
  const messageId = nextCounter(db, 'message-id').toString(16).toUpperCase().padStart(8, '0');
  const id = stmt(
    db,
    `insert into message (kind, subject, from_addr, to_addr, holder_po_id, place, dest, created_at, message_id)
     values ('ReqTx', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(subject, fromAddr, toAddr, poId(db, holder), place, dest, now(db), messageId).lastInsertRowid;
  if (attachment) stmt(db, 'insert into message_body (message_id, attachment) values (?, ?)').run(id, attachment);
  return messageId;
}

/** From the DXA of EXCH01 (a requestor's SYSTEM1 address) to an MS Mail postoffice's $SYSTEM. */
const fromDxa = (db: Db, dest: string, subject = 'ReqTx R=1 (was 0), S=0, I=0 1 sent', attachment = 'A Paul Allen\tMS:POLYNOMIAL/HQ/PAUL') =>
  put(db, CONNECTOR, 'OUTBOUND', dest, `${CONNECTOR}/SYSTEM1`, `${dest}/$SYSTEM`, subject, attachment);

/** From an MS Mail postoffice's $SYSTEM to the DXA. */
const toDxa = (db: Db, from: string, place: 'P1' | 'OUTBOUND' = 'P1', subject = 'SrvTx R=1 S=2 (was 0), I=0 1 sent', attachment = 'A Ann\tPCM:POLY/NOV/ANN') =>
  put(db, from, place, CONNECTOR, `${from}/$SYSTEM`, `${CONNECTOR}/SYSTEM1`, subject, attachment);

const where = (db: Db, messageId: string) => {
  const r = stmt(db, 'select p.network || \'/\' || p.name as holder, m.place from message m join postoffice p on p.id = m.holder_po_id where m.message_id = ?').get(
    messageId,
  ) as { holder: string; place: string };
  return `${r.holder} ${r.place}`;
};

interface EventRow {
  computer: string;
  source: string;
  type: string;
  category: string;
  eventId: number;
  description: string;
}
const pcmtaEvents = (db: Db) =>
  stmt(db, "select computer, source, type, category, event_id as eventId, description from event where event_id in (4355, 4395) order by id").all() as EventRow[];

/** Diagnostics Logging ▸ MSExchangePCMTA at `level` for every category, read by the MTA service as it starts. */
function startMta(db: Db, level: 'none' | 'maximum' = 'maximum'): void {
  setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', level);
  controlService(db, 'EXCH01', MTA, 'start');
}

const nextPollAt = (db: Db) => (stmt(db, 'select next_poll_at as t from pc_mta').get() as { t: number | null }).t;
const pollLine = (at: number, delivered: number, pickedUp: number) => `${ctime(at)}  EXCH01  ${MTA}  ${delivered} delivered to MS Mail, ${pickedUp} picked up`;

describe('one PC MTA pass', () => {
  let db: Db;
  beforeEach(() => ({ db } = network()));

  it('moves one hop each way and writes 4395/4355 with the categories, shares and lines of the manual dirsync procedure', () => {
    startMta(db);
    setNow(db, feb(26, 9, 7));
    const out = fromDxa(db, 'POLY/MONT');
    const inP1 = toDxa(db, 'POLY/NOV', 'P1');
    const inQueue = toDxa(db, 'POLY/MONT', 'OUTBOUND', 'ReqStat R=0, S=0, I=0 last cycle none', '');
    const r = pcMtaPass(db, 'exch01', 'microsoft pc mta');
    expect(r).toEqual({ server: 'EXCH01', service: MTA, delivered: 1, pickedUp: 2, lines: ['1 delivered to MS Mail, 2 picked up'] });
    expect(where(db, out)).toBe('POLY/MONT MAILBAG');
    expect(where(db, inP1)).toBe('POLYNOMIAL/HQ MAILBAG');
    expect(where(db, inQueue)).toBe('POLYNOMIAL/HQ MAILBAG');
    const size = (s: string, a: string) => s.length + a.length;
    const tail = (from: string, to: string, id: string, bytes: number) => [`FROM: ${from}`, `TO: ${to}`, 'Date: 02/26/94', 'Time: 09:07', `Message ID: ${id}`, `Size: ${bytes}`];
    const event = (category: string, eventId: number, lines: string[]): EventRow => ({
      computer: 'EXCH01',
      source: MTA,
      type: 'Information',
      category,
      eventId,
      description: lines.join('\n'),
    });
    const outTail = tail('POLYNOMIAL/HQ/SYSTEM1', 'POLY/MONT/$SYSTEM', out, size('ReqTx R=1 (was 0), S=0, I=0 1 sent', 'A Paul Allen\tMS:POLYNOMIAL/HQ/PAUL'));
    const p1Tail = tail('POLY/NOV/$SYSTEM', 'POLYNOMIAL/HQ/SYSTEM1', inP1, size('SrvTx R=1 S=2 (was 0), I=0 1 sent', 'A Ann\tPCM:POLY/NOV/ANN'));
    const queueTail = tail('POLY/MONT/$SYSTEM', 'POLYNOMIAL/HQ/SYSTEM1', inQueue, size('ReqStat R=0, S=0, I=0 last cycle none', ''));
    expect(pcmtaEvents(db)).toEqual([
      event('Sent', 4395, ['Mail sent from \\\\EXCH01\\MAILDAT$', ...outTail]),
      event('Moved In', 4355, ['Mail received on \\\\FSMONT\\MAILDATA', ...outTail]),
      // Picked up in the order the messages were written.
      event('Moved Out', 4395, ['Mail sent from \\\\FSNOV\\MAILDATA', ...p1Tail]),
      event('Received', 4355, ['Mail received on \\\\EXCH01\\MAILDAT$', ...p1Tail]),
      event('Moved Out', 4395, ['Mail sent from \\\\FSMONT\\MAILDATA', ...queueTail]),
      event('Received', 4355, ['Mail received on \\\\EXCH01\\MAILDAT$', ...queueTail]),
    ]);
    // One hop: a second pass finds nothing to move and writes nothing.
    expect(pcMtaPass(db, 'EXCH01', MTA).lines).toEqual(['0 delivered to MS Mail, 0 picked up']);
    expect(pcmtaEvents(db)).toHaveLength(6);
    // Arrival order in the connector's mailbag follows the pick-up order.
    const arrivals = stmt(db, "select message_id as id from message where holder_po_id = ? and place = 'MAILBAG' order by arrival").all(poId(db, CONNECTOR));
    expect(arrivals).toEqual([{ id: inP1 }, { id: inQueue }]);
  });

  it('writes no 4395/4355 at logging level None, and none at Maximum until the MTA service restarts (5.5)', () => {
    startMta(db, 'none');
    fromDxa(db, 'POLY/MONT');
    toDxa(db, 'POLY/NOV');
    expect(pcMtaPass(db, 'EXCH01', MTA)).toMatchObject({ delivered: 1, pickedUp: 1 });
    expect(pcmtaEvents(db)).toEqual([]);
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    fromDxa(db, 'POLY/NOV');
    pcMtaPass(db, 'EXCH01', MTA);
    expect(pcmtaEvents(db)).toEqual([]);
    controlService(db, 'EXCH01', MTA, 'restart');
    fromDxa(db, 'POLY/NOV');
    pcMtaPass(db, 'EXCH01', MTA);
    expect(pcmtaEvents(db).map((e) => `${e.eventId} ${e.category}`)).toEqual(['4395 Sent', '4355 Moved In']);
  });

  it('leaves queued what the instance does not service, and leaves MS Mail to MS Mail mail to External', () => {
    startMta(db);
    setPcMta(db, 'EXCH01', MTA, { services: ['POLY/MONT'] });
    const toNov = fromDxa(db, 'POLY/NOV'); // connected, but not serviced by this instance
    const toOct = fromDxa(db, 'POLY/OCT'); // no connection at all
    const fromOct = toDxa(db, 'POLY/OCT');
    const fromNov = toDxa(db, 'POLY/NOV');
    const monToNov = put(db, 'POLY/MONT', 'P1', 'POLY/NOV', 'POLY/MONT/$SYSTEM', 'POLY/NOV/$SYSTEM', 'ReqTx R=1 (was 0), S=0, I=0 0 sent');
    expect(pcMtaPass(db, 'EXCH01', MTA)).toMatchObject({ delivered: 0, pickedUp: 0 });
    expect([toNov, toOct].map((m) => where(db, m))).toEqual(['POLYNOMIAL/HQ OUTBOUND', 'POLYNOMIAL/HQ OUTBOUND']);
    expect([fromOct, fromNov, monToNov].map((m) => where(db, m))).toEqual(['POLY/OCT P1', 'POLY/NOV P1', 'POLY/MONT P1']);
    expect(pcmtaEvents(db)).toEqual([]);
    // Serviced again, the waiting mail moves.
    setPcMta(db, 'EXCH01', MTA, { services: ['POLY/MONT', 'POLY/NOV'] });
    expect(pcMtaPass(db, 'EXCH01', MTA)).toMatchObject({ delivered: 1, pickedUp: 1 });
    expect(where(db, toNov)).toBe('POLY/NOV MAILBAG');
    expect(where(db, toOct)).toBe('POLYNOMIAL/HQ OUTBOUND');
  });

  it('refuses an instance that does not exist', () => {
    expect(() => pcMtaPass(db, 'EXCH01', 'Nobody')).toThrow(DirsyncError);
  });
});

describe('polling under the clock (dispatch)', () => {
  it('polls at "Check for mail every"; a changed interval applies only after the service restarts; a stopped service does not poll', () => {
    const { db } = network();
    expect(now(db)).toBe(feb(26, 8));
    startMta(db);
    expect(nextPollAt(db)).toBe(feb(26, 8, 1));
    const first = fromDxa(db, 'POLY/MONT');
    expect(dispatch(db, { until: feb(26, 8) + 30_000 }).lines).toEqual([]);
    expect(where(db, first)).toBe('POLYNOMIAL/HQ OUTBOUND');
    expect(dispatch(db, { until: feb(26, 8, 1) }).lines).toEqual([pollLine(feb(26, 8, 1), 1, 0)]);
    expect(where(db, first)).toBe('POLY/MONT MAILBAG');
    expect(nextPollAt(db)).toBe(feb(26, 8, 2));

    // Half an hour with nothing to move: silent, but the polls stay on their grid.
    expect(dispatch(db, { until: feb(26, 8, 31) }).lines).toEqual([]);
    expect(nextPollAt(db)).toBe(feb(26, 8, 32));
    const second = toDxa(db, 'POLY/NOV');
    expect(dispatch(db, { until: feb(26, 8, 32) }).lines).toEqual([pollLine(feb(26, 8, 32), 0, 1)]);
    expect(where(db, second)).toBe('POLYNOMIAL/HQ MAILBAG');

    // Check for mail every 10 minutes: the running service still polls every minute.
    expect(setPcMta(db, 'EXCH01', MTA, { pollMinutes: 10 }).restartNeeded).toBe(true);
    const third = fromDxa(db, 'POLY/NOV');
    expect(dispatch(db, { until: feb(26, 8, 33) }).lines).toEqual([pollLine(feb(26, 8, 33), 1, 0)]);
    expect(where(db, third)).toBe('POLY/NOV MAILBAG');
    const thirdAndAHalf = toDxa(db, 'POLY/MONT');
    expect(dispatch(db, { until: feb(26, 8, 34) }).lines).toEqual([pollLine(feb(26, 8, 34), 0, 1)]);
    expect(where(db, thirdAndAHalf)).toBe('POLYNOMIAL/HQ MAILBAG');

    // After a restart at 08:34 it polls at 08:44.
    controlService(db, 'EXCH01', MTA, 'restart');
    expect(pcMtas(db, 'EXCH01')[0]).toMatchObject({ runningPollMinutes: 10, restartNeeded: false, nextPollAt: new Date(feb(26, 8, 44)).toISOString() });
    const fourth = fromDxa(db, 'POLY/MONT');
    expect(dispatch(db, { until: feb(26, 8, 43) }).lines).toEqual([]);
    expect(where(db, fourth)).toBe('POLYNOMIAL/HQ OUTBOUND');
    expect(dispatch(db, { until: feb(26, 8, 44) }).lines).toEqual([pollLine(feb(26, 8, 44), 1, 0)]);

    // Stopped: no polls at all.
    controlService(db, 'EXCH01', MTA, 'stop');
    const fifth = fromDxa(db, 'POLY/MONT');
    expect(dispatch(db, { until: feb(26, 12) }).lines).toEqual([]);
    expect(where(db, fifth)).toBe('POLYNOMIAL/HQ OUTBOUND');
    expect(nextPollAt(db)).toBeNull();
    expect(now(db)).toBe(feb(26, 12));
  });

  it('keeps the grid over a long quiet stretch, and runs a poll that is overdue once, at the start', () => {
    const { db } = network();
    controlService(db, 'EXCH01', MTA, 'start'); // next poll 08:01
    setPcMta(db, 'EXCH01', MTA, { pollMinutes: 7 });
    controlService(db, 'EXCH01', MTA, 'restart'); // every 7 minutes from 08:07
    expect(dispatch(db, { until: feb(28, 8) }).lines).toEqual([]);
    // Saturday 08:07 + k·7 min: the first point after Monday 08:00 is k = 411, Monday 08:04.
    expect(nextPollAt(db)).toBe(feb(28, 8, 4));
    // The clock is moved past two polls without Dispatch: the overdue poll runs once when Dispatch starts.
    setNow(db, feb(28, 8, 30));
    const waiting = fromDxa(db, 'POLY/MONT');
    expect(dispatch(db, { until: feb(28, 8, 30) }).lines).toEqual([pollLine(feb(28, 8, 30), 1, 0)]);
    expect(where(db, waiting)).toBe('POLY/MONT MAILBAG');
    expect(nextPollAt(db)).toBe(feb(28, 8, 32));
  });

  it('polls whatever the MS Mail range: -d limits only MS Mail processes and External', () => {
    const { db } = network();
    startMta(db);
    const m = fromDxa(db, 'POLY/NOV');
    expect(dispatch(db, { range: 'O', until: feb(26, 8, 5) }).lines).toEqual([pollLine(feb(26, 8, 1), 1, 0)]);
    expect(where(db, m)).toBe('POLY/NOV MAILBAG');
  });

  it('carries mail to an MS Mail postoffice in time order with External: P1 → PC MTA before External has queued it', () => {
    const { db } = network();
    startMta(db);
    // POLY/NOV's T1 at 08:10 to a DSS named after the connector postoffice: its mail leaves by the PC MTA.
    registerRequestor(db, 'POLY/NOV', CONNECTOR, 'NOVPW');
    addMailbox(db, 'POLY/NOV', 'ANN', 'Ann Arbor');
    importProcessTimes(db, 'POLY/NOV', 'T1 Sat 08:10');
    const r = dispatch(db, { until: feb(26, 8, 20) });
    expect(r.lines).toEqual([
      'Sat Feb 26 08:10:00 1994  POLY/NOV  NSDA -RT  ReqTx R=1 (was 0), S=0, I=0 1 sent',
      pollLine(feb(26, 8, 11), 0, 2),
    ]);
    const events = pcmtaEvents(db);
    expect(events.map((e) => `${e.eventId} ${e.category} ${e.description.split('\n').slice(0, 3).join(' | ')}`)).toEqual([
      '4395 Moved Out Mail sent from \\\\FSNOV\\MAILDATA | FROM: POLY/NOV/$SYSTEM | TO: POLYNOMIAL/HQ/$SYSTEM',
      '4355 Received Mail received on \\\\EXCH01\\MAILDAT$ | FROM: POLY/NOV/$SYSTEM | TO: POLYNOMIAL/HQ/$SYSTEM',
      '4395 Moved Out Mail sent from \\\\FSNOV\\MAILDATA | FROM: POLY/NOV/$SYSTEM | TO: POLYNOMIAL/HQ/$SYSTEM',
      '4355 Received Mail received on \\\\EXCH01\\MAILDAT$ | FROM: POLY/NOV/$SYSTEM | TO: POLYNOMIAL/HQ/$SYSTEM',
    ]);
  });
});

describe('Exchange schedules under dispatch', () => {
  /**
   * Seed 003's manual procedure, on the schedules: EXCH01 is a dirsync requestor of the MS Mail
   * DSS POLY/MONT (T1 on its Schedule at Sat 09:00); MONT's T1 is at 09:15, its T2 at 09:30. The PC MTA carries
   * the ReqTx to MONT (Sent / Moved In) and the SrvTx back (Moved Out / Received), and the DXA
   * applies it at once: MONT's mailboxes become custom recipients on EXCH01.
   */
  it('runs the requestor T1 at the top of its hour, and the PC MTA carries both ways', () => {
    const { db } = network();
    addMailbox(db, 'POLY/MONT', 'PAUL', 'Paul Allen');
    setDirsyncServer(db, 'POLY/MONT', true);
    createServerRequestor(db, 'POLY/MONT', CONNECTOR, 'HQPW');
    importProcessTimes(db, 'POLY/MONT', 'T1 Sat 09:15\nT2 Sat 09:30');
    saveDirsyncRequestor(db, 'EXCH01', 'POLY/MONT', { password: 'HQPW', schedule: 'Sat:9' });
    startMta(db);
    const r = dispatch(db, { until: feb(26, 10) });
    const at = (h: number, m: number) => ctime(feb(26, h, m));
    expect(r.lines[0]).toMatch(new RegExp(`^${at(9, 0)}  EXCH01  MSExchangeDX  ReqTx R=\\d+ \\(was 0\\), S=0, I=0 \\d+ sent$`));
    expect(r.lines[1]).toBe(pollLine(feb(26, 9, 1), 2, 0));
    // MONT, the DSS, is a requestor of itself: its T1 brings its own list to the master lists.
    expect(r.lines[2]).toMatch(new RegExp(`^${at(9, 15)}  POLY/MONT  NSDA -RT  ReqTx R=1 `));
    expect(r.lines[3]).toMatch(new RegExp(`^${at(9, 30)}  POLY/MONT  NSDA -S  SrvTx `));
    expect(r.lines[4]).toBe(pollLine(feb(26, 9, 31), 0, 1));
    expect(r.lines[5]).toMatch(new RegExp(`^${at(9, 31)}  EXCH01  MSExchangeDX  Import Container Recipients: 1 created`));
    expect(r.lines).toHaveLength(6);
    expect(stmt(db, "select last_run_at as t from dirsync_link where kind = 'requestor'").get()).toEqual({ t: feb(26, 9) });
    expect(stmt(db, "select display_name as name from recipient where kind = 'custom' and not hidden").all()).toEqual([{ name: 'Paul Allen' }]);
    const seen = pcmtaEvents(db).map((e) => `${e.eventId} ${e.category} ${e.description.split('\n').slice(1, 3).join(' ')}`);
    expect(seen).toContain('4395 Sent FROM: POLYNOMIAL/HQ/SYSTEM1 TO: POLY/MONT/$SYSTEM');
    expect(seen).toContain('4355 Moved In FROM: POLYNOMIAL/HQ/SYSTEM1 TO: POLY/MONT/$SYSTEM');
    expect(seen).toContain('4395 Moved Out FROM: POLY/MONT/$SYSTEM TO: POLYNOMIAL/HQ/SYSTEM1');
    expect(seen).toContain('4355 Received FROM: POLY/MONT/$SYSTEM TO: POLYNOMIAL/HQ/SYSTEM1');
  });

  it('runs the dirsync server T2 on its hours, counts it for --cycles, and not while MSExchangeDX is stopped', () => {
    const { db } = network();
    saveDirsyncServer(db, 'EXCH01', { schedule: 'Sat:10,Sat:12' });
    const r = dispatch(db, { range: 'N', cycles: 1 }); // the MS Mail range has no T2: the Exchange one counts
    expect(r.ranT2).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^Sat Feb 26 10:00:00 1994 {2}EXCH01 {2}MSExchangeDX {2}T2 complete: server sync \d+, 0 replies$/)]);
    expect(now(db)).toBe(feb(26, 10));
    expect(stmt(db, 'select last_run_at as t from dirsync_server').get()).toEqual({ t: feb(26, 10) });
    controlService(db, 'EXCH01', 'MSExchangeDX', 'stop');
    expect(dispatch(db, { until: feb(26, 13) }).lines).toEqual([]);
    expect(() => dispatch(db, { cycles: 1 })).toThrow(/nothing is scheduled to complete a cycle/);
    // Started again at 13:00: the 12:00 it missed while stopped does not run; next Saturday's 10:00 does.
    controlService(db, 'EXCH01', 'MSExchangeDX', 'start');
    const next = dispatch(db, { cycles: 1 });
    expect(next.lines).toEqual([expect.stringMatching(/^Sat Mar 05 10:00:00 1994 {2}EXCH01 {2}MSExchangeDX {2}T2 complete/)]);
  });

  it('runs a selected hour the clock jumped past once, at the start, standing for the latest such hour', () => {
    const { db } = network();
    saveDirsyncServer(db, 'EXCH01', { schedule: 'always' });
    expect(dispatch(db, {}).lines).toEqual([expect.stringMatching(/^Sat Feb 26 09:00:00 1994 {2}EXCH01 {2}MSExchangeDX /)]);
    setNow(db, feb(26, 14, 30));
    expect(dispatch(db, {}).lines).toEqual([expect.stringMatching(/^Sat Feb 26 14:30:00 1994 {2}EXCH01 {2}MSExchangeDX /)]);
    expect(stmt(db, 'select last_run_at as t from dirsync_server').get()).toEqual({ t: feb(26, 14) });
    expect(dispatch(db, {}).lines).toEqual([expect.stringMatching(/^Sat Feb 26 15:00:00 1994 {2}EXCH01 {2}MSExchangeDX /)]);
    // Never: nothing due, so a dispatch with neither --until nor --cycles does nothing.
    saveDirsyncServer(db, 'EXCH01', { schedule: 'never' });
    expect(dispatch(db, {})).toEqual({ lines: [], ranT2: 0 });
    expect(now(db)).toBe(feb(26, 15));
  });
});

describe('the sample networks under dispatch: MS Mail processes, External, PC MTA polls and Exchange schedules in one time order', () => {
  const open = (which: 'msmail-dss' | 'exchange-dss') => {
    const db = openDatabase(tempDbFile(`sample-${which}`));
    opened.push(db);
    loadSampleNetwork(db, which);
    return db;
  };
  const gal = (db: Db) => (stmt(db, "select name, gal_count as n from postoffice where kind = 'msmail' order by name").all() as { name: string; n: number }[]).map((r) => `${r.name} ${r.n}`);

  it('EXCH01 as a requestor of MONTGOMERY: T1 at 13:00, the PC MTA every 5 minutes, the reply applied at once', () => {
    const db = open('msmail-dss');
    const first = dispatch(db, { cycles: 1 });
    expect(first.ranT2).toBe(1);
    expect(first.lines[0]).toMatch(/^Sat Feb 26 13:00:00 1994 {2}EXCH01 {2}MSExchangeDX {2}ReqTx R=\d+ \(was 0\), S=0, I=0 \d+ sent$/);
    expect(first.lines.slice(1, 3)).toEqual([
      pollLine(feb(26, 13, 5), 2, 0), // the status report and the update, at the next poll of a 5-minute MTA
      'Sat Feb 26 13:45:00 1994  POLYNOMIAL/MONTGOMERY  NSDA -RT  ReqTx R=12 (was 0), S=0, I=0 12 sent',
    ]);
    expect(first.lines[first.lines.length - 1]).toMatch(/^Sat Feb 26 14:15:00 1994 {2}POLYNOMIAL\/MONTGOMERY {2}NSDA -S {2}SrvTx /);
    const rest = dispatch(db, { until: feb(26, 15) });
    // External queues MONTGOMERY's three replies; the one for the connector leaves by the PC MTA.
    expect(rest.lines.slice(0, 3)).toEqual([
      'Sat Feb 26 14:20:00 1994  all postoffices  EXTERNAL -0  0 delivered, 3 queued',
      pollLine(feb(26, 14, 20), 0, 1),
      'Sat Feb 26 14:20:00 1994  EXCH01  MSExchangeDX  Import Container Recipients: 36 created, 0 changed, 0 deleted',
    ]);
    // The 36 MS Mail names and EXCH01's 6 exported recipients (Board Room's trust is above 50).
    expect(gal(db)).toEqual(['MONTGOMERY 42', 'NOVEMBER 42', 'OCTOBER 42']);
  });

  it('EXCH01 as the dirsync server: its T2 at 14:00 counts for --cycles', () => {
    const db = open('exchange-dss');
    const first = dispatch(db, { cycles: 1 });
    expect(first.ranT2).toBe(1);
    expect(first.lines.slice(3)).toEqual([
      'Sat Feb 26 13:50:00 1994  all postoffices  EXTERNAL -0  0 delivered, 6 queued',
      pollLine(feb(26, 13, 50), 0, 6),
      expect.stringMatching(/^Sat Feb 26 14:00:00 1994 {2}EXCH01 {2}MSExchangeDX {2}T2 complete: server sync \d+, 3 replies$/),
    ]);
    expect(now(db)).toBe(feb(26, 14));
    const rest = dispatch(db, { until: feb(26, 15) });
    expect(rest.lines[0]).toBe(pollLine(feb(26, 14, 5), 3, 0));
    expect(gal(db)).toEqual(['MONTGOMERY 42', 'NOVEMBER 42', 'OCTOBER 42']);
  });
});
