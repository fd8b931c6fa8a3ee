import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { decodeResyncGlb } from '@/lib/dirsync/resync-glb';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { readStoredFile, writeStoredFile } from '@/lib/dirsync/stored-files';
import { controlService } from '@/lib/exchange/services/control-service';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import { setExchangeVersion } from '@/lib/exchange/servers/set-exchange-version';
import { predictResync, predictResyncFile, type ResyncPrediction } from '@/lib/resync/predict-resync';
import { ok, snapshotOf, tempDbFile } from './helpers';

/**
 * Issue 9: the resync prediction agrees with what the real extract, copy and apply then do, every
 * time. Each run takes a small network (an MS Mail DSS with MS Mail requestors and an Exchange
 * requestor, or an Exchange DSS with MS Mail Remote Dirsync Requestors), gives every REQCONF and
 * SRVCONF record random numbers, drops random SRVCONF records and master entries, picks random
 * targets (the MS Mail DSS itself among them), random ResyncConnectionRDNs strings, GlobalMaxSeqInResync
 * on or off and the version 5.5 or 5.5 SP3; predicts (which must write nothing), then runs the
 * real steps: `import -s` or the ResyncConnectionRDNs restart of MSExchangeDX, the copy to each
 * target, and `import -q` or the restart of the Exchange requestor's MSExchangeDX.
 * applies ⇔ no Fatal 14 and the numbers set to the header; refused ⇔ Fatal 14 with the predicted rule.
 */

/** An in-memory copy of a template database: each run starts from the same network. */
function clone(template: Buffer): Db {
  const client = new Database(template);
  client.pragma('foreign_keys = ON');
  return drizzle(client, { schema }) as Db;
}

function serialized(file: string): Buffer {
  const db = openDatabase(file);
  try {
    // A WAL-mode image cannot be opened from memory: write it back as a rollback-journal database.
    db.$client.pragma('journal_mode = DELETE');
    return db.$client.serialize();
  } finally {
    db.$client.close();
  }
}

/** DSS POLY/MONT (M) with POLY/NOV, POLY/OCT, POLY/SEP and EXCH01 (POLYNOMIAL/HQ, a requestor with its Dirsync Requestor object). */
function msmailDssTemplate(): Buffer {
  const file = tempDbFile('predict-ms');
  for (const po of ['MONT', 'NOV', 'OCT', 'SEP']) ok(file, `po create POLY/${po} --password PW`);
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ALICE "Alice Walker"');
  ok(file, 'user add -dO OLGA "Olga Roberts"');
  ok(file, 'ds server -dM on');
  for (const po of ['NOV', 'OCT', 'SEP']) {
    ok(file, `ds requestor create -dM POLY/${po} --password S`);
    ok(file, `ds register -dPOLY/${po} POLY/MONT --password S`);
  }
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
  ok(file, 'exchange container add EXCH01 "MS Mail Users"');
  ok(file, 'exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients --import-container "MS Mail Users"');
  // One cycle's worth of lists in the master: the body is not empty.
  for (const d of ['M', 'N', 'O']) ok(file, `reqmain -t -d${d}`);
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'srvmain -r -dM');
  return serialized(file);
}

/** EXCH01 (POLYNOMIAL/HQ) the dirsync server of POLY/NOV ("NOV"), POLY/OCT ("October Office") and POLY/SEP ("SEP"). */
function exchangeDssTemplate(): Buffer {
  const file = tempDbFile('predict-x');
  for (const po of ['NOV', 'OCT', 'SEP']) ok(file, `po create POLY/${po} --password PW`);
  ok(file, 'user add -dPOLY/NOV ANN "Ann Arbor"');
  ok(file, 'user add -dPOLY/OCT DAN "Dan Dee"');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  for (const po of ['NOV', 'OCT', 'SEP']) ok(file, `exchange connection add EXCH01 POLY/${po}`);
  ok(file, 'exchange dss EXCH01 --schedule never');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/OCT --name "October Office" --password OCTPW --export-containers Recipients');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/SEP --password SEPPW --export-containers Recipients');
  for (const po of ['NOV', 'OCT', 'SEP']) ok(file, `ds register -dPOLY/${po} POLYNOMIAL/HQ --password ${po}PW`);
  return serialized(file);
}

const num = fc.integer({ min: 0, max: 6 });
const triple = fc.record({ reqSync: num, srvSync: num, impSync: num });

function setReqconf(db: Db, po: string, n: { reqSync: number; srvSync: number; impSync: number }): void {
  db.$client
    .prepare("update reqconf set req_sync = ?, srv_sync = ?, imp_sync = ? where po_id = (select id from postoffice where network || '/' || name = ?)")
    .run(n.reqSync, n.srvSync, n.impSync, po);
}

function setRecord(db: Db, dss: string, requestor: string, n: { reqSync: number; srvSync: number; impSync: number } | null): void {
  const where = "dss_po_id = (select id from postoffice where network || '/' || name = ?) and requestor = ?";
  if (n === null) db.$client.prepare(`delete from srv_requestor where ${where}`).run(dss, requestor);
  else db.$client.prepare(`update srv_requestor set req_sync = ?, srv_sync = ?, imp_sync = ? where ${where}`).run(n.reqSync, n.srvSync, n.impSync, dss, requestor);
}

const numbersAt = (db: Db, po: string) =>
  db.$client
    .prepare("select req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync from reqconf where po_id = (select id from postoffice where network || '/' || name = ?)")
    .get(po);

/** Drop every k-th master entry (k random): lists of random sizes, some registered lists empty. */
function thinMaster(db: Db, keepEvery: number): void {
  if (keepEvery > 0) db.$client.prepare('delete from master_entry where id % ? = 0').run(keepEvery);
}

/** The prediction writes nothing. */
function predictWritingNothing<T>(db: Db, f: () => T): T {
  const before = JSON.stringify(snapshotOf(db, true));
  const out = f();
  expect(JSON.stringify(snapshotOf(db, true))).toBe(before);
  return out;
}

interface Outcome {
  fatal?: { number: number; text: string };
}

/** Compare one target's verdict with what the real apply did to it. */
function expectAgreement(db: Db, p: ResyncPrediction, requestor: string, po: string, out: Outcome | undefined, place: string): void {
  const v = p.verdicts.find((x) => x.requestor === requestor)!;
  if (v.applies) {
    expect(out?.fatal, `${requestor} was predicted to apply`).toBeUndefined();
    expect(numbersAt(db, po)).toEqual({ reqSync: p.header!.reqSeq, srvSync: p.header!.srvSeq, impSync: p.header!.impSeq });
    expect(readStoredFile(db, place, 'RESYNC.GLB')).toBeUndefined();
  } else if (p.noFile) {
    // No Resync.glb was written: nothing to copy, nothing applied, numbers unchanged.
    expect(out).toBeUndefined();
  } else {
    expect(out?.fatal, `${requestor} was predicted to refuse: ${v.rule}`).toEqual({ number: 14, text: `Error processing RESYNC.GLB: ${v.rule}` });
    expect(readStoredFile(db, place, 'RESYNC.GLB')).toBeDefined();
  }
}

/** The header the prediction gave is the one in the file the extract wrote. */
function expectHeader(p: ResyncPrediction, bytes: Uint8Array): void {
  const f = decodeResyncGlb(bytes);
  expect(p.header).toEqual({ impSeq: f.impSeq, reqSeq: f.reqSeq, srvSeq: f.srvSeq, records: f.records.length, dss: f.dss });
}

/** The file prediction on the real file says what the plan said, target by target. */
function expectFileAgrees(db: Db, p: ResyncPrediction, bytes: Uint8Array, targets: string[]): void {
  const fp = predictWritingNothing(db, () => predictResyncFile(db, bytes, targets));
  expect(fp.header).toEqual(p.header);
  expect(fp.verdicts.map((v) => [v.requestor, v.applies, v.rule])).toEqual(p.verdicts.map((v) => [v.requestor, v.applies, v.rule]));
}

const RUNS = 200;

type Damage = { kind: 'none' } | { kind: 'flip'; at: number; to: number } | { kind: 'cut'; at: number } | { kind: 'append'; bytes: Uint8Array };

describe('the resync prediction = the outcome of the real extract, copy and apply', () => {
  let msTemplate: Buffer;
  let xTemplate: Buffer;
  beforeAll(() => {
    msTemplate = msmailDssTemplate();
    xTemplate = exchangeDssTemplate();
  }, 120_000);

  it('MS Mail DSS → MS Mail requestors and the Exchange requestor', () => {
    const requestors = ['POLY/NOV', 'POLY/OCT', 'POLY/SEP', 'EXCH01', 'POLY/MONT'];
    const poOf: Record<string, string> = { EXCH01: 'POLYNOMIAL/HQ' };
    const placeOf = (r: string) => (r === 'EXCH01' ? 'EXCH01:Dxadata' : r);
    fc.assert(
      fc.property(
        fc.record({
          at: fc.array(triple, { minLength: 5, maxLength: 5 }),
          inDss: fc.array(fc.option(triple, { freq: 5 }), { minLength: 4, maxLength: 4 }),
          own: triple,
          targets: fc.subarray(requestors, { minLength: 1 }),
          keepEvery: fc.integer({ min: 0, max: 4 }),
        }),
        ({ at, inDss, own, targets, keepEvery }) => {
          const db = clone(msTemplate);
          try {
            requestors.forEach((r, k) => setReqconf(db, poOf[r] ?? r, at[k]));
            ['POLY/NOV', 'POLY/OCT', 'POLY/SEP', 'POLYNOMIAL/HQ'].forEach((r, k) => setRecord(db, 'POLY/MONT', r, inDss[k]));
            setRecord(db, 'POLY/MONT', 'POLY/MONT', own);
            thinMaster(db, keepEvery);

            const p = predictWritingNothing(db, () => predictResync(db, { dss: 'M', requestors: targets }));
            expect(p.direction).toBe(targets.includes('EXCH01') ? 'msmail-dss-to-exchange' : 'msmail-dss-to-msmail');
            expect(p.verdicts.map((v) => v.requestor)).toEqual(targets);

            expect(resyncExtract(db, 'POLY/MONT').fatal).toBeUndefined();
            const bytes = readStoredFile(db, 'POLY/MONT', 'RESYNC.GLB')!;
            expectHeader(p, bytes);
            expectFileAgrees(db, p, bytes, targets);
            for (const t of targets) writeStoredFile(db, placeOf(t), 'RESYNC.GLB', bytes);
            for (const t of targets) {
              const out = t === 'EXCH01' ? controlService(db, 'EXCH01', 'MSExchangeDX', 'restart').cycle : importSrvtrans(db, t);
              expectAgreement(db, p, t, poOf[t] ?? t, out, placeOf(t));
            }
          } finally {
            db.$client.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('an uploaded file, damaged or not: predictResyncFile = what import -q and the DX restart then do with it', () => {
    // One real file from the DSS, then random damage: a byte changed, cut short, bytes appended.
    const base = clone(msTemplate);
    resyncExtract(base, 'POLY/MONT');
    const good = readStoredFile(base, 'POLY/MONT', 'RESYNC.GLB')!;
    base.$client.close();
    const damage: fc.Arbitrary<Damage> = fc.oneof(
      fc.record({ kind: fc.constant('none' as const) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), to: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    );
    const mutate = (d: Damage): Uint8Array => {
      switch (d.kind) {
        case 'flip': {
          const b = Uint8Array.from(good);
          b[d.at % b.length] = d.to;
          return b;
        }
        case 'cut':
          return good.subarray(0, d.at % good.length);
        case 'append':
          return Uint8Array.from([...good, ...d.bytes]);
        default:
          return good;
      }
    };
    const places: Record<string, [string, string]> = { 'POLY/NOV': ['POLY/NOV', 'POLY/NOV'], EXCH01: ['EXCH01:Dxadata', 'POLYNOMIAL/HQ'] };
    fc.assert(
      fc.property(damage, triple, fc.constantFrom('POLY/NOV', 'EXCH01'), (d, at, target) => {
        const db = clone(msTemplate);
        try {
          const [place, po] = places[target];
          setReqconf(db, po, at);
          const bytes = mutate(d);
          const p = predictWritingNothing(db, () => predictResyncFile(db, bytes, [target]));
          const [v] = p.verdicts;
          expect(p.header === null).toBe(p.damaged !== undefined);
          if (p.damaged) expect(v.rule).toBe(`the file is damaged (${p.damaged})`);
          if (!v.applies) expect(v.fixes[0].code).toBe('makeNewFile');
          writeStoredFile(db, place, 'RESYNC.GLB', bytes);
          const out = target === 'EXCH01' ? controlService(db, 'EXCH01', 'MSExchangeDX', 'restart').cycle : importSrvtrans(db, target);
          expectAgreement(db, p, target, po, out, place);
        } finally {
          db.$client.close();
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('Exchange DSS → MS Mail requestors, with ResyncConnectionRDNs, GlobalMaxSeqInResync and the DXA version', () => {
    const requestors = ['POLY/NOV', 'POLY/OCT', 'POLY/SEP'];
    const nameStrings = ['NOV', 'October Office', 'POLY/SEP', 'POLY/OCT', 'Nowhere'];
    fc.assert(
      fc.property(
        fc.record({
          at: fc.array(triple, { minLength: 3, maxLength: 3 }),
          inDss: fc.array(fc.option(triple, { freq: 6 }), { minLength: 3, maxLength: 3 }),
          own: triple,
          targets: fc.subarray(requestors, { minLength: 1 }),
          names: fc.option(fc.subarray(nameStrings), { freq: 3 }),
          globalMax: fc.boolean(),
          explicit: fc.boolean(),
          sp3: fc.boolean(),
          keepEvery: fc.integer({ min: 0, max: 3 }),
        }),
        ({ at, inDss, own, targets, names, globalMax, explicit, sp3, keepEvery }) => {
          const db = clone(xTemplate);
          try {
            requestors.forEach((r, k) => setReqconf(db, r, at[k]));
            requestors.forEach((r, k) => setRecord(db, 'POLYNOMIAL/HQ', r, inDss[k]));
            setRecord(db, 'POLYNOMIAL/HQ', 'POLYNOMIAL/HQ', own);
            thinMaster(db, keepEvery);
            if (sp3) setExchangeVersion(db, 'EXCH01', '5.5 SP3');
            if (globalMax) setRegistryValue(db, 'EXCH01', 'GlobalMaxSeqInResync', ['1']);
            else if (explicit) setRegistryValue(db, 'EXCH01', 'GlobalMaxSeqInResync', ['0']);

            const p = predictWritingNothing(db, () =>
              predictResync(db, { dss: 'EXCH01', requestors: targets, names: names ?? undefined, globalMax: explicit ? globalMax : undefined }),
            );
            expect(p.direction).toBe('exchange-dss-to-msmail');
            expect(p.globalMaxInForce).toBe(globalMax && sp3);

            // The real procedure: the value, the restart, the copy, Import -q.
            const written = p.names!;
            if (written.length) setRegistryValue(db, 'EXCH01', 'ResyncConnectionRDNs', written);
            controlService(db, 'EXCH01', 'MSExchangeDX', 'restart');
            const bytes = readStoredFile(db, 'EXCH01:Dxadata', 'RESYNC.GLB');
            expect(bytes === undefined).toBe(p.noFile !== undefined);
            if (bytes) {
              expectHeader(p, bytes);
              expectFileAgrees(db, p, bytes, targets);
              for (const t of targets) writeStoredFile(db, t, 'RESYNC.GLB', bytes);
            } else {
              expect(p.header).toBeNull();
              expect(p.verdicts.every((v) => !v.applies && v.rule === p.noFile)).toBe(true);
            }
            for (const t of targets) {
              const before = numbersAt(db, t);
              const out = bytes ? importSrvtrans(db, t) : undefined;
              expectAgreement(db, p, t, t, out, t);
              if (!bytes) expect(numbersAt(db, t)).toEqual(before);
            }
            // A refused target's fixes are real: with them the file would apply.
            for (const v of p.verdicts.filter((x) => !x.applies)) {
              for (const fix of v.fixes) {
                const again =
                  fix.code === 'nameToo'
                    ? predictResync(db, { dss: 'EXCH01', requestors: [v.requestor], names: [...written, ...fix.names!], globalMax: explicit ? globalMax : undefined })
                    : fix.code === 'setGlobalMax'
                      ? predictResync(db, { dss: 'EXCH01', requestors: [v.requestor], names: written, globalMax: true })
                      : undefined;
                if (fix.code === 'setGlobalMax') expect(sp3).toBe(true);
                if (fix.code === 'upgradeDxa') expect(sp3).toBe(false);
                if (again) expect(again.verdicts[0].applies, `${fix.code} for ${v.requestor}`).toBe(true);
              }
            }
            const upgrade = p.verdicts.filter((x) => x.fixes.some((f) => f.code === 'upgradeDxa')).map((x) => x.requestor);
            if (upgrade.length) {
              setExchangeVersion(db, 'EXCH01', '5.5 SP3');
              const again = predictResync(db, { dss: 'EXCH01', requestors: upgrade, names: written, globalMax: true });
              expect(again.verdicts.every((x) => x.applies)).toBe(true);
            }
          } finally {
            db.$client.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
