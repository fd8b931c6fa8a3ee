import { describe, expect, it } from 'vitest';
import { dropSuperseded, txnListKey } from '@/lib/dirsync/superseded';
import { manualCycle, ok, smallNetwork, tempDbFile } from './helpers';

const entry = (text: string) => ({ text, listKey: txnListKey(text) });

describe('transactions superseded by a later R of the same list', () => {
  it('names the list a transaction changes', () => {
    expect(txnListKey('R pcm:poly/nov')).toBe('PCM:POLY/NOV');
    expect(txnListKey('A Ann\tMS:POLY/NOV/ANN')).toBe('PCM:POLY/NOV');
    expect(txnListKey('D Guy\tSMTP:guy@example.com')).toBe('SMTP:');
    expect(txnListKey('A Ann\tPCM:POLY/NOV/ANN\n- Phone:/555')).toBe('PCM:POLY/NOV');
  });

  it('drops what comes before an R of the same list, and nothing else', () => {
    const texts = [
      'A Ann\tPCM:POLY/NOV/ANN',
      'A Dan\tPCM:POLY/OCT/DAN',
      'D Ben\tPCM:POLY/NOV/BEN',
      'R PCM:POLY/NOV',
      'A Ann\tPCM:POLY/NOV/ANN',
      'A Guy\tSMTP:guy@example.com',
      'M Dan Dee\tPCM:POLY/OCT/DAN',
    ];
    expect(dropSuperseded(texts.map(entry)).map((e) => e.text)).toEqual([
      'A Dan\tPCM:POLY/OCT/DAN',
      'R PCM:POLY/NOV',
      'A Ann\tPCM:POLY/NOV/ANN',
      'A Guy\tSMTP:guy@example.com',
      'M Dan Dee\tPCM:POLY/OCT/DAN',
    ]);
  });

  it('an Export after new mailboxes sends each name once, and every GAL ends the same', () => {
    const file = tempDbFile('superseded');
    smallNetwork(file, { N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow']], O: [['DAN', 'Dan Dee']] });
    ok(file, 'ds export -dN');
    // Two T0 adds, then R and two adds: the DSS numbers all five, but sends on only the last three.
    expect(ok(file, 'reqmain -t -dN')).toContain('ReqTx R=5 (was 0), S=0, I=0 5 sent');
    ok(file, 'reqmain -t -dO');
    ok(file, 'external -0');
    ok(file, 'external -0');
    expect(ok(file, 'nsda -s -dM')).toContain('SrvTx R=1 S=6 (was 0), I=0 3 sent');
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    for (const d of ['M', 'N', 'O']) expect(ok(file, `rebuild -f -d${d}`)).toBe('GAL rebuilt: 3 names');
  });
});

describe('T2 transmit builds each reply from runs shared by all requestors', () => {
  it('gives every requestor exactly dropSuperseded of the entries it did not send (fast-check)', async () => {
    const fc = (await import('fast-check')).default;
    const { replyRuns, replyOf } = await import('@/lib/dirsync/srvmain-transmit');
    const { joinRecords } = await import('@/lib/dirsync/transactions');
    const origins = ['NET/A', 'NET/B', 'NET/C'];
    // Lists that several origins change (a gateway type) as well as each origin's own.
    const lists = ['PCM:NET/A', 'PCM:NET/B', 'PCM:NET/C', 'SMTP:', 'X400:', null];
    const entryArb = fc.record({ origin: fc.constantFrom(...origins), listKey: fc.constantFrom(...lists), r: fc.boolean(), name: fc.string({ maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (raw) => {
        const rows = raw.map((e, k) => ({ sync: k + 1, origin: e.origin, listKey: e.listKey, text: e.r && e.listKey ? `R ${e.listKey}` : `A ${e.name}\t${e.listKey ?? 'BAD'}` }));
        const runs = replyRuns(rows);
        for (const requestor of [...origins, 'NET/D']) {
          const expected = dropSuperseded(rows.filter((e) => e.origin !== requestor));
          const got = replyOf(runs, requestor);
          expect(got.attachment).toBe(joinRecords(expected.map((e) => e.text)));
          expect(got.numbers).toBe(expected.map((e) => e.sync).join(','));
          expect(got.n).toBe(expected.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
