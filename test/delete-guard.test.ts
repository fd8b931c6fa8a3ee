import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { guardLimit } from '@/lib/dirsync/delete-guard';
import { applyHealthFix, type StateFix } from '@/lib/health/apply-fix';
import { checkHealth } from '@/lib/health/check-health';
import { predictResync } from '@/lib/resync/predict-resync';
import { cli, exchangeRequestorCycle, exchangeRequestorNetwork, ok, smallNetwork, tempDbFile, type CliResult } from './helpers';

function q<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = openDatabase(file);
  try {
    return db.$client.prepare(sql).all(...args) as T[];
  } finally {
    db.$client.close();
  }
}
const one = <T>(file: string, sql: string, ...args: unknown[]) => q<T>(file, sql, ...args)[0];

/** The names O's GAL shows after its last rebuild, and what its lists hold now. */
const galCount = (file: string, po: string) => one<{ n: number }>(file, 'select gal_count as n from postoffice where name = ?', po).n;
const liveNames = (file: string, po: string) =>
  q<{ address: string }>(file, 'select e.address from list_entry e join postoffice p on p.id = e.po_id where p.name = ? and e.removed_gen = 0 order by 1', po).map((r) => r.address);
const srvtrans = (file: string, po: string) => one<{ n: number }>(file, 'select count(*) as n from srvtrans s join postoffice p on p.id = s.po_id where p.name = ?', po).n;
const held = (file: string, po: string) =>
  one<{ source: string | null; removed: number | null } | undefined>(
    file,
    'select held_source as source, held_removed as removed from delete_guard g join postoffice p on p.id = g.po_id where p.name = ?',
    po,
  );

/**
 * One manual cycle (KB Q96060) over M (DSS), N, O that goes on when an import is held, as Dispatch
 * would: returns each postoffice's `import -q` result.
 */
function cycle(file: string): Record<string, CliResult> {
  const all = ['M', 'N', 'O'];
  for (const d of all) ok(file, `reqmain -t -d${d}`);
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'srvmain -r -dM');
  ok(file, 'srvmain -t -dM');
  ok(file, 'external -0');
  ok(file, 'external -0');
  const imports: Record<string, CliResult> = {};
  for (const d of all) {
    ok(file, `reqmain -r -d${d}`);
    imports[d] = cli(file, `import admin -pSECRET -d${d} -q -y`);
    ok(file, `rebuild -f -d${d}`);
  }
  return imports;
}

const NOV = Array.from({ length: 12 }, (_, k) => [`U${k + 1}`, `User ${k + 1}`] as [string, string]);

/** MONT (PAUL), NOV (12 users), OCT (OLGA), converged: every GAL has the 14 names. */
function converged(label: string): string {
  const file = tempDbFile(label);
  smallNetwork(file, { M: [['PAUL', 'Paul Allen']], N: NOV, O: [['OLGA', 'Olga Roberts']] });
  cycle(file);
  cycle(file);
  expect(galCount(file, 'OCT')).toBe(14);
  return file;
}

/** NOV loses every mailbox: its whole list goes in the next cycle (more than the 10 names the default allows a GAL of 14). */
function emptyNov(file: string): Record<string, CliResult> {
  for (const [m] of NOV) ok(file, `user delete -dN ${m}`);
  return cycle(file);
}

function withDb<T>(file: string, f: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(file);
  try {
    return f(db);
  } finally {
    db.$client.close();
  }
}

describe('delete guard', () => {
  it('holds an import that empties a list: nothing applied, SRVTRANS kept, Fatal 900 with the count, an Error run', () => {
    const file = converged('guard-hold');
    const before = liveNames(file, 'OCT');
    const imports = emptyNov(file);
    expect(imports.O.code).toBe(1);
    expect(imports.O.out + imports.O.err).toMatch(/Fatal \[900\] Import held by the delete guard: it would remove 12 of the 14 names in the GAL \(limit 10\)/);
    // The DSS's own import is held too: it would lose the same 12 names.
    expect(imports.M.code).toBe(1);
    expect(liveNames(file, 'OCT')).toEqual(before);
    expect(galCount(file, 'OCT')).toBe(14);
    expect(srvtrans(file, 'OCT')).toBeGreaterThan(0);
    expect(held(file, 'OCT')).toEqual({ source: 'SRVTRANS', removed: 12 });
    expect(ok(file, 'log -dO dirsync')).toMatch(/Fatal \[900\] Import held by the delete guard: it would remove 12 of the 14 names/);
    const run = JSON.parse(ok(file, 'history --object POLY/OCT --kind "T3 import" --limit 1 --json')).runs[0];
    expect(run).toMatchObject({ outcome: 'Error', numbers: '900' });
    // While held, a later import applies nothing either.
    const again = cli(file, 'import admin -pSECRET -dO -q -y');
    expect(again.code).toBe(1);
    expect(again.out + again.err).toMatch(/still held/);
    expect(liveNames(file, 'OCT')).toEqual(before);
  });

  it('holds an R that replaces a list with fewer names, and applies one that keeps them', () => {
    // The guard watches an import only when its D's and the lists its R's replace could remove more
    // than the limit: an R is counted by the names its list holds now, whatever follows it.
    const file = converged('guard-r');
    const [novList] = q<{ k: string }>(file, "select address_key as k from list_entry where address_key like 'PCM:%/NOV/%' limit 1").map((r) =>
      r.k.slice(0, r.k.lastIndexOf('/')),
    );
    const address = (k: number) => `${novList}/U${k}`;
    const srvtransOfOct = (body: string) =>
      withDb(file, (db) =>
        db.$client.prepare("insert into srvtrans (po_id, stamp, numbers, body) select id, 0, '', ? from postoffice where name = 'OCT'").run(body),
      );
    // R and one name: 11 of NOV's 12 go, more than the limit of 10.
    srvtransOfOct([`R ${novList}`, `A User 1\t${address(1)}`].join('\f'));
    const heldImport = cli(file, 'import admin -pSECRET -dO -q -y');
    expect(heldImport.code).toBe(1);
    expect(held(file, 'OCT')).toEqual({ source: 'SRVTRANS', removed: 11 });
    ok(file, 'guard discard -dO');
    // R and all twelve again: nothing goes, applied.
    srvtransOfOct([`R ${novList}`, ...NOV.map(([, name], k) => `A ${name}\t${address(k + 1)}`)].join('\f'));
    expect(cli(file, 'import admin -pSECRET -dO -q -y').code).toBe(0);
    expect(held(file, 'OCT')?.source ?? null).toBe(null);
    expect(liveNames(file, 'OCT')).toHaveLength(14);
  });

  it('Apply anyway applies the held import and rebuilds the GAL; the run is recorded', () => {
    const file = converged('guard-apply');
    emptyNov(file);
    const out = ok(file, 'guard apply -dO');
    expect(out).toMatch(/Held import applied anyway/);
    expect(galCount(file, 'OCT')).toBe(2);
    expect(liveNames(file, 'OCT').some((a) => a.includes('POLY/NOV/'))).toBe(false);
    expect(srvtrans(file, 'OCT')).toBe(0);
    expect(held(file, 'OCT')?.source).toBeNull();
    const run = JSON.parse(ok(file, 'history --object POLY/OCT --kind "Delete guard apply" --json')).runs;
    expect(run).toHaveLength(1);
    expect(run[0].outcome).toBe('OK');
    expect(cli(file, 'guard apply -dO').err).toMatch(/no import is held at POLY\/OCT/);
  });

  it('Discard leaves the GAL as it was, empties SRVTRANS and asks for an Import on next cycle', () => {
    const file = converged('guard-discard');
    const before = liveNames(file, 'OCT');
    emptyNov(file);
    expect(ok(file, 'guard discard -dO')).toMatch(/Held import discarded/);
    expect(liveNames(file, 'OCT')).toEqual(before);
    expect(galCount(file, 'OCT')).toBe(14);
    expect(srvtrans(file, 'OCT')).toBe(0);
    expect(held(file, 'OCT')?.source).toBeNull();
    expect(one<{ n: number }>(file, "select import_next as n from reqconf r join postoffice p on p.id = r.po_id where p.name = 'OCT'").n).toBe(1);
    expect(JSON.parse(ok(file, 'history --object POLY/OCT --kind "Delete guard discard" --json')).runs[0].outcome).toBe('OK');
    // The import it asked for brings the DSS's lists whole: the names really are gone there, so the guard holds that one too.
    const next = cycle(file);
    expect(next.O.code).toBe(1);
    expect(held(file, 'OCT')?.source).toBe('SRVTRANS');
  });

  it('0 turns it off: the same import is applied at once', () => {
    const file = converged('guard-off');
    expect(ok(file, 'guard set -dO --off')).toMatch(/delete guard off/);
    const imports = emptyNov(file);
    expect(imports.O.code).toBe(0);
    expect(galCount(file, 'OCT')).toBe(2);
    expect(held(file, 'OCT')?.source).toBeNull();
    // Only O was turned off: M still holds.
    expect(imports.M.code).toBe(1);
    expect(cli(file, 'guard set -dO --names -3').code).toBe(2);
    expect(cli(file, 'guard set -dO --percent 101').err).toMatch(/from 0 \(off\) to 100/);
  });

  it('Health shows the held import as an error with Apply anyway and Discard; each fix clears it', () => {
    const file = converged('guard-health');
    emptyNov(file);
    const findings = () => withDb(file, (db) => checkHealth(db).findings.filter((f) => f.check === 'delete-guard-held'));
    const [m, o] = findings();
    expect(o).toMatchObject({ severity: 'error', object: 'POLY/OCT' });
    expect(o.title).toMatch(/remove 12 of 14 names/);
    expect(o.fixes.map((f) => f.label)).toEqual(['Apply anyway', 'Discard']);
    // The held SRVTRANS is this finding, not a forgotten temporary file.
    expect(withDb(file, (db) => checkHealth(db).findings.some((f) => f.check === 'temporary-file-not-empty' && f.object === 'POLY/OCT'))).toBe(false);
    withDb(file, (db) => applyHealthFix(db, o.fixes[0] as StateFix));
    expect(findings().map((f) => f.object)).toEqual(['POLY/MONT']);
    expect(galCount(file, 'OCT')).toBe(2);
    withDb(file, (db) => applyHealthFix(db, m.fixes[1] as StateFix));
    expect(findings()).toEqual([]);
    expect(galCount(file, 'MONT')).toBe(14);
    // A fix no finding offers any more is refused.
    expect(() => withDb(file, (db) => applyHealthFix(db, o.fixes[0] as StateFix))).toThrow(/No current Health finding offers this fix/);
  });

  it('the resync prediction says when the guard will hold the file', () => {
    const file = converged('guard-predict');
    for (const [m] of NOV) ok(file, `user delete -dN ${m}`);
    // The deletes reach the DSS; OCT has not imported them yet.
    ok(file, 'reqmain -t -dN');
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'srvmain -r -dM');
    const verdict = withDb(file, (db) => predictResync(db, { dss: 'M', requestors: ['O'] }).verdicts[0]);
    expect(verdict.applies).toBe(true);
    expect(verdict.guardHolds).toMatchObject({ removes: 12, gal: 14, limit: 10 });
    expect(verdict.guardHolds?.text).toMatch(/will hold this file/);
    ok(file, 'guard set -dO --names 20 --percent 0');
    expect(withDb(file, (db) => predictResync(db, { dss: 'M', requestors: ['O'] }).verdicts[0].guardHolds)).toBeUndefined();
  });

  it('holds a RESYNC.GLB that would empty a list: the file stays; Discard removes it and asks for an import', () => {
    const file = converged('guard-resync');
    for (const [m] of NOV) ok(file, `user delete -dN ${m}`);
    ok(file, 'reqmain -t -dN');
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'srvmain -r -dM');
    ok(file, 'import admin -pSECRET -dM -s -y');
    ok(file, 'file copy POLY/MONT POLY/OCT RESYNC.GLB');
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    const before = liveNames(file, 'OCT');
    const r = cli(file, 'import admin -pSECRET -dO -q -y');
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/Fatal \[900\] Import held by the delete guard: it would remove 12 of the 14 names in the GAL \(limit 10\); RESYNC\.GLB kept in POLY\/OCT/);
    expect(liveNames(file, 'OCT')).toEqual(before);
    expect(held(file, 'OCT')?.source).toBe('RESYNC.GLB');
    expect(ok(file, 'file list POLY/OCT')).toMatch(/RESYNC\.GLB/);
    ok(file, 'guard discard -dO');
    expect(ok(file, 'file list POLY/OCT')).not.toMatch(/RESYNC\.GLB/);
    expect(liveNames(file, 'OCT')).toEqual(before);
  });

  it('an Exchange requestor holds a reply that would empty its Import Container of a list, and Apply anyway applies it', () => {
    const file = exchangeRequestorNetwork('guard-exchange');
    for (const [m, f] of NOV) ok(file, ['user', 'add', '-dN', m, f]);
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    exchangeRequestorCycle(file);
    exchangeRequestorCycle(file);
    const imported = () => one<{ n: number }>(file, "select count(*) as n from recipient where imported_list = 'PCM:POLY/NOV'").n;
    // ALICE is NOV's own from the helper's network: 13 names in the list.
    expect(imported()).toBe(13);
    for (const [m] of [...NOV, ['ALICE']]) ok(file, `user delete -dN ${m}`);
    ok(file, 'guard set -dM --off');
    exchangeRequestorCycle(file);
    expect(imported()).toBe(13);
    expect(ok(file, 'guard show -dEXCH01')).toMatch(/Held since .*: SRVTRANS would remove 13 of \d+ names \(limit 10\)/);
    expect(ok(file, 'events --computer EXCH01 --id 9040')).toMatch(/Error 900: Import held by the delete guard/);
    ok(file, 'guard apply -dEXCH01');
    expect(imported()).toBe(0);
    expect(ok(file, 'guard show -dEXCH01')).toMatch(/Nothing held/);
  });

  it('an Exchange requestor: Discard leaves the Import Container as it was and sets Import on next cycle', () => {
    const file = exchangeRequestorNetwork('guard-exchange-discard');
    for (const [m, f] of NOV) ok(file, ['user', 'add', '-dN', m, f]);
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    exchangeRequestorCycle(file);
    exchangeRequestorCycle(file);
    const imported = () => one<{ n: number }>(file, "select count(*) as n from recipient where imported_list = 'PCM:POLY/NOV'").n;
    for (const [m] of [...NOV, ['ALICE']]) ok(file, `user delete -dN ${m}`);
    ok(file, 'guard set -dM --off');
    exchangeRequestorCycle(file);
    expect(ok(file, 'guard show -dEXCH01')).toMatch(/Held since/);
    expect(ok(file, 'guard discard -dEXCH01')).toMatch(/Held import discarded/);
    expect(imported()).toBe(13);
    expect(srvtrans(file, 'HQ')).toBe(0);
    expect(one<{ n: number }>(file, "select import_next as n from reqconf r join postoffice p on p.id = r.po_id where p.name = 'HQ'").n).toBe(1);
    expect(ok(file, 'events --computer EXCH01 --id 9041')).toMatch(/Held import discarded by the administrator/);
  });
});

describe('a normal cycle is never held', () => {
  it('held exactly when the names removed exceed the limit (random limits and changes)', async () => {
    // One converged network, copied for each run (the last connection to close leaves no WAL behind).
    const base = converged('guard-prop-base');
    const yieldToRunner = () => new Promise((r) => setTimeout(r, 0));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          names: fc.integer({ min: 0, max: 15 }),
          percent: fc.integer({ min: 0, max: 60 }),
          deletes: fc.integer({ min: 0, max: 12 }),
          adds: fc.integer({ min: 0, max: 4 }),
          renames: fc.integer({ min: 0, max: 4 }),
        }),
        async (c) => {
          // Each run is seconds of synchronous work: let the test runner's messages through between its parts.
          await yieldToRunner();
          const file = tempDbFile('guard-prop');
          fs.copyFileSync(base, file);
          ok(file, `guard set -dO --names ${c.names} --percent ${c.percent}`);
          for (const [m] of NOV.slice(0, c.deletes)) ok(file, `user delete -dN ${m}`);
          for (const [m] of NOV.slice(c.deletes, c.deletes + c.renames)) ok(file, ['user', 'modify', '-dN', m, `Renamed ${m}`]);
          for (let k = 0; k < c.adds; k++) ok(file, ['user', 'add', '-dN', `NEW${k}`, `New ${k}`]);
          await yieldToRunner();
          const imports = cycle(file);
          const limit = guardLimit(c, 14);
          const shouldHold = limit !== null && c.deletes > limit;
          expect(imports.O.code).toBe(shouldHold ? 1 : 0);
          expect(held(file, 'OCT')?.source ?? null).toBe(shouldHold ? 'SRVTRANS' : null);
          if (!shouldHold) expect(galCount(file, 'OCT')).toBe(14 - c.deletes + c.adds);
        },
      ),
      { numRuns: 8 },
    );
  }, 600_000);
});
