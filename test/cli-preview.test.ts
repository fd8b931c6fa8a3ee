import { describe, expect, it } from 'vitest';
import { cli, dump, manualCycle, ok, smallNetwork, tempDbFile } from './helpers';

/** `dirsync preview` (docs/cli.md): the next cycle of a requestor, as text and --json, changing nothing. */
describe('dirsync preview', () => {
  function network(): string {
    const file = tempDbFile('cli-preview');
    smallNetwork(file, { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker'], ['BOB', 'Bob Stone']], O: [['OLGA', 'Olga Roberts']] });
    return file;
  }

  it('prints the update, the reply and the GAL changes, and changes nothing', () => {
    const file = network();
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    ok(file, 'user add -dO OTTO "Otto Lang"');
    ok(file, 'user modify -dM PAUL "Paul G. Allen"');
    ok(file, 'user delete -dN BOB');
    const before = dump(file);
    const out = ok(file, 'preview -dN');
    expect(dump(file)).toEqual(before);
    expect(out.split('\n')).toEqual([
      'Preview of the next cycle of POLY/NOV (dirsync server POLY/MONT): nothing was changed',
      'T1 would send: ReqTx R=3 (was 2), S=4, I=0 1 sent',
      '  D Bob Stone  PCM:POLY/NOV/BOB',
      'The DSS would reply: SrvTx R=3 S=7 (was 4), I=0 2 sent',
      '  M Paul G. Allen  PCM:POLY/MONT/PAUL',
      '  A Otto Lang  PCM:POLY/OCT/OTTO',
      'After T3 the GAL would hold 4 names (now 4): 1 gained, 1 changed, 1 lost',
      '  + Otto Lang  PCM:POLY/OCT/OTTO',
      '  ~ Paul Allen → Paul G. Allen  PCM:POLY/MONT/PAUL',
      '  - Bob Stone  PCM:POLY/NOV/BOB',
    ]);
    const json = JSON.parse(ok(file, 'preview -dPOLY/NOV --json'));
    expect(json).toMatchObject({ requestor: 'POLY/NOV', dss: 'POLY/MONT', kind: 'msmail', gal: { before: 4, after: 4 } });
    expect(json.reply.transactions).toHaveLength(2);
    // The whole network, and the cycle then does what the preview said.
    const all = JSON.parse(ok(file, 'preview --dss POLY/MONT --json')) as { requestor: string; gal: { after: number } }[];
    expect(all.map((p) => p.requestor)).toEqual(['POLY/MONT', 'POLY/NOV', 'POLY/OCT']);
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    expect(ok(file, 'rebuild -f -dN')).toBe(`GAL rebuilt: ${all[1].gal.after} names`);
  });

  it('refuses bad usage with exit status 2 and a postoffice that is not a requestor', () => {
    const file = network();
    expect(cli(file, 'preview').code).toBe(2);
    expect(cli(file, 'preview -dN --dss POLY/MONT').code).toBe(2);
    ok(file, 'po create POLY/LONE --password X');
    const r = cli(file, 'preview -dPOLY/LONE');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not the requestor of any dirsync server/);
  });
});
