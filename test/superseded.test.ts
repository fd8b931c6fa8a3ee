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
