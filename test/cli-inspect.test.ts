import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { crc16Text } from '@/lib/dirsync/crc16';
import { cli, ok, tempDbFile, dump, smallNetwork } from './helpers';

// LISTQ, LISTDS, DSSCHED, the log files and --json, through the command line.

const PW = 'admin -pSECRET';
const HEAD_T = 'CRC  Date stamp               Sync#  Transaction';
const HEAD = 'CRC  Sync#  Transaction';
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
/** A LISTQ line as -t shows it. */
const qline = (sync: number, text: string, date = 'Sat Feb 26 08:00:00 1994') => `${hex4(crc16Text(text))} ${date} ${String(sync).padStart(6, '0')} ${text}`;

function sql(file: string, text: string, ...params: unknown[]): void {
  const db = openDatabase(file);
  try {
    db.$client.prepare(text).run(...params);
  } finally {
    db.$client.close();
  }
}

/** DSS POLY/MONT on M (AARON, PAUL), POLY/NOV on N (ANN, BEN), POLY/OCT on O (DAN). */
function network(label: string): string {
  const db = tempDbFile(label);
  smallNetwork(db, { M: [['AARON', 'Aaron Ames'], ['PAUL', 'Paul']], N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow']], O: [['DAN', 'Dan Dee']] });
  return db;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-inspect-'));
});

describe('listq', () => {
  const db = network('listq');

  it('dumps REQTRANS with the documented header, with and without -t', () => {
    expect(ok(db, `listq ${PW} -dM -freqtrans -t`).split('\n')).toEqual([
      HEAD_T,
      qline(1, 'A Aaron Ames\tPCM:POLY/MONT/AARON'),
      qline(2, 'A Paul\tPCM:POLY/MONT/PAUL'),
    ]);
    // The line of docs/cli.md, with this model's CRC-16 of the transaction text.
    expect(ok(db, `listq ${PW} -dM -freqtrans -t`).split('\n')[2]).toBe(
      `${hex4(crc16Text('A Paul\tPCM:POLY/MONT/PAUL'))} Sat Feb 26 08:00:00 1994 000002 A Paul\tPCM:POLY/MONT/PAUL`,
    );
    expect(ok(db, `listq ${PW} -dM -freqtrans`).split('\n')).toEqual([
      HEAD,
      `${hex4(crc16Text('A Aaron Ames\tPCM:POLY/MONT/AARON'))} 000001 A Aaron Ames\tPCM:POLY/MONT/AARON`,
      `${hex4(crc16Text('A Paul\tPCM:POLY/MONT/PAUL'))} 000002 A Paul\tPCM:POLY/MONT/PAUL`,
    ]);
    // -c with nothing wrong: the same lines, exit 0.
    const r = cli(db, `listq ${PW} -dM -freqtrans -t -c`);
    expect([r.code, r.out, r.err]).toEqual([0, ok(db, `listq ${PW} -dM -freqtrans -t`), '']);
  });

  it('-c flags an entry whose stored CRC is wrong, and exits 1 with one stderr line', () => {
    const right = crc16Text('A Ben Bow\tPCM:POLY/NOV/BEN');
    const stored = right ^ 0x5555;
    sql(db, "update reqtrans set crc = ? where sync = 2 and po_id = (select id from postoffice where name = 'NOV')", stored);
    // Without -c the stored CRC is shown as it is, and the exit status is 0.
    expect(ok(db, `listq ${PW} -dN -freqtrans`).split('\n')[2]).toBe(`${hex4(stored)} 000002 A Ben Bow\tPCM:POLY/NOV/BEN`);
    const r = cli(db, `listq ${PW} -dN -freqtrans -c`);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      HEAD,
      `${hex4(crc16Text('A Ann Arbor\tPCM:POLY/NOV/ANN'))} 000001 A Ann Arbor\tPCM:POLY/NOV/ANN`,
      `${hex4(stored)} 000002 A Ben Bow\tPCM:POLY/NOV/BEN   <-- CRC error (computed ${hex4(right)})`,
    ]);
    expect(r.err).toBe('Fatal [40] Possible database corruption detected: 1 entry of REQTRANS.GLB failed the CRC check');
    const json = cli(db, `listq ${PW} -dN -freqtrans -c --json`);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as { sync: number; crcOk: boolean }[]).map((e) => [e.sync, e.crcOk])).toEqual([
      [1, true],
      [2, false],
    ]);
    sql(db, "update reqtrans set crc = ? where sync = 2 and po_id = (select id from postoffice where name = 'NOV')", right);
  });

  it('shows SRVTRANS after reqmain -r and before import, MSTTRANS on the DSS', () => {
    for (const d of 'MNO') ok(db, `reqmain -t -d${d}`);
    ok(db, 'external -0');
    ok(db, 'external -0');
    ok(db, 'nsda -s -dM');
    const mst = ok(db, `listq ${PW} -dM -fmsttrans -t`).split('\n');
    expect(mst[0]).toBe(HEAD_T);
    expect(mst.slice(1).map((l) => l.slice(30))).toEqual([
      '000001 A Aaron Ames\tPCM:POLY/MONT/AARON',
      '000002 A Paul\tPCM:POLY/MONT/PAUL',
      '000003 A Ann Arbor\tPCM:POLY/NOV/ANN',
      '000004 A Ben Bow\tPCM:POLY/NOV/BEN',
      '000005 A Dan Dee\tPCM:POLY/OCT/DAN',
    ]);
    ok(db, 'external -0');
    ok(db, 'external -0');
    expect(ok(db, `listq ${PW} -dO -fsrvtrans`)).toBe(HEAD);
    expect(ok(db, 'reqmain -r -dO')).toBe('ReqRx received 4 updates');
    expect(ok(db, `listq ${PW} -dO -fsrvtrans -t`).split('\n')).toEqual([
      HEAD_T,
      qline(1, 'A Aaron Ames\tPCM:POLY/MONT/AARON'),
      qline(2, 'A Paul\tPCM:POLY/MONT/PAUL'),
      qline(3, 'A Ann Arbor\tPCM:POLY/NOV/ANN'),
      qline(4, 'A Ben Bow\tPCM:POLY/NOV/BEN'),
    ]);
    ok(db, `import ${PW} -dO -q -y`);
    expect(ok(db, `listq ${PW} -dO -fsrvtrans`)).toBe(HEAD);
  });

  it('shows the REQTRANS dummy carrying the requestor number when nothing is pending', () => {
    for (const d of 'MN') {
      ok(db, `reqmain -r -d${d}`);
      ok(db, `import ${PW} -d${d} -q -y`);
    }
    expect(ok(db, `listq ${PW} -dN -freqtrans`).split('\n')).toEqual([HEAD, 'FFFF 000002']);
    expect(ok(db, `listq ${PW} -dN -freqtrans -t`).split('\n')).toEqual([HEAD_T, `FFFF ${' '.repeat(24)} 000002`]);
    expect(ok(db, `listq ${PW} -dO -freqtrans`).split('\n')).toEqual([HEAD, 'FFFF 000001']);
    expect(JSON.parse(ok(db, `listq ${PW} -dO -freqtrans --json`))).toEqual([{ crc: 0xffff, stamp: 0, sync: 1, text: '', crcOk: true }]);
  });

  it('dumps RESYNC.GLB after import -s, and refuses when there is none', () => {
    const none = cli(db, `listq ${PW} -dM -fresync`);
    expect([none.code, none.out]).toEqual([2, '']);
    expect(none.err).toBe('dirsync listq: there is no RESYNC.GLB in the GLB directory of POLY/MONT');
    expect(ok(db, `import ${PW} -dM -s -y`)).toMatch(/^RESYNC\.GLB written to the GLB directory of POLY\/MONT \(\d+ bytes\)$/);
    expect(ok(db, `listq ${PW} -dM -fresync.glb -t`).split('\n')).toEqual([
      HEAD_T,
      qline(1, 'R PCM:POLY/MONT'),
      qline(2, 'A Aaron Ames\tPCM:POLY/MONT/AARON'),
      qline(3, 'A Paul\tPCM:POLY/MONT/PAUL'),
      qline(4, 'R PCM:POLY/NOV'),
      qline(5, 'A Ann Arbor\tPCM:POLY/NOV/ANN'),
      qline(6, 'A Ben Bow\tPCM:POLY/NOV/BEN'),
      qline(7, 'R PCM:POLY/OCT'),
      qline(8, 'A Dan Dee\tPCM:POLY/OCT/DAN'),
    ]);
  });
});

describe('listds', () => {
  const db = network('listds');

  beforeAll(() => {
    // Cycle 1 at 14:00 with everyone; cycle 2 at 15:30 without OCT.
    for (const d of 'MNO') ok(db, `reqmain -t -d${d}`);
    ok(db, 'external -0');
    ok(db, 'external -0');
    ok(db, 'clock --set 1994-02-26T14:00:00Z');
    ok(db, 'nsda -s -dM');
    ok(db, 'external -0');
    ok(db, 'external -0');
    for (const d of 'MNO') ok(db, `nsda -rr -d${d}`);
    ok(db, 'user add -dN CAT "Cat Cole"');
    for (const d of 'MN') ok(db, `reqmain -t -d${d}`);
    ok(db, 'external -0');
    ok(db, 'external -0');
    ok(db, 'clock --set 1994-02-26T15:30:00Z');
    ok(db, 'nsda -s -dM');
  });

  it('-s shows SRVCONF.GLB in the documented shape, one block per record, the DSS first', () => {
    expect(ok(db, `listds ${PW} -dM -s`)).toBe(
      [
        'Examining POLY/MONT Server Configuration Record',
        'Highest SrvSync is 6, Current Dirsync Cycle is 2',
        '',
        '     Server Requestor Record #1',
        'Requestor name: PCM:POLY/MONT',
        'ReqSync = 2, SrvSync = 6, Last Cycle = 2',
        'Last update received Sat Feb 26 15:30:00 1994',
        '',
        '     Server Requestor Record #2',
        'Requestor name: PCM:POLY/NOV',
        'ReqSync = 3, SrvSync = 6, Last Cycle = 2',
        'Last update received Sat Feb 26 15:30:00 1994',
        '',
        '     Server Requestor Record #3',
        'Requestor name: PCM:POLY/OCT',
        'ReqSync = 1, SrvSync = 5, Last Cycle = 1',
        'Last update received Sat Feb 26 14:00:00 1994',
      ].join('\n'),
    );
  });

  it('shows "never" for a requestor that has not sent anything yet', () => {
    ok(db, 'po create POLY/SEP --password SECRET');
    ok(db, 'ds requestor create -dM POLY/SEP --password SEPPW');
    expect(ok(db, `listds ${PW} -dM -s`).split('\n').slice(-4)).toEqual([
      '     Server Requestor Record #4',
      'Requestor name: PCM:POLY/SEP',
      'ReqSync = 0, SrvSync = 0, Last Cycle = 0',
      'Last update received never',
    ]);
  });

  it('-r shows REQCONF.GLB; -r -z resets a requestor to 0', () => {
    expect(ok(db, `listds ${PW} -dO -r`)).toBe(
      ['Examining POLY/OCT Requestor Configuration Record', '', 'Dir-Sync Server: POLY/MONT', 'ReqSync = 1, SrvSync = 5'].join('\n'),
    );
    expect(ok(db, `listds ${PW} -dPOLY/SEP -r`)).toBe(
      ['Examining POLY/SEP Requestor Configuration Record', '', 'Dir-Sync Server: (not registered)', 'ReqSync = 0, SrvSync = 0'].join('\n'),
    );
    expect(ok(db, `listds ${PW} -dO -r -z`).split('\n').at(-1)).toBe('ReqSync = 0, SrvSync = 0');
    expect(ok(db, `listds ${PW} -dO -r`).split('\n').at(-1)).toBe('ReqSync = 0, SrvSync = 0');
  });
});

describe('dssched', () => {
  const db = network('dssched');
  const schedule = ['T1 Sat 13:45', 'T2 Sat 14:00', 'T3 Sat 15:00', '; a comment line', 't1 mon 9:05', ''];

  it('lists no times on a new postoffice, with the run window', () => {
    expect(ok(db, `dssched ${PW} -dM`)).toBe('Run window is 8 hours (28800 seconds)\nNo process times set');
  });

  it('imports a schedule file (-i) and exports it again (-x): the round trip is stable', () => {
    const input = path.join(dir, 'sched.txt');
    fs.writeFileSync(input, schedule.join('\r\n'));
    const shown = ['Run window is 8 hours (28800 seconds)', 'T1 Mon 09:05', 'T1 Sat 13:45', 'T2 Sat 14:00', 'T3 Sat 15:00'].join('\n');
    expect(ok(db, ['dssched', 'admin', '-pSECRET', '-dM', `-i${input}`])).toBe(shown);
    const output = path.join(dir, 'sched-out.txt');
    expect(ok(db, ['dssched', 'admin', '-pSECRET', '-dM', `-x${output}`])).toBe(shown);
    const exported = fs.readFileSync(output, 'latin1');
    expect(exported).toBe('T1 Mon 09:05\nT1 Sat 13:45\nT2 Sat 14:00\nT3 Sat 15:00\n');
    const before = ok(db, `dssched ${PW} -dM --json`);
    expect(ok(db, ['dssched', 'admin', '-pSECRET', '-dM', `-i${output}`])).toBe(shown);
    ok(db, ['dssched', 'admin', '-pSECRET', '-dM', `-x${output}`]);
    expect(fs.readFileSync(output, 'latin1')).toBe(exported);
    expect(ok(db, `dssched ${PW} -dM --json`)).toBe(before);
  });

  it('a requestor ignores T2 lines', () => {
    const input = path.join(dir, 'sched.txt');
    expect(ok(db, ['dssched', 'admin', '-pSECRET', '-dN', `-i${input}`])).toBe(
      ['Run window is 8 hours (28800 seconds)', 'T1 Mon 09:05', 'T1 Sat 13:45', 'T3 Sat 15:00'].join('\n'),
    );
  });

  it('refuses a file with a bad line, naming the line, and changes nothing', () => {
    const input = path.join(dir, 'sched-bad.txt');
    fs.writeFileSync(input, 'T1 Sat 13:45\nT4 Sat 14:00\nT3 Sun 25:00\nT1 Sat 13:45\n');
    const before = dump(db);
    const r = cli(db, ['dssched', 'admin', '-pSECRET', '-dM', `-i${input}`]);
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([
      'line 2: "T4 Sat 14:00" is not "T<1|2|3> <Sun..Sat> <HH>:<MM>"',
      'line 3: "T3 Sun 25:00" is not "T<1|2|3> <Sun..Sat> <HH>:<MM>"',
    ]);
    expect(r.err).toBe('dirsync dssched: the schedule file has 2 bad line(s); nothing was changed');
    expect(dump(db)).toEqual(before);
  });

  it('refuses a schedule file that cannot be read or written', () => {
    const before = dump(db);
    const missing = cli(db, ['dssched', 'admin', '-pSECRET', '-dM', `-i${path.join(dir, 'nope.txt')}`]);
    expect([missing.code, missing.err.split('\n').length]).toEqual([2, 1]);
    expect(missing.err).toMatch(/cannot read the schedule file .*nope\.txt: check the path given with -i$/);
    const unwritable = cli(db, ['dssched', 'admin', '-pSECRET', '-dM', `-x${path.join(dir, 'no-dir', 'x.txt')}`]);
    expect([unwritable.code, unwritable.err.split('\n').length]).toEqual([2, 1]);
    expect(unwritable.err).toMatch(/^dirsync dssched: cannot write .*x\.txt \(ENOENT\): check the path given with -x$/);
    expect(dump(db)).toEqual(before);
  });
});

describe('log', () => {
  const db = network('log');

  it('shows DIRSYNC.LOG lines as date, time, severity, [n], text', () => {
    expect(ok(db, 'log -dM dirsync')).toBe('DIRSYNC.LOG is empty');
    ok(db, 'reqmain -t -dM');
    expect(ok(db, 'log -dM dirsync').split('\n')).toEqual([
      '02/26/94 08:00:00 Status [101] Begin execution REQMAIN -T',
      '02/26/94 08:00:00 Status [106] ReqTx send 2 updates',
      '02/26/94 08:00:00 Status [102] End process REQMAIN -T',
    ]);
    // dirsync is the default log; the name is case-insensitive.
    expect(ok(db, 'log -dM')).toBe(ok(db, 'log -dM DIRSYNC'));
    for (const l of ok(db, 'log -dM').split('\n')) expect(l).toMatch(/^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d (Status|Warning|Fatal) \[\d+\] \S/);
  });

  it('shows CENTRAL.LOG on the DSS after a T2', () => {
    ok(db, 'external -0');
    ok(db, 'external -0');
    ok(db, 'nsda -s -dM');
    expect(ok(db, 'log -dM central').split('\n')).toContain('02/26/94 08:00:00 Status [105] ReqTx from POLY/MONT: 2 of 2 updates accepted');
  });
});

describe('--json prints one JSON document', () => {
  const db = network('json');

  beforeAll(() => {
    ok(db, 'reqmain -t -dM');
    ok(db, 'reqmain -t -dO');
    ok(db, `import ${PW} -dM -s -y`);
  });

  const json = (line: string) => {
    const r = cli(db, `${line} --json`);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as unknown;
  };

  it('po list', () => {
    expect(json('po list')).toEqual([
      { drive: 'M', name: 'POLY/MONT', kind: 'msmail', role: 'Dirsync server', mailboxes: 2, gal: 0 },
      { drive: 'N', name: 'POLY/NOV', kind: 'msmail', role: 'Requestor of POLY/MONT', mailboxes: 2, gal: 0 },
      { drive: 'O', name: 'POLY/OCT', kind: 'msmail', role: 'Requestor of POLY/MONT', mailboxes: 1, gal: 0 },
    ]);
  });

  it('user list', () => {
    expect(json('user list -dN')).toEqual([
      { name: 'ANN', fullName: 'Ann Arbor', dirsync: true },
      { name: 'BEN', fullName: 'Ben Bow', dirsync: true },
    ]);
  });

  it('listds -s and -r', () => {
    expect(json(`listds ${PW} -dM -s`)).toMatchObject({ dss: 'POLY/MONT', sync: 0, cycle: 0, keepUpdates: 14, records: [{ requestor: 'POLY/MONT' }, { requestor: 'POLY/NOV' }, { requestor: 'POLY/OCT' }] });
    expect(json(`listds ${PW} -dN -r`)).toEqual({ po: 'POLY/NOV', dss: 'POLY/MONT', reqSync: 0, srvSync: 0, impSync: 0, pendingR: null, types: ['PCM'] });
  });

  it('listq', () => {
    expect(json(`listq ${PW} -dN -freqtrans -t`)).toEqual([
      { crc: crc16Text('A Ann Arbor\tPCM:POLY/NOV/ANN'), stamp: Date.UTC(1994, 1, 26, 8), sync: 1, text: 'A Ann Arbor\tPCM:POLY/NOV/ANN', crcOk: true },
      { crc: crc16Text('A Ben Bow\tPCM:POLY/NOV/BEN'), stamp: Date.UTC(1994, 1, 26, 8), sync: 2, text: 'A Ben Bow\tPCM:POLY/NOV/BEN', crcOk: true },
    ]);
  });

  it('dssched', () => {
    expect(json(`dssched ${PW} -dM`)).toEqual({ runWindowSeconds: 28800, times: [] });
  });

  it('log', () => {
    expect(json('log -dM dirsync')).toContainEqual({ at: Date.UTC(1994, 1, 26, 8), severity: 'Status', number: 106, text: 'ReqTx send 2 updates' });
  });

  it('external', () => {
    expect(json('external -0')).toEqual({ delivered: 0, queued: 2 });
  });

  it('clock', () => {
    expect(json('clock')).toEqual({ now: '1994-02-26T08:00:00.000Z', ms: Date.UTC(1994, 1, 26, 8), speed: 0 });
  });

  it('file list', () => {
    expect(json('file list POLY/MONT')).toEqual([{ name: 'RESYNC.GLB', size: expect.any(Number), createdAt: Date.UTC(1994, 1, 26, 8) }]);
    expect(json('file list N')).toEqual([]);
  });
});
