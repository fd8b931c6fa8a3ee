import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { openDatabase, type Db } from '@/db/client';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { externalPass } from '@/lib/dirsync/external-pass';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { registerRequestor } from '@/lib/dirsync/requestor-settings';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { srvmainReceive } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { step, stmt } from '@/lib/core/statements';
import { fullName, mailboxName, poName, poSpec, recipientAlias } from './names';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { controlService } from '@/lib/exchange/services/control-service';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { dxaRequestorTransmit } from '@/lib/exchange/dxa/dxa-requestor-transmit';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { resolveServer } from '@/lib/exchange/servers/servers';

export interface Shape {
  /** Number of MS Mail postoffices (the first is the DSS). */
  pos: number;
  /** Mailboxes per postoffice. */
  perPo: number;
  /** Recipients on the Exchange server EXCH01, a requestor of the DSS (0 or absent: no Exchange server). */
  exchange?: number;
}

export const EXCHANGE_SERVER = 'EXCH01';
export const PC_MTA = 'Bench PC MTA';
const CONNECTOR_PO = 'BENCH/HQ';

export const ADMIN_PASSWORD = 'BENCH';
export const dirsyncPassword = (p: number) => `PW${p + 1}`;

/** The postoffices, through createPostoffice (past 26 they get no drive letter and are named NET/PO). */
export function createPostoffices(db: Db, shape: Shape): void {
  step(db, () => {
    for (let p = 0; p < shape.pos; p++) createPostoffice(db, { name: poSpec(p), password: ADMIN_PASSWORD, fileServer: `FS-${poName(p)}` });
  });
}

/** The DSS (postoffice 0) and the registrations of every other postoffice, through the engine's verbs. */
export function registerAll(db: Db, shape: Shape): void {
  const dss = poSpec(0);
  setDirsyncServer(db, dss, true);
  for (let p = 1; p < shape.pos; p++) {
    createServerRequestor(db, dss, poSpec(p), dirsyncPassword(p));
    registerRequestor(db, poSpec(p), dss, dirsyncPassword(p));
  }
}

/** Every mailbox through addMailbox (mailbox row, ADMIN.NME entry, REQTRANS `A`), all in one transaction. */
export function addMailboxes(db: Db, shape: Shape): void {
  step(db, () => {
    for (let p = 0; p < shape.pos; p++) {
      for (let i = 0; i < shape.perPo; i++) addMailbox(db, poSpec(p), mailboxName(i), fullName(p, i));
    }
  });
}

/**
 * The Exchange server EXCH01 (organization BENCH, site HQ): its recipients, a connection and a
 * running PC MTA (polled by the benchmark itself) to the DSS, and its Dirsync Requestor with no
 * export container yet (B1's export adds it). All in one transaction.
 */
export function addExchangeServer(db: Db, shape: Shape): void {
  if (!shape.exchange) return;
  step(db, () => {
    createExchangeServer(db, { organization: 'BENCH', site: 'HQ', server: EXCHANGE_SERVER });
    for (let i = 0; i < shape.exchange!; i++) {
      addRecipient(db, EXCHANGE_SERVER, { container: 'Recipients', alias: recipientAlias(i), displayName: fullName(99, i) });
    }
    addConnection(db, EXCHANGE_SERVER, poSpec(0));
    addPcMta(db, EXCHANGE_SERVER, PC_MTA, { services: [poSpec(0)] });
    controlService(db, EXCHANGE_SERVER, PC_MTA, 'start');
    createServerRequestor(db, poSpec(0), CONNECTOR_PO, 'XPW');
    saveDirsyncRequestor(db, EXCHANGE_SERVER, poSpec(0), { password: 'XPW' });
  });
}

/** Export on the Exchange side: the Dirsync Requestor's export container (a full export). */
export function exportExchange(db: Db, shape: Shape): void {
  if (shape.exchange) saveDirsyncRequestor(db, EXCHANGE_SERVER, undefined, { exportContainers: ['Recipients'] });
}

/** A fresh network file: postoffices, DSS, registrations, mailboxes, the Exchange server. Nothing exported yet. */
export function buildNetwork(file: string, shape: Shape): void {
  const db = openDatabase(file);
  createPostoffices(db, shape);
  registerAll(db, shape);
  addMailboxes(db, shape);
  addExchangeServer(db, shape);
  db.$client.close();
}

export const totalChanges = (db: Db) => db.$client.prepare('select total_changes() as n').pluck().get() as number;

/** Wall time (ms), CPU time of this process (user + system, ms) and rows written per phase of a cycle. */
export type Phases = Record<string, { ms: number; cpuMs: number; rows: number }>;

/** User + system CPU time of this process, ms: unlike wall time, it does not count waiting for other processes. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export class PhaseTimer {
  readonly phases: Phases = {};
  constructor(private readonly db: Db) {}
  run<T>(name: string, fn: () => T): T {
    const rows0 = totalChanges(this.db);
    const c0 = cpuMs();
    const t0 = performance.now();
    const out = fn();
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    const rows = totalChanges(this.db) - rows0;
    const p = (this.phases[name] ??= { ms: 0, cpuMs: 0, rows: 0 });
    p.ms += ms;
    p.cpuMs += cpu;
    p.rows += rows;
    return out;
  }
}

function must(r: StepResult, what: string): void {
  if (r.fatal) throw new Error(`${what}: fatal ${r.fatal.number} ${r.fatal.text}`);
}

/**
 * One full manual cycle over the whole network: T1 everywhere, two External passes, T2 receive and
 * transmit on the DSS, two External passes, T3 (reqmain -r, import -q, rebuild -f) everywhere.
 */
export function fullCycle(db: Db, shape: Shape, t: PhaseTimer): void {
  const all = Array.from({ length: shape.pos }, (_, p) => poSpec(p));
  const dss = all[0];
  const exchange = shape.exchange ? serverOfName(db) : undefined;
  t.run('T1 reqmain -t', () => all.forEach((po) => must(reqmainTransmit(db, po), `reqmain -t ${po}`)));
  if (exchange) t.run('T1 Exchange (DXA)', () => must(dxaRequestorTransmit(db, exchange), 'DXA T1'));
  t.run('external ×2 (to DSS)', () => {
    externalPass(db);
    externalPass(db);
  });
  if (exchange) t.run('PC MTA pass (to DSS)', () => pcMtaPass(db, EXCHANGE_SERVER, PC_MTA));
  t.run('T2 srvmain -r', () => must(srvmainReceive(db, dss), 'srvmain -r'));
  t.run('T2 srvmain -t', () => must(srvmainTransmit(db, dss), 'srvmain -t'));
  t.run('external ×2 (to requestors)', () => {
    externalPass(db);
    externalPass(db);
  });
  // The PC MTA delivers the reply to the connector postoffice, and the DXA applies it at once (T3).
  if (exchange) t.run('PC MTA pass + Exchange T3', () => pcMtaPass(db, EXCHANGE_SERVER, PC_MTA));
  for (const po of all) {
    t.run('T3 reqmain -r', () => must(reqmainReceive(db, po), `reqmain -r ${po}`));
    t.run('T3 import -q', () => must(importSrvtrans(db, po), `import -q ${po}`));
    t.run('T3 rebuild -f', () => must(rebuildGal(db, po), `rebuild -f ${po}`));
  }
}

/**
 * Correctness guard (not a timing): every GAL holds every mailbox of the network, by its stored
 * count and by counting the entries visible at its generation.
 */
export function checkGals(db: Db, shape: Shape): void {
  const expected = shape.pos * shape.perPo + (shape.exchange ?? 0);
  const rows = db.$client
    .prepare(
      `select p.network || '/' || p.name as po, p.gal_count as count,
        (select count(*) from list_entry e where e.po_id = p.id and e.added_gen <= p.gal_gen
          and (e.removed_gen = 0 or e.removed_gen > p.gal_gen)) as visible
       from postoffice p where p.kind = 'msmail' order by p.id`,
    )
    .all() as { po: string; count: number; visible: number }[];
  if (rows.length !== shape.pos) throw new Error(`expected ${shape.pos} postoffices, found ${rows.length}`);
  const bad = rows.filter((r) => r.count !== expected || r.visible !== expected);
  if (bad.length) {
    throw new Error(
      `GAL check failed: expected ${expected} names in every GAL; ${bad.length} differ, e.g. ${bad
        .slice(0, 3)
        .map((r) => `${r.po} count ${r.count} visible ${r.visible}`)
        .join(', ')}`,
    );
  }
  if (shape.exchange) {
    const imported = db.$client.prepare('select count(*) from recipient where imported_by is not null').pluck().get() as number;
    if (imported !== shape.pos * shape.perPo) throw new Error(`Exchange check failed: ${imported} custom recipients imported, expected ${shape.pos * shape.perPo}`);
  }
}

const serverOfName = (db: Db) => resolveServer(db, EXCHANGE_SERVER);
