import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { openDatabase, type Db } from '@/db/client';
import { withTrigger } from '@/lib/history/record-run';
import { queryRuns, runDetail, type RunRow } from '@/lib/history/query-runs';
import { runRetention, setRunRetention } from '@/lib/history/retention';
import { cli, exchangeDssCycle, exchangeDssNetwork, ok, refusal, smallNetwork, tempDbFile } from './helpers';

/**
 * Run history (issue 13, docs/engine.md "Run history"): every step writes exactly one row in its
 * own transaction, with counts taken from what it really sent, read and logged.
 */
const runs = (file: string, filter = {}): RunRow[] => {
  const db = openDatabase(file);
  try {
    return queryRuns(db, { limit: 1000, ...filter }).runs.reverse();
  } finally {
    db.$client.close();
  }
};
const withDb = <T>(file: string, f: (db: Db) => T): T => {
  const db = openDatabase(file);
  try {
    return f(db);
  } finally {
    db.$client.close();
  }
};

describe('run history of the worked example (test/worked-example.test.ts)', () => {
  const file = tempDbFile('history');
  smallNetwork(file, {
    M: [['MAX', 'Max Mont']],
    N: [['NINA', 'Nina N'], ['NED', 'Ned N'], ['NORA', 'Nora N']],
    O: [['OLGA', 'Olga O'], ['OTTO', 'Otto O']],
  });

  it('T1 writes one row per requestor with the transactions and messages it sent', () => {
    for (const d of ['M', 'N', 'O']) ok(file, `reqmain -t -d${d}`);
    const t1 = runs(file, { kind: 'T1' });
    expect(t1.map((r) => [r.object, r.txnOut, r.messages, r.outcome, r.trigger])).toEqual([
      ['POLY/MONT', 1, 2, 'OK', 'command line'],
      ['POLY/NOV', 3, 2, 'OK', 'command line'],
      ['POLY/OCT', 2, 2, 'OK', 'command line'],
    ]);
    const d = withDb(file, (db) => runDetail(db, t1[1].id));
    expect(d.messageList.map((m) => `${m.dir} ${m.subject}`)).toContain('sent ReqTx R=3 (was 0), S=0, I=0 3 sent');
    expect(d.logLines.map((l) => l.number)).toEqual([101, 106, 102]);
  });

  it('transport, T2 and T3 each write one row with their counts; a pass that moves nothing writes none', () => {
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'external -0'); // nothing left to move
    const passes = runs(file, { kind: 'External' });
    expect(passes.map((r) => r.summary)).toEqual(['0 delivered, 4 queued', '4 delivered, 0 queued']);
    expect(passes.map((r) => r.messages)).toEqual([4, 4]);
    ok(file, 'srvmain -r -dM');
    ok(file, 'srvmain -t -dM');
    const [receive] = runs(file, { kind: 'T2 receive' });
    expect([receive.object, receive.txnIn]).toEqual(['POLY/MONT', 6]);
    const [transmit] = runs(file, { kind: 'T2 transmit' });
    expect([transmit.txnOut, transmit.messages]).toEqual([5 + 3 + 4, 3]);
    ok(file, 'external -0');
    ok(file, 'external -0');
    for (const d of ['M', 'N', 'O']) {
      ok(file, `reqmain -r -d${d}`);
      ok(file, `import admin -pSECRET -d${d} -q -y`);
      ok(file, `rebuild -f -d${d}`);
    }
    const nov = runs(file, { object: 'POLY/NOV' });
    expect(nov.map((r) => r.kind)).toEqual(['T1', 'T3 receive', 'T3 import', 'T3 rebuild']);
    expect(nov.slice(1).map((r) => r.txnIn)).toEqual([3, 3, 0]);
    expect(nov[3].summary).toBe('GAL rebuilt: 6 names');
  });

  it('a fatal step is recorded as an Error with its MS Mail number; a refused one leaves no row', () => {
    const before = runs(file).length;
    ok(file, 'reqmain -t -dN');
    ok(file, 'external -0');
    ok(file, 'external -0');
    expect(cli(file, 'srvmain -t -dM').code).toBe(1); // a ReqTx waits: Invalid Server Request
    const [last] = runs(file).slice(-1);
    expect([last.kind, last.outcome, last.numbers]).toEqual(['T2 transmit', 'Error', '133']);
    expect(runs(file).length).toBe(before + 3 + 1); // T1 and two passes, then the fatal T2 transmit
    // A bad import file is refused before anything is written: no run.
    const bad = path.join(path.dirname(file), 'bad.txt');
    fs.writeFileSync(bad, 'A Nobody\tPCM:POLY/NOV/NOBODY\nQ not a command\n');
    expect(cli(file, ['import', 'admin', '-pSECRET', '-dN', `-f${bad}`]).code).toBe(2);
    expect(runs(file).length).toBe(before + 4);
  });

  it('a step started by the console records the trigger and the account', () => {
    const db = openDatabase(file);
    try {
      withTrigger(db, { trigger: 'console', who: 'admin' }, () => {
        // The engine verb on this connection sees the trigger.
        reqmainTransmit(db, 'POLY/OCT');
      });
      const [last] = queryRuns(db, { limit: 1 }).runs;
      expect([last.trigger, last.who, last.kind]).toEqual(['console', 'admin', 'T1']);
    } finally {
      db.$client.close();
    }
  });

  it('filters page newest first; the retention setting keeps the newest runs', () => {
    const db = openDatabase(file);
    try {
      const first = queryRuns(db, { limit: 2 });
      const second = queryRuns(db, { limit: 2, before: first.next! });
      expect(first.runs[0].id).toBeGreaterThan(first.runs[1].id);
      expect(second.runs[0].id).toBeLessThan(first.runs[1].id);
      expect(queryRuns(db, { outcome: 'Error' }).runs.every((r) => r.outcome === 'Error')).toBe(true);
      expect(refusal(() => queryRuns(db, { outcome: 'Bad' })).message).toMatch(/not an outcome/);
      expect(refusal(() => setRunRetention(db, 5)).message).toMatch(/from 100/);
      const total = runRetention(db).rows;
      expect(total).toBeGreaterThan(20);
      expect(setRunRetention(db, 100).maxRows).toBe(100);
    } finally {
      db.$client.close();
    }
  });
});

describe('run history on the Exchange side', () => {
  it('a DXA cycle is one row (its SRVMAIN work inside it), and a PC MTA pass that delivers a reply is one', () => {
    const file = exchangeDssNetwork('history-x');
    exchangeDssCycle(file);
    const all = runs(file);
    const t2 = all.filter((r) => r.kind === 'DXA T2');
    expect(t2).toHaveLength(1);
    expect([t2[0].object, t2[0].trigger, t2[0].txnIn]).toEqual(['EXCH01', 'service pause', 1]);
    expect(all.some((r) => r.kind === 'T2 receive' || r.kind === 'T2 transmit')).toBe(false);
    const passes = all.filter((r) => r.kind === 'PC MTA');
    expect(passes.length).toBeGreaterThanOrEqual(2);
    expect(passes.every((r) => r.trigger === 'Dispatch' && r.messages > 0)).toBe(true);
  });
});

describe('dirsync history', () => {
  it('lists, shows, exports CSV and sets retention', () => {
    const file = tempDbFile('history-cli');
    smallNetwork(file, { N: [['NINA', 'Nina N']] });
    ok(file, 'reqmain -t -dN');
    const list = ok(file, 'history');
    expect(list.split('\n')[0]).toMatch(/^Id\s+Start\s+Kind/);
    expect(list).toMatch(/T1\s+POLY\/NOV/);
    const json = JSON.parse(ok(file, 'history --json --kind T1'));
    expect(json.runs).toHaveLength(1);
    expect(ok(file, `history show ${json.runs[0].id}`)).toMatch(/sent\s+ReqTx R=1 \(was 0\), S=0, I=0 1 sent/);
    const csv = ok(file, 'history export --object POLY/NOV').split('\n');
    expect(csv[0]).toMatch(/^Id,Start,End,Kind,Object/);
    expect(csv).toHaveLength(2);
    expect(ok(file, 'history retention 500')).toMatch(/keeps the newest 500 runs/);
    expect(cli(file, 'history --outcome maybe').code).toBe(2);
    expect(cli(file, 'history show 999').code).toBe(2);
  });
});
