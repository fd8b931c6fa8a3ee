import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/core/errors';
import { externalPass } from '@/lib/dirsync/external-pass';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { poKey } from '@/lib/dirsync/names';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { reqconfOf, type StepResult } from '@/lib/dirsync/reqconf';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { srvmainReceive } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { srvconfOf } from '@/lib/dirsync/dss';
import { stmt } from '@/lib/core/statements';
import { controlService } from '@/lib/exchange/services/control-service';
import { LOGGING_SERVICES } from '@/lib/exchange/services/diagnostics-categories';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import { readAtStart, resolveService } from '@/lib/exchange/services/services';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { levelName, loggingLevels } from '@/lib/exchange/services/logging-levels';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { requestorTarget } from '@/lib/resync/wizard-targets';
import { galNames } from './cycle';
import { cycleNetwork, resolveDss, type CycleNetwork } from './cycle-network';

/**
 * Document 003 (manual dirsync with Exchange as a requestor, ../shared/seeds/003_*) as steps, built
 * from the network of one DSS as it is when the wizard starts (docs/console.md, "Manual Dirsync
 * Wizard"):
 *   Preparations — PauseKicksDX on an Exchange 4.0 requestor; MSExchangePCMTA logging to Maximum on
 *   each Exchange server that carries the mail (events 4395/4355 are written only at Maximum).
 *   T1 — reqmain -t on every MS Mail requestor (the DSS first); pause MSExchangeDX on every
 *   Exchange requestor (Error 2140 expected: it starts the DXA's T1).
 *   The passes — two External passes and one pass of each PC MTA; then verify: every update is in
 *   the DSS's SYSTEM mailbag, and 4395/4355 for each message the PC MTA carried.
 *   T2 — srvmain -r and srvmain -t on an MS Mail DSS (pause MSExchangeDX on an Exchange DSS); one
 *   SrvTx per requestor, its count against the preview taken when the wizard started.
 *   The passes back — the same, then verify: every reply in its requestor's mailbag (an Exchange
 *   requestor applies it at once: its Import Container against the preview).
 *   T3 — reqmain -r, import -q -y, rebuild -f on every MS Mail requestor; the GAL count against the preview.
 *   Finally — the logging levels set back to what they were.
 */
export type ManualStepCode =
  | 'pauseKicks'
  | 'loggingMax'
  | 't1'
  | 'pauseDx'
  | 'external'
  | 'pcmta'
  | 'verifyToDss'
  | 't2Receive'
  | 't2Transmit'
  | 't2Exchange'
  | 'verifyToRequestors'
  | 't3Receive'
  | 't3Import'
  | 't3Rebuild'
  | 'loggingBack';

export interface ManualStepPlan {
  code: ManualStepCode;
  target: string;
  /** The phase a step belongs to (the checklist's headings). */
  phase: ManualPhase;
}

export type ManualPhase = 'prepare' | 't1' | 'toDss' | 't2' | 'toRequestors' | 't3' | 'finish';
export const PHASE_TITLES: Record<ManualPhase, string> = {
  prepare: 'I. Preparations',
  t1: 'T1 on every requestor',
  toDss: 'The passes to the dirsync server',
  t2: 'T2 on the dirsync server',
  toRequestors: 'The passes back to the requestors',
  t3: 'T3 on every requestor',
  finish: 'Afterwards',
};

/** What each requestor's cycle should come to, from the preview taken when the first step ran. */
export interface Expected {
  [requestor: string]: { sent: number | null; reply: number | null; galAfter: number };
}

export interface ManualContext {
  wizardId: number;
  dss: string;
  net: CycleNetwork;
  expected: Expected | null;
  /**
   * A step failed after the preview was taken, and the network was fixed before going on: the
   * counts are shown against the preview but not held to it (it was made for the network before the fix).
   */
  expectedStale: boolean;
  /** Params stored by earlier steps of this run (by code, then target). */
  params: (code: ManualStepCode, target?: string) => Record<string, unknown>[];
}

export interface ManualStepRun {
  lines: string[];
  error?: { number?: number; text: string };
  /** Kept with the step for the checks that follow (and the set-back step). */
  params?: Record<string, unknown>;
}

export interface ManualCheck {
  ok: boolean;
  lines: string[];
  /** Why it is red and what to do, when it is. */
  meaning?: string;
  fix?: string;
  /** Run again from this step (e.g. the first pass after a connection was fixed). */
  rerunFrom?: ManualStepCode;
}

export interface ManualStepKind {
  title: (ctx: ManualContext, target: string) => string;
  does: (ctx: ManualContext, target: string) => string;
  cli: (ctx: ManualContext, target: string) => string;
  run: (db: Db, ctx: ManualContext, target: string) => ManualStepRun;
  check: (db: Db, ctx: ManualContext, target: string, run: ManualStepRun) => ManualCheck;
}

/** The steps for a DSS's network, in order. */
export function planManualSteps(db: Db, net: CycleNetwork): ManualStepPlan[] {
  const out: ManualStepPlan[] = [];
  const add = (phase: ManualPhase, code: ManualStepCode, target: string) => out.push({ phase, code, target });
  for (const x of net.exchange) {
    const server = resolveServer(db, x);
    const dx = resolveService(db, server, 'MSExchangeDX');
    if (server.version === '4.0' && readAtStart(dx, 'PauseKicksDX') !== '1') add('prepare', 'pauseKicks', x);
  }
  const mtaServers = [...new Set(net.mtas.map((m) => m.server))];
  for (const s of mtaServers) add('prepare', 'loggingMax', s);
  for (const m of net.msmail) add('t1', 't1', m);
  for (const x of net.exchange) add('t1', 'pauseDx', x);
  const passes = (phase: ManualPhase) => {
    add(phase, 'external', '1');
    add(phase, 'external', '2');
    for (const m of net.mtas) add(phase, 'pcmta', `${m.server}|${m.service}`);
  };
  passes('toDss');
  add('toDss', 'verifyToDss', net.dss.key);
  if (net.dss.kind === 'msmail') {
    add('t2', 't2Receive', net.dss.key);
    add('t2', 't2Transmit', net.dss.key);
  } else add('t2', 't2Exchange', net.dss.key);
  passes('toRequestors');
  add('toRequestors', 'verifyToRequestors', net.dss.key);
  for (const m of net.msmail) {
    add('t3', 't3Receive', m);
    add('t3', 't3Import', m);
    add('t3', 't3Rebuild', m);
  }
  for (const s of mtaServers) add('finish', 'loggingBack', s);
  return out;
}

const fromResult = (r: StepResult): ManualStepRun => ({ lines: r.lines, error: r.fatal ? { number: r.fatal.number, text: r.fatal.text } : undefined });
const splitMta = (target: string) => {
  const [server, service] = target.split('|');
  return { server, service };
};
const dssKeyOf = (ctx: ManualContext) => poKey(ctx.net.dss.po);

interface Msg {
  id: number;
  kind: string;
  subject: string;
  place: string;
  holder: string;
  holderKind: string;
  messageId: string;
  n: number;
  dest: string;
}
const msgColumns = `m.id, m.kind, m.subject, m.place, p.network || '/' || p.name as holder, p.kind as holderKind, m.message_id as messageId, m.n, m.dest
  from message m join postoffice p on p.id = m.holder_po_id`;
const maxMessage = (db: Db) => (stmt(db, 'select coalesce(max(id), 0) as id from message').get() as { id: number }).id;
const maxEvent = (db: Db) => (stmt(db, 'select coalesce(max(id), 0) as id from event').get() as { id: number }).id;
const messagesSince = (db: Db, after: number, kind: string) => stmt(db, `select ${msgColumns} where m.id > ? and m.kind = ? order by m.id`).all(after, kind) as Msg[];
const messageById = (db: Db, id: number) => stmt(db, `select ${msgColumns} where m.id = ?`).get(id) as Msg | undefined;
const whereIs = (m: Msg) => `${m.holder}'s ${m.place === 'P1' ? 'P1 directory' : m.place === 'OUTBOUND' ? 'outbound queue' : m.place === 'MAILBAG' ? 'SYSTEM mailbag' : 'inbox'}`;

/** The 4395 and 4355 events a PC MTA wrote for one message (by its Message ID) since an event id. */
function eventsFor(db: Db, after: number, messageId: string): { eventId: number; category: string; source: string; computer: string; first: string }[] {
  return (
    stmt(db, "select event_id as eventId, category, source, computer, description from event where id > ? and event_id in (4395, 4355) and description like ? order by id").all(
      after,
      `%Message ID: ${messageId}%`,
    ) as { eventId: number; category: string; source: string; computer: string; description: string }[]
  ).map((e) => ({ ...e, first: e.description.split('\n').slice(0, 3).join(' · ') }));
}

/** The MSExchangePCMTA level in force on a server (the lowest over its categories). */
function pcmtaLevel(db: Db, server: string): { set: number; effective: number } {
  const rows = loggingLevels(db, server, 'MSExchangePCMTA').rows;
  return { set: Math.min(...rows.map((r) => r.level)), effective: Math.min(...rows.map((r) => r.effectiveLevel)) };
}

/** Restart the running PC MTA instances of a server so a changed logging level takes effect (4.0–5.5). */
function restartRunningMtas(db: Db, server: string, services: string[], lines: string[]): void {
  const s = resolveServer(db, server);
  for (const name of services) {
    const svc = resolveService(db, s, name);
    // A stopped instance reads the level when it is started; starting it is not this step's business.
    if (svc.state !== 'Running') {
      lines.push(`${name} is ${svc.state.toLowerCase()}: it reads the level when it is started`);
      continue;
    }
    lines.push(...controlService(db, server, name, 'restart').lines.map((l) => `${name}: ${l}`));
  }
}

/** A message carried between the connector postoffice and an MS Mail postoffice needs a 4395 and a 4355. */
function eventLines(db: Db, ctx: ManualContext, after: number, m: { messageId: string; label: string }, out: string[]): boolean {
  const ev = eventsFor(db, after, m.messageId);
  const sent = ev.find((e) => e.eventId === 4395);
  const received = ev.find((e) => e.eventId === 4355);
  if (sent && received) {
    out.push(`${m.label}: Event 4395 ${sent.category} (${sent.first})`, `${m.label}: Event 4355 ${received.category} (${received.first})`);
    return true;
  }
  out.push(`${m.label}: no ${!sent && !received ? 'events 4395 and 4355' : !sent ? 'event 4395' : 'event 4355'} in the Application log for Message ID ${m.messageId}`);
  return false;
}

function loggingAdvice(db: Db, ctx: ManualContext): string {
  const low = [...new Set(ctx.net.mtas.map((m) => m.server))].filter((s) => pcmtaLevel(db, s).effective < 5);
  return low.length
    ? ` The MSExchangePCMTA logging level in force on ${low.join(', ')} is ${low.map((s) => levelName(pcmtaLevel(db, s).effective)).join(', ')}: the PC MTA writes 4395 and 4355 only at Maximum. Set it to Maximum (the Preparations step; on 4.0–5.5 the PC MTA must restart to read it), then run the passes again.`
    : '';
}

const requestorKeys = (ctx: ManualContext) => [...ctx.net.msmail, ...ctx.net.exchange];

/** The updates this run's T1 steps queued, by requestor. */
function updatesOf(ctx: ManualContext): { requestor: string; id: number; messageId: string; viaConnector: boolean }[] {
  return [...ctx.params('t1'), ...ctx.params('pauseDx')]
    .filter((p) => typeof p.updateId === 'number')
    .map((p) => ({ requestor: p.requestor as string, id: p.updateId as number, messageId: p.messageId as string, viaConnector: !!p.viaConnector }));
}

/** The replies this run's T2 queued, by requestor. */
function repliesOf(ctx: ManualContext): { requestor: string; id: number; messageId: string; subject: string; n: number; viaConnector: boolean }[] {
  const p = ctx.params(ctx.net.dss.kind === 'msmail' ? 't2Transmit' : 't2Exchange')[0];
  return ((p?.replies as { requestor: string; id: number; messageId: string; subject: string; n: number; viaConnector: boolean }[] | undefined) ?? []).slice();
}

/** Does a message between these two postoffices cross the Exchange connector (the PC MTA carries it)? */
const crossesConnector = (db: Db, from: string, to: string) =>
  [from, to].some((k) => (stmt(db, "select 1 from postoffice where network || '/' || name = ? and kind = 'connector'").get(k) as unknown) !== undefined);

function replyStep(db: Db, ctx: ManualContext, mark: number): Record<string, unknown> {
  const dssKey = dssKeyOf(ctx);
  const replies = messagesSince(db, mark, 'SrvTx').map((m) => {
    const t = requestorKeys(ctx).find((r) => poKey(requestorTarget(db, r).po) === m.dest);
    return { requestor: t ?? m.dest, id: m.id, messageId: m.messageId, subject: m.subject, n: m.n, viaConnector: crossesConnector(db, dssKey, m.dest) };
  });
  return { replies };
}

function checkReplies(db: Db, ctx: ManualContext, run: ManualStepRun): ManualCheck {
  const replies = (run.params?.replies as ReturnType<typeof repliesOf> | undefined) ?? [];
  const asked = updatesOf(ctx).map((u) => u.requestor);
  const lines: string[] = [];
  let ok = true;
  const mismatch: string[] = [];
  for (const r of asked) {
    const got = replies.filter((x) => x.requestor === r);
    if (got.length !== 1) {
      ok = false;
      lines.push(`${r}: ${got.length === 0 ? 'no SrvTx' : `${got.length} SrvTx`} queued for it`);
      continue;
    }
    const e = ctx.expected?.[r]?.reply;
    lines.push(`${r}: ${got[0].subject}${e !== undefined && e !== null ? ` (the preview said ${e} sent)` : ''}`);
    if (e !== undefined && e !== null && e !== got[0].n && !ctx.expectedStale) mismatch.push(r);
  }
  if (mismatch.length) ok = false;
  return {
    ok,
    lines,
    meaning: mismatch.length
      ? `The SrvTx count for ${mismatch.join(', ')} differs from the preview taken when this wizard started: the network changed while it ran (a mailbox or recipient added, changed or deleted, or a cycle run elsewhere). Nothing is lost: the difference goes with the next cycle.`
      : `The DSS owes a reply to every requestor whose update it received; a requestor with none was not received (error 120 or 156 in its DIRSYNC.LOG: not registered, or a wrong dirsync password).`,
    fix: mismatch.length
      ? 'Run this step again to go on (the counts are then shown against this preview, not held to it), or Cancel and start a new wizard to check the cycle against a fresh preview.'
      : "Look at the DSS's DIRSYNC.LOG (Logs), correct the registration or password on Server ▸ Requestors, then run the cycle again in a new wizard.",
  };
}

export const MANUAL_STEPS: Record<ManualStepCode, ManualStepKind> = {
  pauseKicks: {
    title: (_c, s) => `Enable the Pause button on ${s} (PauseKicksDX = 1, then restart MSExchangeDX)`,
    does: () =>
      'Exchange Server 4.0 pauses the Directory Synchronization service for real unless PauseKicksDX = 1 (REG_DWORD) is under MSExchangeDX when the service starts; 5.0 and later do not need it.',
    cli: (_c, s) => `dirsync reg set ${s} PauseKicksDX 1 && dirsync service restart ${s} MSExchangeDX`,
    run: (db, _c, s) => {
      const v = setRegistryValue(db, s, 'PauseKicksDX', ['1']);
      const r = controlService(db, s, 'MSExchangeDX', 'restart');
      return { lines: [`${v.key}\\${v.name} = 1 (${v.type})`, ...r.lines] };
    },
    check: (db, _c, s) => {
      const dx = resolveService(db, resolveServer(db, s), 'MSExchangeDX');
      const ok = readAtStart(dx, 'PauseKicksDX') === '1' && dx.state === 'Running';
      return ok
        ? { ok, lines: ['MSExchangeDX is running and read PauseKicksDX = 1 when it started'] }
        : { ok, lines: [`MSExchangeDX is ${dx.state} and read PauseKicksDX = ${readAtStart(dx, 'PauseKicksDX') ?? '(none)'}`], meaning: 'The service must be started after the value is set.', fix: `Restart MSExchangeDX on ${s} in Tools ▸ Services, then run this step again.` };
    },
  },
  loggingMax: {
    title: (_c, s) => `Set MSExchangePCMTA logging to Maximum on ${s}`,
    does: (_c, s) =>
      `Microsoft Mail Connector ▸ Diagnostics Logging ▸ MSExchangePCMTA, every category to Maximum, so the PC MTA writes events 4395 and 4355 for each message it carries (the document's "Increase diagnostic logging"). On 4.0–5.5 the running PC MTA instances of ${s} are restarted to read it. The last step sets the levels back.`,
    cli: (_c, s) => `dirsync exchange logging ${s} MSExchangePCMTA * maximum`,
    run: (db, c, s) => {
      const before = Object.fromEntries(loggingLevels(db, s, 'MSExchangePCMTA').rows.map((r) => [r.category, r.level]));
      const r = setLoggingLevel(db, s, 'MSExchangePCMTA', '*', 'maximum');
      const lines = [`MSExchangePCMTA on ${r.server}: ${r.rows.map((x) => `${x.category} ${levelName(x.previousLevel)} → ${x.levelName}`).join(', ')}`];
      if (r.restartNeeded) restartRunningMtas(db, s, r.restartServices, lines);
      return { lines, params: { previous: before, services: c.net.mtas.filter((m) => m.server === r.server).map((m) => m.service) } };
    },
    check: (db, c, s) => {
      const lvl = pcmtaLevel(db, s);
      const stopped = c.net.mtas.filter((m) => m.server === resolveServer(db, s).name && m.state !== 'Running');
      if (lvl.effective === 5) return { ok: true, lines: ['MSExchangePCMTA logs at Maximum now'] };
      if (lvl.set === 5 && stopped.length)
        return { ok: true, lines: [`MSExchangePCMTA is set to Maximum; ${stopped.map((m) => m.service).join(', ')} reads it when it is started`] };
      return { ok: false, lines: [`MSExchangePCMTA is set to ${levelName(lvl.set)}, in force ${levelName(lvl.effective)}`], meaning: 'The level in force is below Maximum: the PC MTA will write no 4395/4355.', fix: `Restart the PC MTA on ${s} (Tools ▸ Services), then run this step again.` };
    },
  },
  t1: {
    title: (c, po) => `T1 on ${po}${po === c.dss ? ' (the dirsync server as a requestor)' : ''}: reqmain -t`,
    does: (_c, po) => `Generates ${po}'s outgoing dirsync messages (a status report and the update with every REQTRANS entry above its ReqSync) and places them in its P1 directory.`,
    cli: (_c, po) => `dirsync reqmain -t -d${po}`,
    run: (db, c, po) => {
      const mark = maxMessage(db);
      const r = fromResult(reqmainTransmit(db, po));
      const update = messagesSince(db, mark, 'ReqTx')[0];
      return { ...r, params: { requestor: po, updateId: update?.id, messageId: update?.messageId, mark, viaConnector: update ? crossesConnector(db, po, dssKeyOf(c)) : false } };
    },
    check: (db, c, po, run) => {
      const m = typeof run.params?.updateId === 'number' ? messageById(db, run.params.updateId as number) : undefined;
      const stat = messagesSince(db, (run.params?.mark as number) ?? 0, 'ReqStat').find((x) => x.holder === po);
      if (!m) return { ok: false, lines: ['no ReqTx was queued'], meaning: `${po} sent nothing: ${run.error ? `Fatal [${run.error.number}] ${run.error.text}` : 'see its DIRSYNC.LOG'}.`, fix: 'Register it with the dirsync server (Dir-Sync ▸ Requestor ▸ Registration), then run this step again.' };
      const toSelf = po === c.dss;
      const ok = toSelf ? m.place === 'MAILBAG' : m.place === 'P1';
      const lines = [`Queued in ${whereIs(m)}: ${m.subject}`, ...(stat ? [`Queued in ${whereIs(stat)}: ${stat.subject}`] : [])];
      const e = c.expected?.[po]?.sent;
      if (e !== undefined && e !== null) lines.push(`${m.n} sent (the preview said ${e})`);
      return { ok, lines };
    },
  },
  pauseDx: {
    title: (_c, s) => `T1 on ${s}: pause Microsoft Exchange Directory Synchronization`,
    does: (c, s) =>
      `Control Panel ▸ Services on ${s}: Pause. You receive "Could not pause … Error 2140: An internal Windows NT error occurred.", which you can ignore: it starts the DXA's T1, whose messages the Microsoft Mail Connector delivers to ${c.dss}.`,
    cli: (_c, s) => `dirsync service pause ${s} MSExchangeDX`,
    run: (db, c, s) => {
      const mark = maxMessage(db);
      const r = controlService(db, s, 'MSExchangeDX', 'pause');
      const update = messagesSince(db, mark, 'ReqTx')[0];
      const lines = [...r.lines, ...(r.cycle?.fatal ? [`Fatal [${r.cycle.fatal.number}] ${r.cycle.fatal.text}`] : [])];
      return {
        lines,
        error: r.cycle?.fatal ? { number: r.cycle.fatal.number, text: r.cycle.fatal.text } : undefined,
        params: { requestor: resolveServer(db, s).name, updateId: update?.id, messageId: update?.messageId, error2140: !!r.error2140, state: r.state, viaConnector: true },
      };
    },
    check: (db, _c, s, run) => {
      const lines: string[] = [];
      if (!run.params?.error2140) {
        return {
          ok: false,
          lines: [`MSExchangeDX is ${String(run.params?.state ?? '?').toLowerCase()}: no Error 2140, no cycle`],
          meaning: `${s} runs Exchange 4.0 without PauseKicksDX = 1 read at its start: the Pause button really paused the service instead of starting a cycle.`,
          fix: `Continue MSExchangeDX on ${s} (Tools ▸ Services), set PauseKicksDX = 1 and restart the service, then run this step again.`,
        };
      }
      lines.push('Error 2140, as the document says (it can be ignored): the DXA ran its T1');
      const m = typeof run.params?.updateId === 'number' ? messageById(db, run.params.updateId as number) : undefined;
      if (!m) return { ok: false, lines: [...lines, 'but no ReqTx was queued'], meaning: 'The DXA sent no update (see the Application log for MSExchangeDX events).', fix: `Check ${s}'s Dirsync Requestor object (its dirsync server and password), then run this step again.` };
      lines.push(`Queued in ${whereIs(m)}: ${m.subject}`);
      return { ok: true, lines };
    },
  },
  external: {
    title: (_c, n) => `External pass ${n} of 2: external -0`,
    does: () => 'Moves mail one hop: delivers what waits in the outbound queues into the destination postoffices\' SYSTEM mailbags, then moves P1 into the outbound queues. A manual cycle needs two passes after each step.',
    cli: () => 'dirsync external -0',
    run: (db) => {
      const r = externalPass(db);
      return { lines: [`${r.delivered} delivered, ${r.queued} queued`] };
    },
    check: () => ({ ok: true, lines: ['External ran'] }),
  },
  pcmta: {
    title: (_c, t) => `${splitMta(t).service} on ${splitMta(t).server}: one pass`,
    does: (_c, t) =>
      `The Microsoft Mail Connector (PC) MTA moves one hop each way between ${splitMta(t).server}'s connector postoffice and the postoffices it services (on its own it does this every "Check for mail every N minutes").`,
    // The command line has no single pass (docs/cli.md): the next poll under the clock is the nearest line one can type.
    cli: () => 'dirsync dispatch --next-poll',
    run: (db, _c, t) => {
      const { server, service } = splitMta(t);
      const svc = resolveService(db, resolveServer(db, server), service);
      if (svc.state !== 'Running') {
        throw conflict(`The ${svc.displayName} service on ${server} is ${svc.state.toLowerCase()}: a PC MTA that is not running carries no mail`, { code: 'pc-mta.not-running' });
      }
      const r = pcMtaPass(db, server, service);
      return { lines: r.lines };
    },
    check: () => ({ ok: true, lines: ['the PC MTA ran its pass'] }),
  },
  verifyToDss: {
    title: (c) => `Verify: every update is in ${c.dss}'s SYSTEM mailbag, with events 4395 and 4355`,
    does: (c) =>
      `The document: "verify that the dirsync message has been transferred to the Microsoft Mail dirsync server": each requestor's ReqTx waits in ${c.dss}'s System.mbg for T2; each message the PC MTA carried has Event 4395 (Sent) and Event 4355 (Moved In) in the Application log.`,
    cli: (c) => `dirsync events --id 4395 && dirsync events --id 4355 && dirsync listq … (${c.dss})`,
    run: () => ({ lines: ['Looked at the queues and the Application log'] }),
    check: (db, c) => {
      const dssKey = dssKeyOf(c);
      const lines: string[] = [];
      const stuck: string[] = [];
      let noEvents = false;
      const since = eventMarkOf(c);
      for (const u of updatesOf(c)) {
        const m = messageById(db, u.id);
        if (!m) {
          lines.push(`${u.requestor}: its update is no longer queued (T2 already read it)`);
          continue;
        }
        if (m.place === 'MAILBAG' && m.holder === dssKey) lines.push(`${u.requestor}: ${m.subject} is in ${dssKey}'s SYSTEM mailbag`);
        else {
          stuck.push(`${u.requestor}'s update is still in ${whereIs(m)}`);
          lines.push(`${u.requestor}: its update is still in ${whereIs(m)}`);
          continue;
        }
        if (u.viaConnector && !eventLines(db, c, since, { messageId: u.messageId, label: u.requestor }, lines)) noEvents = true;
      }
      if (stuck.length)
        return {
          ok: false,
          lines,
          meaning: `${stuck.join('; ')}: no External pass or PC MTA reaches ${dssKey} from there (no connection to the postoffice, a PC MTA that does not service it, or one that is stopped).`,
          fix: `Give ${dssKey} a route: on the Microsoft Mail Connector's Connections tab a LAN connection to the postoffice, and a Connector (PC) MTA that services it and is running (Tools ▸ Services); then run the passes again.`,
          rerunFrom: 'external',
        };
      if (noEvents) return { ok: false, lines, meaning: `The mail arrived, but the Application log does not show it.${loggingAdvice(db, c)}`, fix: 'Set MSExchangePCMTA to Maximum and restart the PC MTA; the next messages it carries are logged.', rerunFrom: undefined };
      return { ok: true, lines };
    },
  },
  t2Receive: {
    title: (_c, d) => `T2 on ${d}: srvmain -r`,
    does: () => 'Receives every update in the SYSTEM mailbag and places it in MSTTRANS.GLB (new server numbers), applying it to the master lists.',
    cli: (_c, d) => `dirsync srvmain -r -d${d}`,
    run: (db, _c, d) => fromResult(srvmainReceive(db, d)),
    check: (db, c, d, run) => {
      if (run.error) return { ok: false, lines: [`srvmain -r stopped: Fatal [${run.error.number}] ${run.error.text}`] };
      const left = updatesOf(c).filter((u) => messageById(db, u.id)?.place === 'MAILBAG');
      const cfg = srvconfOf(db, requestorTarget(db, d).po);
      const lines = [`Cycle ${cfg?.cycle ?? '?'}, highest server number ${cfg?.sync ?? '?'}`, ...run.lines];
      if (left.length) return { ok: false, lines: [...lines, `${left.map((u) => u.requestor).join(', ')}: update still in the mailbag`] };
      return { ok: true, lines };
    },
  },
  t2Transmit: {
    title: (_c, d) => `T2 on ${d}: srvmain -t`,
    does: () =>
      'Reads SRVCONF.GLB, works out the updates each requestor needs from MSTTRANS.GLB, and places one reply (SrvTx) for each requestor that sent a request in P1.',
    cli: (_c, d) => `dirsync srvmain -t -d${d}`,
    run: (db, c, d) => {
      const mark = maxMessage(db);
      const r = fromResult(srvmainTransmit(db, d));
      return { ...r, params: replyStep(db, c, mark) };
    },
    check: (db, c, _d, run) => (run.error ? { ok: false, lines: [`srvmain -t stopped: Fatal [${run.error.number}] ${run.error.text}`] } : checkReplies(db, c, run)),
  },
  t2Exchange: {
    title: (_c, s) => `T2 on ${s}: pause Microsoft Exchange Directory Synchronization`,
    does: (_c, s) => `On an Exchange dirsync server, pausing MSExchangeDX on ${s} answers with Error 2140 (ignore it) and runs the DXA's T2: it receives the requests and sends each requestor its reply.`,
    cli: (_c, s) => `dirsync service pause ${s} MSExchangeDX`,
    run: (db, c, s) => {
      const mark = maxMessage(db);
      const r = controlService(db, s, 'MSExchangeDX', 'pause');
      return { lines: r.lines, error: r.cycle?.fatal ? { number: r.cycle.fatal.number, text: r.cycle.fatal.text } : undefined, params: replyStep(db, c, mark) };
    },
    check: (db, c, _s, run) => (run.error ? { ok: false, lines: [`the DXA's T2 stopped: Fatal [${run.error.number}] ${run.error.text}`] } : checkReplies(db, c, run)),
  },
  verifyToRequestors: {
    title: () => 'Verify: every reply reached its requestor, with events 4395 and 4355',
    does: () =>
      'The document: "verify that the dirsync message has been transferred to the Exchange Requestor": Event 4395 (Moved Out) and Event 4355 (Received). An MS Mail requestor\'s SrvTx waits in its SYSTEM mailbag for T3; an Exchange requestor applies it as soon as it arrives (its Import Container is checked against the preview).',
    cli: () => 'dirsync events --id 4395 && dirsync events --id 4355',
    run: () => ({ lines: ['Looked at the mailbags, the Import Containers and the Application log'] }),
    check: (db, c) => {
      const lines: string[] = [];
      const stuck: string[] = [];
      let noEvents = false;
      let wrongCount: string | undefined;
      const since = eventMarkOf(c);
      for (const r of repliesOf(c)) {
        const t = requestorTarget(db, r.requestor);
        const m = messageById(db, r.id);
        if (t.kind === 'exchange') {
          if (m) {
            stuck.push(`the reply to ${r.requestor} is still in ${whereIs(m)}`);
            lines.push(`${r.requestor}: ${r.subject} is still in ${whereIs(m)}`);
            continue;
          }
          const n = galNames(db, t).length;
          const e = c.expected?.[t.key]?.galAfter;
          lines.push(`${r.requestor}: applied as it arrived; its Import Container holds ${n} MS Mail names${e !== undefined ? ` (the preview said ${e})` : ''}`);
          if (e !== undefined && e !== n && !c.expectedStale) wrongCount = `${r.requestor} holds ${n} imported names, the preview said ${e}`;
        } else if (m && m.place === 'MAILBAG' && m.holder === poKey(t.po)) lines.push(`${r.requestor}: ${r.subject} is in its SYSTEM mailbag`);
        else if (!m) lines.push(`${r.requestor}: its reply is no longer queued (T3 already read it)`);
        else {
          stuck.push(`the reply to ${r.requestor} is still in ${whereIs(m)}`);
          lines.push(`${r.requestor}: ${r.subject} is still in ${whereIs(m)}`);
          continue;
        }
        if (r.viaConnector && !eventLines(db, c, since, { messageId: r.messageId, label: r.requestor }, lines)) noEvents = true;
      }
      if (stuck.length)
        return {
          ok: false,
          lines,
          meaning: `${stuck.join('; ')}: no External pass or PC MTA reaches it (no connection to the postoffice, a PC MTA that does not service it, or one that is stopped).`,
          fix: 'Give it a route: a LAN connection on the Microsoft Mail Connector\'s Connections tab and a running Connector (PC) MTA that services the postoffice; then run the passes back again.',
          rerunFrom: 'external',
        };
      if (wrongCount) return { ok: false, lines, meaning: `${wrongCount}: the network changed while this wizard ran.`, fix: 'Run this step again to go on (the counts are then shown against this preview, not held to it), or Cancel and start a new wizard to check the cycle against a fresh preview.' };
      if (noEvents) return { ok: false, lines, meaning: `The mail arrived, but the Application log does not show it.${loggingAdvice(db, c)}`, fix: 'Set MSExchangePCMTA to Maximum and restart the PC MTA; the next messages it carries are logged.' };
      return { ok: true, lines };
    },
  },
  t3Receive: {
    title: (_c, po) => `T3 on ${po}: reqmain -r`,
    does: () => 'Receives the updates and moves them into SRVTRANS.GLB; a reply that acknowledges the update sent at T1 clears REQTRANS down to ReqSync.',
    cli: (_c, po) => `dirsync reqmain -r -d${po}`,
    run: (db, _c, po) => fromResult(reqmainReceive(db, po)),
    check: (db, c, po, run) => {
      if (run.error) return { ok: false, lines: [`reqmain -r stopped: Fatal [${run.error.number}] ${run.error.text}`] };
      const reply = repliesOf(c).find((r) => r.requestor === po);
      const got = Number(/ReqRx received (\d+) updates/.exec(run.lines.join('\n'))?.[1] ?? NaN);
      const rc = reqconfOf(db, requestorTarget(db, po).po.id);
      const lines = [`ReqSync ${rc.reqSync}, SrvSync ${rc.srvSync}`];
      if (reply && got !== reply.n) return { ok: false, lines: [...lines, `received ${got}, the SrvTx carried ${reply.n}`], meaning: 'reqmain -r did not receive what the DSS sent.', fix: 'Look at the SYSTEM mailbag (Files ▸ LISTQ) and run this step again.' };
      if (reply) lines.push(`received ${got}: what ${reply.subject.replace(/^SrvTx /, 'the SrvTx ')} carried`);
      return { ok: true, lines };
    },
  },
  t3Import: {
    title: (_c, po) => `T3 on ${po}: import -q -y`,
    does: () => 'Takes the SRVTRANS.GLB records and moves the names into the .USR and .NME files (-Q: use SRVTRANS.GLB; -Y: without asking).',
    cli: (_c, po) => `dirsync import admin -p<password> -d${po} -q -y`,
    run: (db, _c, po) => fromResult(importSrvtrans(db, po)),
    check: (db, _c, po, run) => {
      if (run.error) return { ok: false, lines: [`import -q stopped: Fatal [${run.error.number}] ${run.error.text}`], meaning: 'Import refused and changed nothing.', fix: 'Correct what the message names (Fatal 14: a RESYNC.GLB that does not fit; use the Resync Wizard), then run this step again.' };
      const left = (stmt(db, 'select count(*) as n from srvtrans where po_id = ?').get(requestorTarget(db, po).po.id) as { n: number } | undefined)?.n ?? 0;
      return left === 0 ? { ok: true, lines: ['SRVTRANS.GLB is empty: every update is in the lists'] } : { ok: false, lines: [`${left} update messages left in SRVTRANS.GLB`] };
    },
  },
  t3Rebuild: {
    title: (_c, po) => `T3 on ${po}: rebuild -f`,
    does: () => 'Builds the global address list and its index from the network names, the .NME and the .USR files.',
    cli: (_c, po) => `dirsync rebuild -d${po} -f`,
    run: (db, _c, po) => fromResult(rebuildGal(db, po)),
    check: (db, c, po, run) => {
      const t = requestorTarget(db, po);
      const row = stmt(db, 'select gal_count as n, pending_adds as p from postoffice where id = ?').get(t.po.id) as { n: number; p: number };
      const said = Number(/GAL rebuilt: (\d+) names/.exec(run.lines.join('\n'))?.[1] ?? NaN);
      const e = c.expected?.[t.key]?.galAfter;
      const lines = [`GAL: ${row.n} names${e !== undefined ? ` (the preview said ${e})` : ''}`];
      if (said !== row.n || row.p !== 0) return { ok: false, lines: [...lines, `rebuild reported ${said}`], fix: 'Run rebuild -f again.' };
      if (e !== undefined && e !== row.n && !c.expectedStale)
        return { ok: false, lines, meaning: `The GAL has ${row.n} names where the preview taken when this wizard started said ${e}: the network changed while it ran.`, fix: 'Run this step again to go on (the counts are then shown against this preview, not held to it), or Cancel and start a new wizard to check the cycle against a fresh preview.' };
      return { ok: true, lines };
    },
  },
  loggingBack: {
    title: (_c, s) => `Set MSExchangePCMTA logging back on ${s}`,
    does: (_c, s) => `Puts each MSExchangePCMTA category on ${s} back to the level it had before this wizard (a level left at Maximum fills the Application log), restarting the running PC MTA instances on 4.0–5.5.`,
    cli: (_c, s) => `dirsync exchange logging ${s} MSExchangePCMTA <category> <previous level>`,
    run: (db, c, s) => {
      const before = c.params('loggingMax', s)[0]?.previous as Record<string, number> | undefined;
      if (!before) throw notFound('the levels before this wizard were not recorded (the Maximum step did not run)', { code: 'wizard.logging-levels-missing' });
      const lines: string[] = [];
      const restart = new Set<string>();
      for (const [category, level] of Object.entries(before)) {
        if (!(LOGGING_SERVICES.MSExchangePCMTA as readonly string[]).includes(category)) continue;
        const r = setLoggingLevel(db, s, 'MSExchangePCMTA', category, String(level));
        lines.push(`${category}: ${levelName(r.rows[0].previousLevel)} → ${r.rows[0].levelName}`);
        r.restartServices.forEach((x) => restart.add(x));
      }
      if (restart.size) restartRunningMtas(db, s, [...restart], lines);
      return { lines };
    },
    check: (db, c, s) => {
      const before = (c.params('loggingMax', s)[0]?.previous as Record<string, number> | undefined) ?? {};
      const now = loggingLevels(db, s, 'MSExchangePCMTA').rows;
      const wrong = now.filter((r) => before[r.category] !== undefined && before[r.category] !== r.level);
      return wrong.length
        ? { ok: false, lines: wrong.map((r) => `${r.category} is ${r.levelName}, was ${levelName(before[r.category])}`) }
        : { ok: true, lines: [`MSExchangePCMTA is back to ${[...new Set(now.map((r) => r.levelName))].join(', ')}`] };
    },
  },
};

/** The first event this run's passes can have written: the events before the first T1 are not this cycle's. */
function eventMarkOf(c: ManualContext): number {
  const marks = [...c.params('t1'), ...c.params('pauseDx')].map((p) => p.eventMark).filter((x): x is number => typeof x === 'number');
  return marks.length ? Math.min(...marks) : 0;
}

/** Before a step runs: the event id it starts from (kept in its params for the checks that follow). */
export const currentEventMark = maxEvent;
export { resolveDss, cycleNetwork };
