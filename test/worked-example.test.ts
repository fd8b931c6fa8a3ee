import { describe, expect, it } from 'vitest';
import { cli, ok, tempDbFile } from './helpers';

// The worked example of the dirsync protocol (sync numbers after each step), run through the command line exactly as an administrator would.
describe('the worked example of the dirsync protocol', () => {
  const db = tempDbFile('worked');
  const pw = 'admin -pSECRET';
  const setup = [
    'po create POLY/MONT --password SECRET',
    'po create POLY/NOV --password SECRET',
    'po create POLY/OCT --password SECRET',
    'ds server -dPOLY/MONT on',
    'ds requestor create -dPOLY/MONT POLY/NOV --password NOVPW',
    'ds requestor create -dPOLY/MONT POLY/OCT --password OCTPW',
    'ds register -dPOLY/NOV POLY/MONT --password NOVPW',
    'ds register -dPOLY/OCT POLY/MONT --password OCTPW',
    'user add -dPOLY/NOV ANN "Ann Arbor"',
    'user add -dPOLY/NOV BEN "Ben Bow"',
    'user add -dPOLY/NOV CAT "Cat Cole"',
    'user add -dPOLY/OCT DAN "Dan Dee"',
    'user add -dPOLY/OCT EVE "Eve Eng"',
    'user add -dPOLY/MONT PAUL "Paul"',
  ];

  it('sets up the network with drives M, N, O', () => {
    for (const line of setup) ok(db, line);
    expect(ok(db, 'po list --json')).toContain('"drive": "N"');
  });

  it('T1 on each postoffice queues the documented subjects', () => {
    expect(ok(db, 'reqmain -t -dN')).toContain('ReqTx R=3 (was 0), S=0, I=0 3 sent');
    expect(ok(db, 'reqmain -t -dO')).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    expect(ok(db, 'reqmain -t -dM')).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
  });

  it('two External passes carry the requests to the DSS; T2 sends each requestor what it lacks', () => {
    expect(ok(db, 'external -0')).toBe('0 delivered, 4 queued');
    expect(ok(db, 'external -0')).toBe('4 delivered, 0 queued');
    ok(db, 'srvmain -r -dM');
    const replies = ok(db, 'srvmain -t -dM').split('\n');
    expect(replies).toContain('SrvTx R=3 S=6 (was 0), I=0 3 sent');
    expect(replies).toContain('SrvTx R=2 S=6 (was 0), I=0 4 sent');
    expect(replies).toContain('SrvTx R=1 S=6 (was 0), I=0 5 sent');
    const msttrans = ok(db, `listq ${pw} -dM -fmsttrans`).split('\n');
    expect(msttrans).toHaveLength(1 + 6);
    expect(ok(db, `listds ${pw} -dM -s`)).toContain('Highest SrvSync is 6, Current Dirsync Cycle is 1');
  });

  it('T3 everywhere gives every GAL the six mailboxes', () => {
    ok(db, 'external -0');
    ok(db, 'external -0');
    for (const d of ['M', 'N', 'O']) {
      ok(db, `reqmain -r -d${d}`);
      ok(db, `import ${pw} -d${d} -q -y`);
      expect(ok(db, `rebuild -f -d${d}`)).toBe('GAL rebuilt: 6 names');
    }
    expect(ok(db, `listds ${pw} -dN -r`)).toBe(
      ['Examining POLY/NOV Requestor Configuration Record', '', 'Dir-Sync Server: POLY/MONT', 'ReqSync = 3, SrvSync = 6'].join('\n'),
    );
  });

  it('a second cycle with no changes sends 0 everywhere and changes no GAL', () => {
    expect(ok(db, 'reqmain -t -dN')).toContain('ReqTx R=3 (was 3), S=6, I=0 0 sent');
    ok(db, 'reqmain -t -dO');
    ok(db, 'reqmain -t -dM');
    ok(db, 'external -0');
    ok(db, 'external -0');
    const replies = ok(db, 'nsda -s -dM').split('\n').filter((l) => l.startsWith('SrvTx'));
    expect(replies).toEqual(['SrvTx R=1 S=6 (was 6), I=0 0 sent', 'SrvTx R=3 S=6 (was 6), I=0 0 sent', 'SrvTx R=2 S=6 (was 6), I=0 0 sent']);
    ok(db, 'external -0');
    ok(db, 'external -0');
    for (const d of ['M', 'N', 'O']) expect(ok(db, `nsda -rr -d${d}`)).toContain('GAL rebuilt: 6 names');
  });

  it('listds -s shows every record, the DSS first, in the documented shape', () => {
    const text = ok(db, `listds ${pw} -dM -s`);
    expect(text.split('\n').slice(0, 7)).toEqual([
      'Examining POLY/MONT Server Configuration Record',
      'Highest SrvSync is 6, Current Dirsync Cycle is 2',
      '',
      '     Server Requestor Record #1',
      'Requestor name: PCM:POLY/MONT',
      'ReqSync = 1, SrvSync = 6, Last Cycle = 2',
      'Last update received Sat Feb 26 08:00:00 1994',
    ]);
  });

  it('refuses a wrong admin password with exit 2 and one line on stderr', () => {
    const r = cli(db, 'listds admin -pWRONG -dM -s');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/wrong administrator password/);
  });
});
