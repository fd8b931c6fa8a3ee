import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatImportFile, parseImportFile, type ImportLineError } from '@/lib/dirsync/import-file';
import type { Txn } from '@/lib/dirsync/transactions';

const add = (fullName: string, address: string, template: string[] = []): Txn => ({ code: 'A', fullName, address, template });
const fixed = (code: string, name: string, address: string) => `${code} ${name.padEnd(30)} ${address}`;

/** The one error a one-line file gives. */
function errorOf(line: string): Pick<ImportLineError, 'line' | 'number'> & { message: string } {
  const r = parseImportFile(line);
  expect(r.txns).toEqual([]);
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}
const numberOf = (line: string) => errorOf(line).number;

describe('parseImportFile: the two forms', () => {
  it('reads the tab form, with a space or a tab after the code', () => {
    const r = parseImportFile('A Paul\tPCM:POLY/MONT/PAUL\nD\tBen Bow\tSMTP:ben@bow.com\nM Ann Arbor\tms:poly/nov/ann');
    expect(r.errors).toEqual([]);
    expect(r.txns).toEqual([
      add('Paul', 'PCM:POLY/MONT/PAUL'),
      { code: 'D', fullName: 'Ben Bow', address: 'SMTP:ben@bow.com', template: [] },
      { code: 'M', fullName: 'Ann Arbor', address: 'ms:poly/nov/ann', template: [] },
    ]);
    expect(r.lines).toEqual([1, 2, 3]);
  });

  it('reads the fixed-column form: name in columns 3–32, address from column 34', () => {
    const line = fixed('A', 'George Jones', 'PCM:ABC/TESTING/GJONES');
    expect(line.indexOf('PCM') + 1).toBe(34);
    expect(parseImportFile(line).txns).toEqual([add('George Jones', 'PCM:ABC/TESTING/GJONES')]);
    // A full 30-character name, and an address with spaces in it.
    const name = 'Abcdefghij Klmnopqrst Uvwxyzabc';
    expect(name).toHaveLength(31);
    const thirty = name.slice(0, 30);
    expect(parseImportFile(fixed('A', thirty, 'FAX:Jo Doe~Acme Inc~~555 1234')).txns).toEqual([add(thirty, 'FAX:Jo Doe~Acme Inc~~555 1234')]);
  });

  it('reads the KB examples, including the space-separated short form', () => {
    const r = parseImportFile(
      [
        'D  User1 alias                  PCM:NET1/PO1/USER1',
        'A Doe, John D. SNADS:SNADSGATE/SNADSDGN/JOHNDOE',
        'A apple\tPCM:POLYNOMIAL/MONTGOMERY/apple',
      ].join('\r\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.txns).toEqual([
      { code: 'D', fullName: 'User1 alias', address: 'PCM:NET1/PO1/USER1', template: [] },
      add('Doe, John D.', 'SNADS:SNADSGATE/SNADSDGN/JOHNDOE'),
      add('apple', 'PCM:POLYNOMIAL/MONTGOMERY/apple'),
    ]);
  });

  it('reads R for a postoffice list and for a gateway list', () => {
    const r = parseImportFile('R PCM:POLY/NOV\nR SMTP:\nR\tMS:ORG/SITE\nr profs:');
    expect(r.errors).toEqual([]);
    expect(r.txns).toEqual([
      { code: 'R', target: 'PCM:POLY/NOV' },
      { code: 'R', target: 'SMTP:' },
      { code: 'R', target: 'MS:ORG/SITE' },
      { code: 'R', target: 'profs:' },
    ]);
  });

  it('attaches template lines to the A or M above, and accepts the repeated line of a modify', () => {
    const text = [
      'A Paul\tPCM:POLY/MONT/PAUL',
      '- Phone:/(206) 635-7022',
      '- City//ST//Zip:/Redmond',
      'M George Jones                   PCM:ABC/TESTING/GJONES',
      '  George Jones                   PCM:ABC/TESTING/GJONES',
      '   - Title:/Sales Rep',
      'M Ann\tPCM:POLY/NOV/ANN',
      '  Ann\tpcm:poly/nov/ann',
    ].join('\r\n');
    const r = parseImportFile(text);
    expect(r.errors).toEqual([]);
    expect(r.txns).toEqual([
      add('Paul', 'PCM:POLY/MONT/PAUL', ['- Phone:/(206) 635-7022', '- City//ST//Zip:/Redmond']),
      { code: 'M', fullName: 'George Jones', address: 'PCM:ABC/TESTING/GJONES', template: ['- Title:/Sales Rep'] },
      { code: 'M', fullName: 'Ann', address: 'PCM:POLY/NOV/ANN', template: [] },
    ]);
    expect(r.lines).toEqual([1, 4, 7]);
  });

  it('skips blank lines, CRLF endings and a byte-order mark; line numbers count every line', () => {
    const r = parseImportFile('\uFEFF\r\n   \r\nA Paul\tPCM:POLY/MONT/PAUL\r\n\t\r\n\r\nR SMTP:\r\n');
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([3, 6]);
    expect(parseImportFile('')).toEqual({ txns: [], lines: [], errors: [] });
  });

  it('trims blanks around the full name and the address', () => {
    expect(parseImportFile('A   Paul  \t  PCM:POLY/MONT/PAUL  ').txns).toEqual([add('Paul', 'PCM:POLY/MONT/PAUL')]);
    expect(parseImportFile('a Paul\tSMTP:p@x').txns[0].code).toBe('A');
  });
});

describe('parseImportFile: errors, each with its line', () => {
  it('12 invalid character in column 1', () => {
    for (const line of ['# comment', '1 Paul\tPCM:A/B/C', '\tPaul\tPCM:A/B/C', '*', '\u000cA x\tSMTP:x']) {
      expect(errorOf(line)).toMatchObject({ line: 1, number: 12 });
    }
    expect(errorOf('# x').message).toMatch(/^Invalid character in column 1/);
  });

  it('13 invalid transaction command', () => {
    expect(errorOf('X Paul\tPCM:A/B/C')).toMatchObject({ number: 13, message: expect.stringMatching(/^Invalid transaction command "X"/) });
    expect(numberOf('É Paul\tPCM:A/B/C')).toBe(13);
    expect(numberOf('ADD Paul\tPCM:A/B/C')).toBe(13);
    expect(numberOf('- Phone:/123')).toBe(13);
    expect(numberOf('  Paul\tPCM:A/B/C')).toBe(13);
    const t = errorOf('T PROFS:VMGate/Node');
    expect(t.number).toBe(13);
    expect(t.message).toMatch(/template \(T\) records are not supported by this import/);
  });

  it('13 for a template line after D or R, and for a repeated line that differs from its M', () => {
    const r = parseImportFile(
      ['D Paul\tPCM:A/B/C', '- Phone:/1', 'R SMTP:', '- Phone:/2', 'M Ann\tPCM:A/B/ANN', '  Anne\tPCM:A/B/ANN', 'A Bob\tSMTP:b@x', '  Bob\tSMTP:b@x'].join('\n'),
    );
    expect(r.errors.map((e) => [e.line, e.number])).toEqual([
      [2, 13],
      [4, 13],
      [6, 13],
      [8, 13],
    ]);
    expect(r.txns).toHaveLength(4);
  });

  it('46 no full name', () => {
    expect(errorOf('A \tPCM:A/B/C')).toMatchObject({ number: 46, message: 'No fullname' });
    expect(numberOf(fixed('D', '', 'PCM:A/B/C'))).toBe(46);
    expect(numberOf('M')).toBe(46);
    expect(numberOf('A Pa\u0007ul\tPCM:A/B/C')).toBe(46);
  });

  it('72 full name over 30 characters, in either form', () => {
    const long = 'Abcdefghij Klmnopqrst Uvwxyzabc';
    expect(errorOf(`A ${long}\tPCM:A/B/C`)).toMatchObject({ number: 72, message: expect.stringMatching(/^Full name exceeds 30 characters \(31\)/) });
    expect(numberOf(`A ${long} PCM:A/B/C`)).toBe(72);
    expect(numberOf(`A ${'x'.repeat(40)}`)).toBe(72);
    expect(parseImportFile(`A ${long.slice(0, 30)}\tPCM:A/B/C`).errors).toEqual([]);
  });

  it('17 invalid address', () => {
    for (const line of [
      'A Paul\tPCMA/B/C',
      'A Paul\t:A/B/C',
      'A Paul\tSMTP:',
      'A Paul\tTOOLONGTYPE:x',
      'A Paul\tSM-TP:x',
      'A Paul',
      fixed('A', 'Paul', 'no type here'),
      'A Paul\tSMTP:a\tb',
      'A Paul\tSMTP:a\u000cb',
      'R',
      'R SMTP:node1',
      'R POLY/NOV',
    ]) {
      expect(errorOf(line)).toMatchObject({ line: 1, number: 17 });
    }
    expect(errorOf('A Paul\tPCMA/B/C').message).toMatch(/^Invalid address/);
  });

  it('19 invalid postoffice address', () => {
    for (const line of ['A Paul\tPCM:A/B', 'A Paul\tPCM:A/B/C/D', 'A Paul\tMS:A//C', 'A Paul\tpcm:ABC', 'R PCM:NET', 'R PCM:A/B/C', 'R PCM:']) {
      expect(errorOf(line)).toMatchObject({ number: 19 });
    }
    expect(errorOf('A Paul\tPCM:A/B').message).toMatch(/^Invalid postoffice address/);
  });

  it('20 address element over 10 characters or not letters and digits', () => {
    for (const line of ['A Paul\tPCM:ABCDEFGHIJK/B/C', 'A Paul\tPCM:A/B/PAUL.SMITH', 'A Paul\tMS:A/B/$SYSTEM', 'R PCM:NET/PO_1', 'R MS:NETWORKNAME/PO']) {
      expect(errorOf(line)).toMatchObject({ number: 20 });
    }
    expect(errorOf('A Paul\tPCM:ABCDEFGHIJK/B/C').message).toMatch(/^Address element exceeds 10 characters/);
    expect(parseImportFile('A Paul\tPCM:ABCDEFGHIJ/B/C').errors).toEqual([]);
  });

  it('keeps going so every bad line is reported, and skips the continuation lines of a bad one', () => {
    const text = [
      'A Good\tPCM:A/B/GOOD',
      'A Bad\tPCM:A/B',
      '- Phone:/1', // belongs to the bad line: not reported again
      '',
      'X nonsense',
      'A \tSMTP:x',
      'M Fine\tSMTP:fine@x',
      '- Title:/ok',
      'R PCM:A',
    ].join('\r\n');
    const r = parseImportFile(text);
    expect(r.errors.map((e) => [e.line, e.number])).toEqual([
      [2, 19],
      [5, 13],
      [6, 46],
      [9, 19],
    ]);
    expect(r.txns).toEqual([add('Good', 'PCM:A/B/GOOD'), { code: 'M', fullName: 'Fine', address: 'SMTP:fine@x', template: ['- Title:/ok'] }]);
    expect(r.lines).toEqual([1, 7]);
  });
});

describe('formatImportFile', () => {
  const txns: Txn[] = [
    { code: 'R', target: 'PCM:POLY/NOV' },
    add('Paul', 'PCM:POLY/NOV/PAUL', ['- Phone:/(206) 635-7022']),
    { code: 'D', fullName: 'Ben', address: 'SMTP:ben@x', template: [] },
  ];

  it('writes the tab form with CRLF after every line', () => {
    expect(formatImportFile(txns)).toBe('R PCM:POLY/NOV\r\nA Paul\tPCM:POLY/NOV/PAUL\r\n- Phone:/(206) 635-7022\r\nD Ben\tSMTP:ben@x\r\n');
    expect(formatImportFile([])).toBe('');
  });

  it('writes the fixed form with the address in column 34', () => {
    const lines = formatImportFile(txns, 'fixed').split('\r\n');
    expect(lines).toEqual([
      'R PCM:POLY/NOV',
      `A Paul${' '.repeat(27)}PCM:POLY/NOV/PAUL`,
      '- Phone:/(206) 635-7022',
      `D Ben${' '.repeat(28)}SMTP:ben@x`,
      '',
    ]);
    expect(lines[1].indexOf('PCM') + 1).toBe(34);
  });

  it('falls back to the tab form for a name the columns cannot hold', () => {
    const long = add('x'.repeat(31), 'SMTP:x@y');
    expect(formatImportFile([long], 'fixed')).toBe(`A ${'x'.repeat(31)}\tSMTP:x@y\r\n`);
  });
});

// ---- properties and fuzzing ---------------------------------------------------------------------

const alnum = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
const nameChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123 .,-\'()&:/@é€ßØ') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => !/[\u0000-\u001f\u007f]/.test(c)) },
);
const fullName = fc
  .array(nameChar, { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s.length >= 1 && s.length <= 30 && !/^[ \t]|[ \t]$/.test(s));
const gatewayType = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcx'), minLength: 1, maxLength: 8 })
  .filter((t) => !['PCM', 'MS'].includes(t.toUpperCase()));
const gatewayValue = fc
  .string({ unit: fc.constantFrom(...'abcdefXYZ019 .@~/:-_'), minLength: 1, maxLength: 40 })
  .filter((v) => v.trim() === v && v !== '');
const poType = fc.constantFrom('PCM', 'MS', 'pcm', 'ms', 'Pcm');
const address = fc.oneof(
  fc.tuple(poType, alnum, alnum, alnum).map(([t, n, p, m]) => `${t}:${n}/${p}/${m}`),
  fc.tuple(gatewayType, gatewayValue).map(([t, v]) => `${t}:${v}`),
);
const template = fc.array(
  fc.string({ unit: fc.constantFrom(...'Phone:/()0123456789 abcTitle'), maxLength: 30 }).map((s) => `- ${s}`),
  { maxLength: 3 },
);
const txn: fc.Arbitrary<Txn> = fc.oneof(
  fc.record({ code: fc.constantFrom('A' as const, 'M' as const), fullName, address, template }),
  fc.record({ code: fc.constant('D' as const), fullName, address, template: fc.constant<string[]>([]) }),
  fc.oneof(
    fc.tuple(poType, alnum, alnum).map(([t, n, p]) => ({ code: 'R' as const, target: `${t}:${n}/${p}` })),
    gatewayType.map((t) => ({ code: 'R' as const, target: `${t}:` })),
  ),
);

/** What every parse result must look like, whatever the input. */
function wellFormed(text: string, r: ReturnType<typeof parseImportFile>): void {
  const lineCount = text.split('\n').length;
  expect(r.txns.length).toBe(r.lines.length);
  for (const e of r.errors) {
    expect([12, 13, 17, 19, 20, 46, 72]).toContain(e.number);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lineCount);
    expect(e.message).not.toBe('');
  }
  // Whatever was accepted is valid: it survives a format/parse round trip in both forms.
  for (const form of ['tab', 'fixed'] as const) {
    const again = parseImportFile(formatImportFile(r.txns, form));
    expect(again.errors).toEqual([]);
    expect(again.txns).toEqual(r.txns);
  }
}

describe('properties', () => {
  it('parse(format(txns)) = txns in both forms', () => {
    fc.assert(
      fc.property(fc.array(txn, { maxLength: 12 }), fc.constantFrom('tab' as const, 'fixed' as const), (txns, form) => {
        const text = formatImportFile(txns, form);
        const r = parseImportFile(text);
        expect(r.errors).toEqual([]);
        expect(r.txns).toEqual(txns);
        expect(text.endsWith('\r\n') || txns.length === 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('2,000 random texts parse or give errors, never throw', () => {
    const fragments = fc.constantFrom('A ', 'M ', 'D ', 'R ', 'T ', '- ', '  ', ' ', '\t', '\r\n', '\n', 'PCM:', 'SMTP:', '/', ':', 'Paul', 'X', '#', ' '.repeat(31));
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.oneof(fragments, fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => wellFormed(t, parseImportFile(t))),
      { numRuns: 2500 },
    );
  });

  it('2,000 mutated valid files parse or give errors, never throw', () => {
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'replace'), s: fc.string({ unit: 'binary', maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(txn, { minLength: 1, maxLength: 8 }), fc.constantFrom('tab' as const, 'fixed' as const), fc.array(edit, { minLength: 1, maxLength: 4 }), (txns, form, edits) => {
        let t = formatImportFile(txns, form);
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = e.kind === 'insert' ? t.slice(0, at) + e.s + t.slice(at) : t.slice(0, at) + (e.kind === 'replace' ? e.s : '') + t.slice(at + Math.max(1, e.s.length));
        }
        wellFormed(t, parseImportFile(t));
      }),
      { numRuns: 2500 },
    );
  });
});
