import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { deleteMailbox } from '@/lib/dirsync/delete-mailbox';
import { externalPass } from '@/lib/dirsync/external-pass';
import { attachmentColumn } from '@/lib/dirsync/messages';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { modifyMailbox } from '@/lib/dirsync/modify-mailbox';
import { poKey } from '@/lib/dirsync/names';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { requestExport } from '@/lib/dirsync/request-export';
import { srvmainReceive } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { splitRecords } from '@/lib/dirsync/transactions';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { controlService } from '@/lib/exchange/services/control-service';
import { deleteRecipient } from '@/lib/exchange/recipients/delete-recipient';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { galNames, runNetworkCycle } from '@/lib/manual/cycle';
import { cycleNetwork } from '@/lib/manual/cycle-network';
import { galDiff, previewCycle, previewNetworkCycle } from '@/lib/manual/preview-cycle';
import { requestorTarget } from '@/lib/resync/wizard-targets';
import { ok, snapshotOf, tempDbFile } from './helpers';

/**
 * Issue 13 item 6: the preview of the next cycle agrees with what the cycle then does, every time,
 * and changes nothing (not a row of any table, log lines, events, run history and the clock included).
 * Each run takes a small network — an MS Mail DSS with MS Mail requestors and an Exchange requestor,
 * or an Exchange DSS with MS Mail Remote Dirsync Requestors — applies random changes (mailboxes and
 * recipients added, renamed, deleted; whole cycles; a lone T1 or External pass leaving mail queued;
 * Export requests; the PC MTA stopped or started), previews one requestor, then runs the cycle with
 * the utilities themselves, as document 003 types them (reqmain, service pause, external -0, a PC
 * MTA pass, srvmain, import -q, rebuild -f), and compares: the update T1 sent, the DSS's reply, and
 * the GAL's gains, changes and losses.
 */

function clone(template: Buffer): Db {
  const client = new Database(template);
  client.pragma('foreign_keys = ON');
  return drizzle(client, { schema }) as Db;
}

function serialized(file: string): Buffer {
  const db = openDatabase(file);
  try {
    db.$client.pragma('journal_mode = DELETE');
    return db.$client.serialize();
  } finally {
    db.$client.close();
  }
}

/** DSS POLY/MONT with POLY/NOV, POLY/OCT and EXCH01 (POLYNOMIAL/HQ) as requestors; a PC MTA services MONT. */
function msmailDssTemplate(): Buffer {
  const file = tempDbFile('preview-ms');
  for (const po of ['MONT', 'NOV', 'OCT']) ok(file, `po create POLY/${po} --password PW`);
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ALICE "Alice Walker"');
  ok(file, 'ds server -dM on');
  for (const po of ['NOV', 'OCT']) {
    ok(file, `ds requestor create -dM POLY/${po} --password S`);
    ok(file, `ds register -dPOLY/${po} POLY/MONT --password S`);
  }
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, 'exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients');
  return serialized(file);
}

/** EXCH01 the DSS of POLY/NOV and POLY/OCT; its PC MTA services both. */
function exchangeDssTemplate(): Buffer {
  const file = tempDbFile('preview-x');
  for (const po of ['NOV', 'OCT']) ok(file, `po create POLY/${po} --password PW`);
  ok(file, 'user add -dPOLY/NOV ANN "Ann Arbor"');
  ok(file, 'user add -dPOLY/OCT DAN "Dan Dee"');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  for (const po of ['NOV', 'OCT']) ok(file, `exchange connection add EXCH01 POLY/${po}`);
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV,POLY/OCT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'exchange dss EXCH01 --schedule never');
  for (const po of ['NOV', 'OCT']) {
    ok(file, `exchange remote-requestor add EXCH01 POLY/${po} --password ${po}PW --export-containers Recipients`);
    ok(file, `ds register -dPOLY/${po} POLYNOMIAL/HQ --password ${po}PW`);
  }
  return serialized(file);
}

type Change =
  | { k: 'add'; po: number; name: number }
  | { k: 'rename'; po: number; name: number }
  | { k: 'delete'; po: number; name: number }
  | { k: 'recipient'; name: number; remove: boolean }
  | { k: 'cycle' }
  | { k: 't1'; po: number }
  | { k: 'external' }
  | { k: 'export'; po: number }
  | { k: 'mta'; running: boolean };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ k: fc.constant('add' as const), po: fc.nat(2), name: fc.nat(5) }),
  fc.record({ k: fc.constant('rename' as const), po: fc.nat(2), name: fc.nat(5) }),
  fc.record({ k: fc.constant('delete' as const), po: fc.nat(2), name: fc.nat(5) }),
  fc.record({ k: fc.constant('recipient' as const), name: fc.nat(3), remove: fc.boolean() }),
  fc.record({ k: fc.constant('cycle' as const) }),
  fc.record({ k: fc.constant('t1' as const), po: fc.nat(2) }),
  fc.record({ k: fc.constant('external' as const) }),
  fc.record({ k: fc.constant('export' as const), po: fc.nat(2) }),
  fc.record({ k: fc.constant('mta' as const), running: fc.boolean() }),
);

/** Apply a change; one that the model refuses (a name that is not there) is simply skipped. */
function apply(db: Db, dss: string, c: Change): void {
  const pos = cycleNetwork(db, dss).msmail;
  const po = pos[('po' in c ? c.po : 0) % pos.length];
  const name = `U${'name' in c ? c.name : 0}`;
  try {
    switch (c.k) {
      case 'add':
        addMailbox(db, po, name, `User ${name}`);
        break;
      case 'rename':
        modifyMailbox(db, po, name, { fullName: `Renamed ${name}` });
        break;
      case 'delete':
        deleteMailbox(db, po, name);
        break;
      case 'recipient':
        if (c.remove) deleteRecipient(db, 'EXCH01', `R${c.name}`);
        else addRecipient(db, 'EXCH01', { container: 'Recipients', alias: `R${c.name}`, displayName: `Recipient ${c.name}` });
        break;
      case 'cycle':
        runNetworkCycle(db, dss);
        break;
      case 't1':
        reqmainTransmit(db, po);
        break;
      case 'external':
        externalPass(db);
        break;
      case 'export':
        requestExport(db, po);
        break;
      case 'mta':
        controlService(db, 'EXCH01', 'Microsoft PC MTA', c.running ? 'start' : 'stop');
        break;
    }
  } catch (e) {
    if (!(e instanceof Error) || !('kind' in e)) throw e;
  }
}

const newest = (db: Db, after: number, kind: string, dest: string) =>
  db.$client.prepare(`select subject, ${attachmentColumn()} from message where id > ? and kind = ? and dest = ? order by id desc limit 1`).get(after, kind, dest) as
    | { subject: string; attachment: string }
    | undefined;
const maxMessage = (db: Db) => (db.$client.prepare('select coalesce(max(id), 0) as id from message').get() as { id: number }).id;

/** The cycle as an administrator types it (document 003), for every requestor of the DSS; what `who` saw. */
function typedCycle(db: Db, dss: string, who: string) {
  const net = cycleNetwork(db, dss);
  const t = requestorTarget(db, who);
  const dssKey = poKey(net.dss.po);
  const galBefore = galNames(db, t);
  let sent: { subject: string; transactions: string[] } | null = null;
  for (const r of [...net.msmail, ...net.exchange]) {
    const mark = maxMessage(db);
    if (r.includes('/')) reqmainTransmit(db, r);
    else controlService(db, r, 'MSExchangeDX', 'pause');
    const m = newest(db, mark, 'ReqTx', dssKey);
    if (r === t.key && m) sent = { subject: m.subject, transactions: splitRecords(m.attachment) };
  }
  const passes = () => {
    externalPass(db);
    externalPass(db);
    for (const m of cycleNetwork(db, dss).mtas) if (m.state === 'Running') pcMtaPass(db, m.server, m.service);
  };
  passes();
  const mark = maxMessage(db);
  if (net.dss.kind === 'msmail') {
    srvmainReceive(db, dss);
    srvmainTransmit(db, dss);
  } else controlService(db, dss, 'MSExchangeDX', 'pause');
  const r = newest(db, mark, 'SrvTx', poKey(t.po));
  const reply = r ? { subject: r.subject, transactions: splitRecords(r.attachment) } : null;
  passes();
  for (const p of net.msmail) {
    reqmainReceive(db, p);
    importSrvtrans(db, p);
    rebuildGal(db, p);
  }
  return { sent, reply, gal: galDiff(galBefore, galNames(db, t)) };
}

describe('preview of the next cycle = what the cycle then does', () => {
  let templates: { msmail: Buffer; exchange: Buffer };
  beforeAll(() => {
    templates = { msmail: msmailDssTemplate(), exchange: exchangeDssTemplate() };
  }, 60_000);

  it('over random networks and changes: the update, the reply and the GAL changes agree, and the preview writes nothing', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(change, { maxLength: 8 }), fc.nat(3), (exchangeDss, changes, pick) => {
        const db = clone(exchangeDss ? templates.exchange : templates.msmail);
        try {
          const dss = exchangeDss ? 'EXCH01' : 'POLY/MONT';
          for (const c of changes) apply(db, dss, c);
          const net = cycleNetwork(db, dss);
          const all = [...net.msmail, ...net.exchange];
          const who = all[pick % all.length];
          const before = JSON.stringify(snapshotOf(db, true));
          const preview = previewCycle(db, who);
          expect(JSON.stringify(snapshotOf(db, true))).toBe(before);
          const real = typedCycle(db, dss, who);
          expect({ sent: preview.sent, reply: preview.reply, gal: preview.gal }).toEqual(real);
        } finally {
          db.$client.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('on the sample-like network the first cycle shows every name to be gained', () => {
    const db = clone(templates.msmail);
    const all = previewNetworkCycle(db, 'POLY/MONT');
    const nov = all.find((p) => p.requestor === 'POLY/NOV')!;
    expect(nov.sent!.subject).toBe('ReqTx R=1 (was 0), S=0, I=0 1 sent');
    expect(nov.gal.gain.map((g) => g.address).sort()).toEqual(['PCM:POLY/MONT/PAUL', 'PCM:POLY/NOV/ALICE', 'ms:POLYNOMIAL/HQ/PAT']);
    const x = all.find((p) => p.requestor === 'EXCH01')!;
    expect(x.gal.gain.map((g) => g.name).sort()).toEqual(['Alice Walker', 'Paul Allen']);
    db.$client.close();
  });
});
