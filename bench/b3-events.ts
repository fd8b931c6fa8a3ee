/**
 * B3 (docs/benchmarks.md): an Application log of 1,000,000 events on one database file;
 * the first page (100) of (a) a filter on event ID + source + date range and (b) a description
 * search, each run many times with varying parameters through `queryEvents` and through the same
 * query as raw SQL (one prepared statement on the same connection), in alternation.
 *
 * Run by bench/run.ts as a child process: `node --import tsx bench/b3-events.ts '<task JSON>'`
 * with { out, file, events, runs }; writes its figures as JSON to `out`. Progress goes to stderr.
 * Standalone: `npx tsx bench/b3-events.ts '{"out":"/tmp/b3.json","file":"/tmp/b3.db","events":100000,"runs":50}'`.
 */
import fs from 'node:fs';
import { openDatabase, type Db } from '@/db/client';
import { CLOCK_START, setNow } from '@/lib/core/clock';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { eventQueryPlan, queryEvents, type EventFilter, type EventRow } from '@/lib/exchange/events/query-events';
import { MAX_LOG_KB } from '@/lib/exchange/events/event-log-settings';
import { seededRandom } from '../test/fixtures/crash-worker';

export interface B3Task {
  out: string;
  file: string;
  events: number;
  runs: number;
  /** Measure on the log already in `file` (built by an earlier run with the same `events`); for trying things. */
  reuse?: boolean;
  /** Rows per INSERT while building (default BATCH). */
  batch?: number;
}

export interface B3Sample {
  /** queryEvents, ms. */
  lib: number;
  /** The same query as one raw prepared statement, ms. */
  raw: number;
  rows: number;
  /** What was asked (for the details in results.json). */
  label: string;
}

export interface B3Result {
  events: number;
  buildMs: number;
  buildCpuMs: number;
  fileBytes: number;
  filter: B3Sample[];
  find: B3Sample[];
  plans: Record<string, string[]>;
  peakRssMiB: number;
}

const log = (text: string) => process.stderr.write(`    ${text}\n`);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const COMPUTER = 'EXCH01';
const SERVER_PO = 'POLYNOMIA/HQ';
const PC_MTAS = ['Microsoft PC MTA', 'PC MTA - EAST', 'PC MTA - WEST'];
const POS = 50;
const USERS = 2000;
const two = (n: number) => String(n).padStart(2, '0');
const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
const po = (p: number) => `PO${two(p + 1)}`;
const user = (u: number) => `USER${String(u + 1).padStart(4, '0')}`;

/** An event as generated: the log's row without its id and computer. */
type Row = Omit<EventRow, 'id' | 'computer'>;

/**
 * The kinds of events a connector server logs at Maximum, in proportions a busy dirsync network
 * might show: mostly PC MTA 4395/4355 (the manual dirsync procedure; docs/exchange.md), MS Mail Connector
 * Interchange traffic, some NDRs and errors, and the DXA's own events.
 */
function makeEvent(r: () => number, at: number, seq: number): Row {
  const d = new Date(at);
  const date = `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  const p = Math.floor(r() * POS);
  const msgId = hex8(Math.imul(seq + 1, 2654435761));
  const size = 300 + Math.floor(r() * 30000);
  const dirsync = r() < 0.4;
  const exchangeSide = dirsync ? `${SERVER_PO}/SYSTEM1` : `${SERVER_PO}/${user(Math.floor(r() * USERS))}`;
  const msSide = dirsync ? `POLY/${po(p)}/$SYSTEM` : `POLY/${po(p)}/${user(Math.floor(r() * USERS))}`;
  const body = (head: string, from: string, to: string) =>
    `${head}\r\nDate: ${date}\r\nTime: ${time}\r\nMessage ID: ${msgId}\r\nSize: ${size}\r\nFROM: ${from}\r\nTO: ${to}`;
  const x = r();
  if (x < 0.65) {
    const source = PC_MTAS[x < 0.3 ? 0 : x < 0.5 ? 1 : 2];
    const y = r();
    if (y < 0.004) {
      return { at, source, type: 'Error', category: 'Session', eventId: 4188, user: 'N/A', description: `The postoffice POLY/${po(p)} on \\\\FS${two(p + 1)}\\MAILDATA and the postoffice POLY/${po((p + 1) % POS)} on \\\\FS${two(((p + 1) % POS) + 1)}\\MAILDATA have the same postoffice serial number [22-28798]. Make sure you do not have two drives pointing to the same postoffice.` };
    }
    if (y < 0.25) return { at, source, type: 'Information', category: 'Sent', eventId: 4395, user: 'N/A', description: body(`Mail sent from \\\\${COMPUTER}\\MAILDAT$`, exchangeSide, msSide) };
    if (y < 0.5) return { at, source, type: 'Information', category: 'Moved Out', eventId: 4395, user: 'N/A', description: body(`Mail sent from \\\\FS${two(p + 1)}\\MAILDATA`, msSide, exchangeSide) };
    if (y < 0.75) return { at, source, type: 'Information', category: 'Moved In', eventId: 4355, user: 'N/A', description: body(`Mail received on \\\\FS${two(p + 1)}\\MAILDATA`, exchangeSide, msSide) };
    return { at, source, type: 'Information', category: 'Received', eventId: 4355, user: 'N/A', description: body(`Mail received on \\\\${COMPUTER}\\MAILDAT$`, msSide, exchangeSide) };
  }
  if (x < 0.9) {
    const y = r();
    if (y < 0.45) return { at, source: 'MSExchangeMSMI', type: 'Information', category: 'Sent', eventId: 2448, user: 'N/A', description: `Message ID <C=US;A= ;P=POLYNOMIA;L=${msgId}> received from Exchange\r\nMessage ID <${msgId}> created in MS Mail\r\nFrom: ${exchangeSide}\r\nTo: ${msSide}` };
    if (y < 0.85) return { at, source: 'MSExchangeMSMI', type: 'Information', category: 'Routing', eventId: 2444, user: 'N/A', description: `Message ID <${msgId}> processed from INQUEUE\r\nFrom: ${msSide}\r\nTo: ${exchangeSide}` };
    if (y < 0.95) return { at, source: 'MSExchangeMSMI', type: 'Warning', category: 'NDR', eventId: 2117, user: 'N/A', description: `Non delivery report generated.\r\nFrom: ${msSide}\r\nSubject: Status report ${msgId}\r\n[008] Failure delivering user mail due to mailbag contention.` };
    if (y < 0.99) return { at, source: 'MSExchangeMSMI', type: 'Information', category: 'Debug Data', eventId: 10000, user: 'N/A', description: `Recipient is MS:${msSide}` };
    return { at, source: 'MSExchangeMSMI', type: 'Error', category: 'Session Error', eventId: 2335, user: 'N/A', description: 'MS Mail Connector Interchange has failed in om_read(). Return code is 0x15.' };
  }
  const y = r();
  if (y < 0.5) return { at, source: 'MSExchangeDX', type: 'Error', category: 'Event Handler', eventId: 134, user: 'N/A', description: `Error MH_RC_SESSION_BUSY returned by the MTA. (Thread ${100 + Math.floor(r() * 900)}).` };
  if (y < 0.8) return { at, source: 'MSExchangeDX', type: 'Warning', category: 'Event Handler', eventId: 136, user: 'N/A', description: `Message received from unknown DirSync requestor - X400:/ddat=ms /ddav="POLY/${po(p)}/$SYSTEM".` };
  if (y < 0.95) return { at, source: 'MSExchangeDX', type: 'Error', category: 'MS Mail 3.2', eventId: 247, user: 'N/A', description: `The e-mail address of the following transaction is not a valid format. The transaction is A ${user(Math.floor(r() * USERS))} / F (POLY) X400:/C=US/A=400NET/P=POLY/O=${po(p)} (Thread 0) The custom recipient (CR) has not been created on the Exchange Server.` };
  return { at, source: 'MSExchangeDX', type: 'Information', category: 'Startup', eventId: 1000, user: 'N/A', description: 'The Microsoft Exchange Directory Synchronization service started successfully.' };
}

/** Rows per INSERT statement while building the log (see `build`). */
const BATCH = 2000;

/**
 * The log: `events` rows in one transaction through one prepared multi-row INSERT (`json_each`
 * of BATCH rows), the FTS triggers indexing them as they go. One row per statement would be ~4×
 * slower: FTS5 writes its pending index data out as a new segment at every statement's savepoint,
 * so a million single-row inserts make a million tiny segments to merge.
 */
function build(db: Db, events: number, batch = BATCH): { lastAt: number } {
  createExchangeServer(db, { organization: 'POLYNOMIAL', site: 'HQ', server: COMPUTER, version: '5.5 SP3' });
  const r = seededRandom(20260301);
  const insert = db.$client.prepare(
    `insert into event (computer, at, source, type, category, event_id, user, description, bytes)
     select '${COMPUTER}', j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, 'N/A', j.value ->> 5, j.value ->> 6 from json_each(?) j`,
  );
  let at = CLOCK_START;
  db.$client.transaction(() => {
    let rows: unknown[][] = [];
    for (let k = 0; k < events; k++) {
      // Bursts: an MTA poll moves several messages in the same second, then a quiet gap (mean ~8 s).
      if (r() < 0.35) at += 1000 * Math.floor(1 + r() * 45);
      const e = makeEvent(r, at, k);
      const bytes = 96 + Buffer.byteLength(e.description) + e.source.length + e.category.length;
      rows.push([e.at, e.source, e.type, e.category, e.eventId, e.description, bytes]);
      if (rows.length === batch || k === events - 1) {
        insert.run(JSON.stringify(rows));
        rows = [];
      }
      if (k % 200_000 === 199_999) log(`${(k + 1).toLocaleString('en')} events`);
    }
    db.$client.prepare('update event_log_settings set max_kb = ? where computer = ?').run(MAX_LOG_KB, COMPUTER);
    setNow(db, at);
  })();
  return { lastAt: at };
}

const COLUMNS = 'e.id, e.computer, e.at, e.source, e.type, e.category, e.event_id as eventId, e.user, e.description';

function fileSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}

function same(a: EventRow[], b: EventRow[], what: string): void {
  if (a.length !== b.length || a.some((e, k) => e.id !== b[k].id)) {
    throw new Error(`B3: queryEvents and the raw SQL disagree for ${what}: ${a.length} vs ${b.length} rows`);
  }
}

/** Time `lib` and `raw` on the same parameters, in alternating order; check they return the same page. */
function measure(label: string, lib: () => EventRow[], raw: () => EventRow[], k: number): B3Sample {
  let libRows: EventRow[] = [];
  let rawRows: EventRow[] = [];
  let libMs = 0;
  let rawMs = 0;
  const runLib = () => {
    const t0 = performance.now();
    libRows = lib();
    libMs = performance.now() - t0;
  };
  const runRaw = () => {
    const t0 = performance.now();
    rawRows = raw();
    rawMs = performance.now() - t0;
  };
  if (k % 2) runLib(), runRaw();
  else runRaw(), runLib();
  same(libRows, rawRows, label);
  return { lib: libMs, raw: rawMs, rows: libRows.length, label };
}

function run(t: B3Task): B3Result {
  const reuse = t.reuse && fs.existsSync(t.file);
  if (!reuse) for (const f of [t.file, `${t.file}-wal`, `${t.file}-shm`]) fs.rmSync(f, { force: true });
  const db = openDatabase(t.file);
  let buildMs = 0;
  let buildCpuMs = 0;
  let lastAt: number;
  if (reuse) {
    lastAt = db.$client.prepare('select max(at) from event').pluck().get() as number;
    log(`measuring the log already in ${t.file}`);
  } else {
    log(`building a log of ${t.events.toLocaleString('en')} events`);
    const c0 = cpuMs();
    const t0 = performance.now();
    ({ lastAt } = build(db, t.events, t.batch));
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    buildMs = performance.now() - t0;
    buildCpuMs = cpuMs() - c0;
    log(`built in ${(buildMs / 1000).toFixed(1)} s (CPU ${(buildCpuMs / 1000).toFixed(1)} s), file ${(fileSize(t.file) / 2 ** 20).toFixed(0)} MiB`);
  }

  const r = seededRandom(7);
  const span = lastAt - CLOCK_START;
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const idSources: [number, string][] = [
    [4395, PC_MTAS[0]],
    [4395, PC_MTAS[1]],
    [4395, PC_MTAS[2]],
    [4355, PC_MTAS[0]],
    [4355, PC_MTAS[1]],
    [4355, PC_MTAS[2]],
    [2117, 'MSExchangeMSMI'],
    [2444, 'MSExchangeMSMI'],
    [134, 'MSExchangeDX'],
    [4188, PC_MTAS[0]],
  ];
  // (a) Event ID + source + View From/Through. The raw SQL is the statement for it, with the index
  // queryEvents names (left to itself the planner takes event_newest and is slower).
  const rawFilter = db.$client.prepare(
    `select ${COLUMNS} from event e indexed by event_by_id where e.computer = ? and e.event_id = ? and e.source = ? and e.at >= ? and e.at <= ? order by e.at desc, e.id desc limit 100`,
  );
  const filterCase = (k: number) => {
    const [eventId, source] = idSources[k % idSources.length];
    const length = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY][Math.floor(r() * 5)];
    const since = CLOCK_START + Math.floor(r() * Math.max(1, span - length));
    const until = since + length;
    const f: EventFilter = { computer: COMPUTER, eventId, source, since, until, limit: 100 };
    return { f, raw: () => rawFilter.all(COMPUTER, eventId, source, since, until) as EventRow[], label: `${eventId} ${source} ${Math.round(length / HOUR)}h` };
  };
  // (b) Find: message IDs (one match), a mailbox (a few), a file server or postoffice (~1 %),
  // an error text (~2-5 %). The raw SQL is the FTS statement queryEvents builds for the text (its
  // rarest trigrams ANDed, then like), run directly: candidates newest record first, a page of
  // them, sorted by time — the hand-written query for a log whose times follow its record numbers.
  // It is prepared before the clock starts; queryEvents' planning (trigram sample lookup, min/max
  // id) and its proof that the page is in time order are inside its figure.
  const rawStatements = new Map<string, ReturnType<Db['$client']['prepare']>>();
  const rawFindFor = (f: EventFilter) => {
    const [q] = eventQueryPlan(db, f);
    const sql = `select * from (${q.sql}) order by at desc, id desc`;
    let st = rawStatements.get(sql);
    if (!st) rawStatements.set(sql, (st = db.$client.prepare(sql)));
    return () => st!.all(q.params) as EventRow[];
  };
  const terms = (k: number): string => {
    const p = Math.floor(r() * POS);
    switch (k % 6) {
      case 0:
        return hex8(Math.imul(Math.floor(r() * t.events) + 1, 2654435761));
      case 1:
        return `POLY/${po(p)}/${user(Math.floor(r() * USERS))}`;
      case 2:
        return `\\\\FS${two(p + 1)}\\MAILDATA`;
      case 3:
        return `POLY/${po(p)}/$SYSTEM`;
      case 4:
        return ['MH_RC_SESSION_BUSY', 'mailbag contention', 'unknown DirSync requestor', 'om_read', 'MAILDATA', 'Non delivery'][Math.floor(r() * 6)];
      default:
        return user(Math.floor(r() * USERS));
    }
  };
  const findCase = (k: number) => {
    const text = terms(k);
    const f: EventFilter = { computer: COMPUTER, find: text, limit: 100 };
    return { f, raw: rawFindFor(f), label: text };
  };

  const plans: Record<string, string[]> = {};
  plans[`raw filter: ${rawFilter.source}`] = (db.$client.prepare(`explain query plan ${rawFilter.source}`).all(COMPUTER, 4395, PC_MTAS[0], 0, 1) as { detail: string }[]).map((x) => x.detail);
  for (const p of eventQueryPlan(db, filterCase(0).f)) plans[`queryEvents filter: ${p.sql}`] = p.plan;
  for (const p of eventQueryPlan(db, { computer: COMPUTER, find: 'MAILDATA' })) plans[`queryEvents find (${String(p.params.q)}): ${p.sql}`] = p.plan;

  const warm = t.runs === 0 ? 0 : Math.max(10, Math.floor(t.runs / 10)); // runs 0: build only
  const filter: B3Sample[] = [];
  const find: B3Sample[] = [];
  log(`(a) filter: ${warm} warm-up + ${t.runs} runs; (b) find: the same`);
  for (let k = 0; k < warm + t.runs; k++) {
    const a = filterCase(k);
    const sa = measure(a.label, () => queryEvents(db, a.f).events, a.raw, k);
    const b = findCase(k);
    const sb = measure(b.label, () => queryEvents(db, b.f).events, b.raw, k);
    if (k >= warm) filter.push(sa), find.push(sb);
  }
  const result: B3Result = {
    events: t.events,
    buildMs,
    buildCpuMs,
    fileBytes: fileSize(t.file),
    filter,
    find,
    plans,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  db.$client.close();
  return result;
}

if (process.argv[2]) {
  const task = JSON.parse(process.argv[2]) as B3Task;
  fs.writeFileSync(task.out, JSON.stringify(run(task)));
}
