import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, dump, ok, tempDbFile, smallNetwork } from './helpers';

// `import admin -p<pw> -d<PO> -f<file>` through the command line, with real files in a temp dir.

const PW = 'admin -pSECRET';

/** DSS POLY/MONT on M, requestors POLY/NOV on N and POLY/OCT on O; admin password SECRET everywhere. */
function network(label: string): string {
  const db = tempDbFile(label);
  smallNetwork(db, { M: [['PAUL', 'Paul']], N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow']], O: [['DAN', 'Dan Dee']] });
  return db;
}

/** One manual cycle (KB Q96060) over M, N, O. */
function cycle(db: string): void {
  for (const d of 'MNO') ok(db, `reqmain -t -d${d}`);
  ok(db, 'external -0');
  ok(db, 'external -0');
  ok(db, 'srvmain -r -dM');
  ok(db, 'srvmain -t -dM');
  ok(db, 'external -0');
  ok(db, 'external -0');
  for (const d of 'MNO') {
    ok(db, `reqmain -r -d${d}`);
    ok(db, `import ${PW} -d${d} -q -y`);
    ok(db, `rebuild -f -d${d}`);
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-import-files-'));
});

/** Write a text file (lines joined with CRLF, as DOS files are) and return its path. */
function textFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => `${l}\r\n`).join(''), 'latin1');
  return file;
}

const importLine = (drive: string, file: string, ...opts: string[]) => ['import', 'admin', '-pSECRET', `-d${drive}`, `-f${file}`, ...opts];
/** A full name in columns 3–32 and the address from column 34: the fixed-column form. */
const fixed = (code: string, fullName: string, address: string) => `${code} ${fullName.padEnd(30)} ${address}`;
const queue = (db: string, drive: string, file: string) => ok(db, `listq ${PW} -d${drive} -f${file}`).split('\n');

describe('import -e: the file into REQTRANS.GLB', () => {
  const db = network('import-e');
  let file: string;

  it('appends the transactions to REQTRANS with consecutive numbers after the local ones', () => {
    file = textFile('inject.txt', ['A Fax One\tFAX:one~Seattle~Poly~555', fixed('A', 'Gate Two', 'SMTP:two@poly.com')]);
    expect(ok(db, importLine('N', file, '-e'))).toBe(`2 transactions imported from ${file} into REQTRANS.GLB`);
    expect(queue(db, 'N', 'reqtrans').map((l, k) => (k ? l.slice(5) : l))).toEqual([
      'CRC  Sync#  Transaction',
      '000001 A Ann Arbor\tPCM:POLY/NOV/ANN',
      '000002 A Ben Bow\tPCM:POLY/NOV/BEN',
      '000003 A Fax One\tFAX:one~Seattle~Poly~555',
      '000004 A Gate Two\tSMTP:two@poly.com',
    ]);
  });

  it('the next T1 sends them, and the DSS puts them in MSTTRANS', () => {
    expect(ok(db, 'reqmain -t -dN')).toContain('ReqTx R=4 (was 0), S=0, I=0 4 sent');
    cycle(db);
    const mst = queue(db, 'M', 'msttrans');
    expect(mst.some((l) => l.endsWith('A Fax One\tFAX:one~Seattle~Poly~555'))).toBe(true);
    expect(mst.some((l) => l.endsWith('A Gate Two\tSMTP:two@poly.com'))).toBe(true);
    // Acknowledged: only the dummy is left, carrying R = 4.
    expect(queue(db, 'N', 'reqtrans')).toEqual(['CRC  Sync#  Transaction', 'FFFF 000004']);
  });

  it('a second -e import continues the numbering above the requestor number', () => {
    const more = textFile('inject2.txt', ['D Fax One\tFAX:one~Seattle~Poly~555', 'A Fax Three\tFAX:three~Seattle~Poly~557']);
    ok(db, importLine('N', more, '-e'));
    expect(queue(db, 'N', 'reqtrans').slice(1).map((l) => l.slice(5, 11))).toEqual(['000005', '000006']);
    expect(ok(db, 'reqmain -t -dN')).toContain('ReqTx R=6 (was 4), S=');
  });

  it('-e ignores -x, -g, -a and -c as the Administrator\'s Guide says', () => {
    const one = textFile('inject3.txt', ['A Fax Four\tFAX:four~Seattle~Poly~558']);
    expect(ok(db, importLine('N', one, '-e', '-x', '-gSMTP', '-a', '-c'))).toBe(`1 transactions imported from ${one} into REQTRANS.GLB`);
    expect(queue(db, 'N', 'reqtrans').at(-1)).toMatch(/^[0-9A-F]{4} 000007 A Fax Four\tFAX:four~Seattle~Poly~558$/);
  });
});

describe('import -f -g<type>: a gateway list', () => {
  const db = network('import-g');
  const lines = ['R SMTP:', 'A Sam Smith\tSMTP:sam@poly.com', fixed('A', 'Tom Tull', 'SMTP:tom@poly.com')];

  it('imports into the gateway list after ds types, and the GAL shows it after rebuild', () => {
    ok(db, 'ds types -dN PCM,SMTP');
    const file = textFile('smtp.txt', lines);
    expect(ok(db, importLine('N', file, '-gSMTP'))).toBe(`3 transactions imported from ${file}`);
    expect(ok(db, 'rebuild -f -dN')).toBe('GAL rebuilt: 4 names');
    const out = path.join(dir, 'smtp-out.txt');
    expect(ok(db, ['import', 'admin', '-pSECRET', '-dN', '-x', '-gSMTP', `-f${out}`])).toBe(`2 addresses extracted to ${out}`);
    expect(fs.readFileSync(out, 'latin1')).toBe('R SMTP:\r\nA Sam Smith\tSMTP:sam@poly.com\r\nA Tom Tull\tSMTP:tom@poly.com\r\n');
    // Nothing of it goes into dirsync: REQTRANS holds only the two local mailboxes.
    expect(queue(db, 'N', 'reqtrans')).toHaveLength(3);
  });

  it('refuses lines of another type than the one given with -g (17)', () => {
    const before = dump(db);
    const file = textFile('smtp-as-fax.txt', lines);
    const r = cli(db, importLine('N', file, '-gFAX'));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([
      'line 1: [17] address type SMTP is not the gateway type FAX given with -g',
      'line 2: [17] address type SMTP is not the gateway type FAX given with -g',
      'line 3: [17] address type SMTP is not the gateway type FAX given with -g',
    ]);
    expect(dump(db)).toEqual(before);
  });

  it('without -g, takes gateway lines of an accepted type and refuses others (44)', () => {
    const file = textFile('smtp-plain.txt', ['A Una Upton\tSMTP:una@poly.com']);
    expect(ok(db, importLine('N', file))).toBe(`1 transactions imported from ${file}`);
    const before = dump(db);
    const r = cli(db, importLine('O', file));
    expect(r.code).toBe(2);
    expect(r.out).toBe(
      'line 1: [44] Gateway not installed: POLY/OCT does not accept SMTP addresses — add the type with "dirsync ds types" or name it with -gSMTP',
    );
    expect(r.err.split('\n')).toHaveLength(1);
    expect(dump(db)).toEqual(before);
    // Naming the gateway with -g is enough.
    expect(ok(db, importLine('O', file, '-gSMTP'))).toBe(`1 transactions imported from ${file}`);
  });
});

describe('import -f -a / -c: postoffice lists', () => {
  const db = network('import-a');
  const file = () => textFile('other.txt', ['R PCM:OTHER/PO1', 'A Xavier Xu\tPCM:OTHER/PO1/XAV', fixed('A', 'Yvonne Yi', 'PCM:OTHER/PO1/YVO')]);

  it('changes a postoffice list only with -a (19)', () => {
    const before = dump(db);
    const r = cli(db, importLine('N', file()));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([1, 2, 3].map((n) => `line ${n}: [19] postoffice list OTHER/PO1 is changed only with -a`));
    expect(dump(db)).toEqual(before);
  });

  it('refuses an unknown postoffice without -c (64)', () => {
    const before = dump(db);
    const r = cli(db, importLine('N', file(), '-a'));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([1, 2, 3].map((n) => `line ${n}: [64] Postoffice OTHER/PO1 not defined: use -c to autocreate it`));
    expect(r.err).toBe('dirsync import: the import file has 3 error(s); nothing was imported — correct the lines and run import again');
    expect(dump(db)).toEqual(before);
  });

  it('autocreates it with -c; once defined, -a alone is enough', () => {
    expect(ok(db, importLine('N', file(), '-a', '-c'))).toBe(`3 transactions imported from ${path.join(dir, 'other.txt')}`);
    const out = path.join(dir, 'other-out.txt');
    ok(db, ['import', 'admin', '-pSECRET', '-dN', '-xOTHER/PO1', `-f${out}`]);
    expect(fs.readFileSync(out, 'latin1')).toBe('R PCM:OTHER/PO1\r\nA Xavier Xu\tPCM:OTHER/PO1/XAV\r\nA Yvonne Yi\tPCM:OTHER/PO1/YVO\r\n');
    const more = textFile('other2.txt', ['A Zach Zorn\tPCM:OTHER/PO1/ZAC']);
    expect(ok(db, importLine('N', more, '-a'))).toBe(`1 transactions imported from ${more}`);
    expect(ok(db, 'rebuild -f -dN')).toBe('GAL rebuilt: 5 names');
  });

  it('refuses lines for the postoffice itself (66), even with -a -c', () => {
    const own = textFile('own.txt', ['R PCM:POLY/NOV', 'A Zed Zero\tPCM:POLY/NOV/ZED', 'A Paul\tPCM:POLY/MONT/PAUL']);
    const before = dump(db);
    const r = cli(db, importLine('N', own, '-a', '-c'));
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([
      'line 1: [66] Local postoffice transaction ignored: POLY/NOV is this postoffice',
      'line 2: [66] Local postoffice transaction ignored: POLY/NOV is this postoffice',
    ]);
    expect(dump(db)).toEqual(before);
  });
});

describe('import -x: extract to a file that imports again', () => {
  const db = network('import-x');
  const extract = (drive: string, out: string, ...opts: string[]) => ok(db, ['import', 'admin', '-pSECRET', `-d${drive}`, ...opts, `-f${out}`]);

  beforeAll(() => {
    cycle(db);
    ok(db, 'ds types -dN PCM,SMTP');
    ok(db, importLine('N', textFile('x-smtp.txt', ['A Sam Smith\tSMTP:sam@poly.com', 'A Tom Tull\tSMTP:tom@poly.com']), '-gSMTP'));
    ok(db, 'rebuild -f -dN');
  });

  it('extracts a postoffice list as R + A lines, in the tab form, CRLF', () => {
    const out = path.join(dir, 'x-oct.txt');
    expect(extract('N', out, '-xPOLY/OCT')).toBe(`1 addresses extracted to ${out}`);
    expect(fs.readFileSync(out, 'latin1')).toBe('R PCM:POLY/OCT\r\nA Dan Dee\tPCM:POLY/OCT/DAN\r\n');
  });

  for (const [what, opts, expected] of [
    ['a postoffice list', ['-xpoly/oct'], 'R PCM:POLY/OCT\r\nA Dan Dee\tPCM:POLY/OCT/DAN\r\n'],
    ['a gateway list', ['-x', '-gsmtp'], 'R SMTP:\r\nA Sam Smith\tSMTP:sam@poly.com\r\nA Tom Tull\tSMTP:tom@poly.com\r\n'],
  ] as const) {
    it(`re-imports ${what} cleanly, in the tab form and in the fixed-column form`, () => {
      const tag = opts.join('').replace(/\W/g, '_');
      const out = path.join(dir, `x-${tag}.txt`);
      extract('N', out, ...opts);
      const text = fs.readFileSync(out, 'latin1');
      expect(text).toBe(expected);
      const gal = ok(db, 'rebuild -f -dN');
      const importOpts = opts[0] === '-x' ? ['-gSMTP'] : ['-a'];
      const lines = text.split('\r\n').slice(0, -1);
      expect(ok(db, importLine('N', out, ...importOpts))).toBe(`${lines.length} transactions imported from ${out}`);
      expect(ok(db, 'rebuild -f -dN')).toBe(gal);
      extract('N', out, ...opts);
      expect(fs.readFileSync(out, 'latin1')).toBe(expected);
      // The same list written in fixed columns: code in column 1, name in 3–32, address from 34.
      const fixedFile = textFile(`x-fixed-${tag}.txt`, lines.map((l) => (l.startsWith('R') ? l : fixed('A', ...(l.slice(2).split('\t') as [string, string])))));
      const second = fs.readFileSync(fixedFile, 'latin1').split('\r\n')[1];
      expect([second[1], second[32], second.slice(33)]).toEqual([' ', ' ', lines[1].split('\t')[1]]);
      expect(ok(db, importLine('N', fixedFile, ...importOpts))).toBe(`${lines.length} transactions imported from ${fixedFile}`);
      expect(ok(db, 'rebuild -f -dN')).toBe(gal);
      extract('N', out, ...opts);
      expect(fs.readFileSync(out, 'latin1')).toBe(expected);
    });
  }

  it('imports an extract into another postoffice (the list it did not have)', () => {
    const out = path.join(dir, 'x-smtp-to-o.txt');
    extract('N', out, '-x', '-gSMTP');
    ok(db, importLine('O', out, '-gSMTP'));
    const back = path.join(dir, 'x-smtp-from-o.txt');
    extract('O', back, '-x', '-gSMTP');
    expect(fs.readFileSync(back)).toEqual(fs.readFileSync(out));
  });

  it('refuses to extract a list the postoffice does not have (exit 2, one stderr line)', () => {
    const r = cli(db, ['import', 'admin', '-pSECRET', '-dN', '-xNOPE/PO', `-f${path.join(dir, 'none.txt')}`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('dirsync import: POLY/NOV has no list PCM:NOPE/PO; "dirsync file list" and "listq" show what it has');
    expect(fs.existsSync(path.join(dir, 'none.txt'))).toBe(false);
  });

  it('refuses an extract file it cannot write (exit 2, not a crash)', () => {
    const r = cli(db, ['import', 'admin', '-pSECRET', '-dN', '-xPOLY/OCT', `-f${path.join(dir, 'no-such-dir', 'x.txt')}`]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^dirsync import: cannot write .*no-such-dir.*: check the path given with -f$/);
  });
});

describe('an import file with errors', () => {
  const db = network('import-bad');
  const bad = [
    'A Good Line\tPCM:OTHER/PO1/GOOD',
    'X Bad Code\tPCM:OTHER/PO1/X',
    'A \tPCM:OTHER/PO1/NONAME',
    'A This full name is far too long for MS Mail\tPCM:OTHER/PO1/LONG',
    'A Short Address\tPCM:OTHER/PO1',
    'A Long Element\tPCM:OTHER/TOOLONGNAME1/X',
    '1 digit in column one',
    '',
    fixed('A', 'Fixed Good', 'PCM:OTHER/PO1/FIX'),
    'A No Type\tnocolon',
    'R PCM:POLY/NOV',
  ];
  const expected = [
    'line 2: [13] Invalid transaction command "X": use A, D, M or R',
    'line 3: [46] No fullname',
    'line 4: [72] Full name exceeds 30 characters (42): "This full name is far too long for MS Mail"',
    'line 5: [19] Invalid postoffice address "PCM:OTHER/PO1": write NET/PO/MAILBOX',
    'line 6: [20] Address element exceeds 10 characters: "TOOLONGNAME1" in "PCM:OTHER/TOOLONGNAME1/X" must be 1 to 10 letters or digits',
    'line 7: [12] Invalid character in column 1 ("1"): use A, D, M or R, or - for a template line',
  ];

  for (const [mode, opts, own] of [
    ['into the lists (-a -c)', ['-a', '-c'], ['line 11: [66] Local postoffice transaction ignored: POLY/NOV is this postoffice']],
    ['into REQTRANS (-e)', ['-e'], []],
  ] as const) {
    it(`lists every bad line, exits 2 with one stderr line and changes nothing: ${mode}`, () => {
      const file = textFile(`bad-${opts[0]}.txt`, bad);
      const before = dump(db);
      const state = () => [ok(db, 'po list --json'), ok(db, `listq ${PW} -dN -freqtrans --json`), ok(db, `listq ${PW} -dM -fmsttrans --json`)];
      const shown = state();
      const r = cli(db, importLine('N', file, ...opts));
      expect(r.code).toBe(2);
      const lines = r.out.split('\n');
      expect(lines.slice(0, 6)).toEqual(expected);
      expect(lines[6]).toMatch(/^line 10: \[17\] Invalid address/);
      expect(lines.slice(7)).toEqual(own);
      for (const l of lines) expect(l).toMatch(/^line \d+: \[\d+\] \S/);
      expect(r.err).toBe(`dirsync import: the import file has ${lines.length} error(s); nothing was imported — correct the lines and run import again`);
      expect(state()).toEqual(shown);
      expect(dump(db)).toEqual(before);
    });
  }

  it('--json gives the same lines as one document', () => {
    const r = cli(db, [...importLine('N', path.join(dir, 'bad--e.txt'), '-e'), '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { error: string; lines: string[] };
    expect(doc.lines.slice(0, 6)).toEqual(expected);
    expect(doc.error).toMatch(/nothing was imported/);
  });

  it('a missing import file is a usage error that changes nothing', () => {
    const before = dump(db);
    const r = cli(db, importLine('N', path.join(dir, 'missing.txt'), '-e'));
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe(`dirsync import: cannot read the import file ${path.join(dir, 'missing.txt')}: check the path given with -f`);
    expect(dump(db)).toEqual(before);
  });
});
