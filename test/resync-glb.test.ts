import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16 } from '@/lib/dirsync/crc16';
import { DirsyncError } from '@/lib/core/errors';
import { decodeResyncGlb, encodeResyncGlb, type ResyncFile } from '@/lib/dirsync/resync-glb';

const T0 = Date.UTC(1994, 1, 26, 8, 0, 0);

const sample = (): ResyncFile => ({
  impSeq: 4,
  reqSeq: 17,
  srvSeq: 80,
  createdAt: T0,
  dss: 'POLY/MONT',
  records: [
    { stamp: T0, sync: 1, text: 'R PCM:POLY/NOV' },
    { stamp: T0, sync: 2, text: 'A Paul\tPCM:POLY/NOV/PAUL' },
    { stamp: T0 + 1000, sync: 3, text: 'A Zoë Ærø – “Sales”\tPCM:POLY/NOV/ZOE\n- Phone:/(206) 635-7022' },
  ],
});

/** The Fatal 14 reason a decode gives, or fails the test if it decodes. */
function reason(bytes: Uint8Array): string {
  try {
    decodeResyncGlb(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(DirsyncError);
    const err = e as DirsyncError;
    expect([err.kind, err.number, err.message]).toEqual(['fatal', 14, 'Error processing RESYNC.GLB']);
    expect(err.details).toHaveLength(1);
    return err.details[0];
  }
  throw new Error('decoded a damaged file');
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const fixHeaderCrc = (b: Uint8Array) => view(b).setUint16(46, crc16(b.subarray(0, 46)), true);
/** Offsets of each record in a valid file. */
function recordOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let o = 48; o < b.length; o += 12 + view(b).getUint16(o + 10, true)) out.push(o);
  return out;
}
const fixRecordCrc = (b: Uint8Array, o: number) =>
  view(b).setUint16(o, crc16(b.subarray(o + 2, o + 12 + view(b).getUint16(o + 10, true))), true);

describe('RESYNC.GLB layout', () => {
  it('writes the documented header, little-endian', () => {
    const b = encodeResyncGlb(sample());
    const v = view(b);
    expect(new TextDecoder().decode(b.subarray(0, 8))).toBe('RESYNCGL');
    expect(v.getUint16(8, true)).toBe(1);
    expect([10, 14, 18, 22, 26].map((o) => v.getUint32(o, true))).toEqual([4, 17, 80, 3, T0 / 1000]);
    expect(Array.from(b.subarray(30, 46))).toEqual([...Buffer.from('POLY/MONT'), 0, 0, 0, 0, 0, 0, 0]);
    expect(v.getUint16(46, true)).toBe(crc16(b.subarray(0, 46)));
  });

  it('writes each record as CRC, stamp, sync#, length, Windows-1252 text', () => {
    const b = encodeResyncGlb(sample());
    const [r1, r2, r3] = recordOffsets(b);
    const v = view(b);
    expect(r1).toBe(48);
    expect([v.getUint32(r2 + 2, true), v.getUint32(r2 + 6, true), v.getUint16(r2 + 10, true)]).toEqual([T0 / 1000, 2, 24]);
    expect(new TextDecoder().decode(b.subarray(r2 + 12, r2 + 36))).toBe('A Paul\tPCM:POLY/NOV/PAUL');
    expect(v.getUint16(r2, true)).toBe(crc16(b.subarray(r2 + 2, r2 + 36)));
    // One byte per character: ë Æ ø – “ ” are single Windows-1252 bytes.
    const text3 = sample().records[2].text;
    expect(v.getUint16(r3 + 10, true)).toBe(text3.length);
    expect(b[r3 + 12 + 'A Zo'.length]).toBe(0xeb);
    expect(b[r3 + 12 + 'A Zoë Ærø '.length]).toBe(0x96);
    expect(b.length).toBe(r3 + 12 + text3.length);
  });

  it('round-trips; times are kept in whole seconds', () => {
    expect(decodeResyncGlb(encodeResyncGlb(sample()))).toEqual(sample());
    const f = { ...sample(), createdAt: T0 + 999, records: [{ stamp: T0 + 1500, sync: 9, text: '' }] };
    expect(decodeResyncGlb(encodeResyncGlb(f))).toEqual({ ...f, createdAt: T0, records: [{ stamp: T0 + 1000, sync: 9, text: '' }] });
  });

  it('handles an empty body, the largest numbers and the longest record', () => {
    const empty = { ...sample(), records: [] };
    expect(encodeResyncGlb(empty)).toHaveLength(48);
    expect(decodeResyncGlb(encodeResyncGlb(empty))).toEqual(empty);
    const max = 0xffffffff;
    const big = { ...sample(), impSeq: max, reqSeq: max, srvSeq: max, createdAt: max * 1000, records: [{ stamp: max * 1000, sync: max, text: 'x'.repeat(0xffff) }] };
    expect(decodeResyncGlb(encodeResyncGlb(big))).toEqual(big);
  });

  it('cuts a DSS name longer than the 16-byte field; a 16-character name has no NUL', () => {
    expect(decodeResyncGlb(encodeResyncGlb({ ...sample(), dss: 'POLYNOMIAL/MONTGOMERY' })).dss).toBe('POLYNOMIAL/MONTG');
    expect(decodeResyncGlb(encodeResyncGlb({ ...sample(), dss: 'ABCDEFGHIJ/ABCDE' })).dss).toBe('ABCDEFGHIJ/ABCDE');
  });

  it('refuses values that do not fit the format with a usage error', () => {
    const bad: ResyncFile[] = [
      { ...sample(), impSeq: -1 },
      { ...sample(), reqSeq: 2 ** 32 },
      { ...sample(), srvSeq: 1.5 },
      { ...sample(), createdAt: Number.NaN },
      { ...sample(), createdAt: -1 },
      { ...sample(), dss: 'POLY/MÖNT' },
      { ...sample(), dss: 'POLY\0MONT' },
      { ...sample(), records: [{ stamp: 2 ** 32 * 1000, sync: 1, text: 'R SMTP:' }] },
      { ...sample(), records: [{ stamp: T0, sync: -3, text: 'R SMTP:' }] },
      { ...sample(), records: [{ stamp: T0, sync: 1, text: 'x'.repeat(0x10000) }] },
    ];
    for (const f of bad) {
      expect(() => encodeResyncGlb(f)).toThrow(DirsyncError);
      try {
        encodeResyncGlb(f);
      } catch (e) {
        expect((e as DirsyncError).kind).toBe('usage');
      }
    }
  });
});

describe('Windows-1252 texts', () => {
  const defined = Array.from({ length: 256 }, (_, b) => b).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
  // Bytes 80–9F as Python's cp1252 codec reads them (Node's TextDecoder treats the label as Latin-1).
  const high = '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178';
  const latin1 = (from: number, to: number) => String.fromCharCode(...Array.from({ length: to - from }, (_, k) => from + k));
  const allChars = latin1(0, 0x80) + high + latin1(0xa0, 0x100);

  it('encodes every Windows-1252 character to its byte', () => {
    expect(allChars).toHaveLength(defined.length);
    const b = encodeResyncGlb({ ...sample(), records: [{ stamp: T0, sync: 1, text: allChars }] });
    expect(Array.from(b.subarray(60))).toEqual(defined);
    expect(decodeResyncGlb(b).records[0].text).toBe(allChars);
  });

  it("writes '?' for anything else, one per character", () => {
    const text = 'Ā€😀\ud800x\u0081\u4e2d';
    const f = decodeResyncGlb(encodeResyncGlb({ ...sample(), records: [{ stamp: T0, sync: 1, text }] }));
    expect(f.records[0].text).toBe('?€??x??');
  });

  it('decodes arbitrary text as its Windows-1252 reading', () => {
    const expected = (s: string) => Array.from(s, (ch) => (allChars.includes(ch) ? ch : '?')).join('');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const f = decodeResyncGlb(encodeResyncGlb({ ...sample(), records: [{ stamp: T0, sync: 1, text }] }));
        expect(f.records[0].text).toBe(expected(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('damage is Fatal 14 with a reason', () => {
  const good = () => encodeResyncGlb(sample());

  it('bad signature', () => {
    const b = good();
    b[3] = 0x41;
    expect(reason(b)).toMatch(/^bad signature "RESANCGL" \(expected "RESYNCGL"\)$/);
    expect(reason(new TextEncoder().encode('A Paul\tPCM:POLY/NOV/PAUL'))).toMatch(/^bad signature/);
    expect(reason(new Uint8Array([0x52, 0x45, 0x00]))).toMatch(/^bad signature "RE\."/);
  });

  it('truncated header', () => {
    expect(reason(new Uint8Array(0))).toBe('truncated header: the file is 0 bytes, a header needs 48');
    expect(reason(good().subarray(0, 47))).toBe('truncated header: the file is 47 bytes, a header needs 48');
    expect(reason(good().subarray(0, 5))).toMatch(/^truncated header/);
  });

  it('unsupported version', () => {
    const b = good();
    view(b).setUint16(8, 2, true);
    fixHeaderCrc(b);
    expect(reason(b)).toBe('unsupported version 2 (expected 1)');
  });

  it('header CRC mismatch', () => {
    const b = good();
    b[14] ^= 0x01; // REQSEQ 17 → 16
    expect(reason(b)).toBe(`header CRC mismatch (stored ${hex4(view(b).getUint16(46, true))}, computed ${hex4(crc16(b.subarray(0, 46)))})`);
  });

  it('DSS name field not NUL-padded ASCII', () => {
    const b = good();
    b[44] = 0x41; // a letter after the padding NULs
    fixHeaderCrc(b);
    expect(reason(b)).toBe('DSS name field is not NUL-padded ASCII (byte 41 at 44)');
    const c = good();
    c[31] = 0xc9;
    fixHeaderCrc(c);
    expect(reason(c)).toMatch(/^DSS name field/);
  });

  it('record CRC mismatch names the record and both CRCs', () => {
    const b = good();
    const r3 = recordOffsets(b)[2];
    b[r3 + 14] ^= 0x20;
    const stored = view(b).getUint16(r3, true);
    const computed = crc16(b.subarray(r3 + 2));
    expect(reason(b)).toBe(`record 3: CRC mismatch (stored ${hex4(stored)}, computed ${hex4(computed)})`);
    const c = good();
    c[recordOffsets(c)[0]] ^= 0xff; // the stored CRC itself
    expect(reason(c)).toMatch(/^record 1: CRC mismatch \(stored [0-9A-F]{4}, computed [0-9A-F]{4}\)$/);
  });

  it('record length beyond the bytes left', () => {
    const b = good();
    const r2 = recordOffsets(b)[1];
    const left = b.length - r2 - 12;
    view(b).setUint16(r2 + 10, left + 1, true);
    expect(reason(b)).toBe(`record 2: length ${left + 1} exceeds the ${left} bytes left (truncated or damaged length)`);
    view(b).setUint16(r2 + 10, 0xffff, true);
    expect(reason(b)).toMatch(/^record 2: length 65535 exceeds/);
  });

  it('a record length that still fits but is wrong fails its CRC', () => {
    const b = good();
    const r1 = recordOffsets(b)[0];
    view(b).setUint16(r1 + 10, 20, true);
    expect(reason(b)).toMatch(/^record 1: CRC mismatch/);
  });

  it('truncated inside a record', () => {
    const b = good();
    const r3 = recordOffsets(b)[2];
    expect(reason(b.subarray(0, r3 + 5))).toBe('record 3: truncated (5 bytes left, a record header needs 12)');
    expect(reason(b.subarray(0, r3 + 20))).toMatch(/^record 3: length \d+ exceeds the 8 bytes left/);
    expect(reason(b.subarray(0, b.length - 1))).toMatch(/^record 3: length/);
  });

  it('fewer records than the header announces', () => {
    const b = good();
    expect(reason(b.subarray(0, recordOffsets(b)[2]))).toBe('truncated: the header announces 3 records, the file holds 2');
    const c = good();
    view(c).setUint32(22, 0xffffffff, true);
    fixHeaderCrc(c);
    expect(reason(c)).toBe('truncated: the header announces 4294967295 records, the file holds 3');
  });

  it('trailing bytes', () => {
    const b = good();
    const longer = new Uint8Array(b.length + 3);
    longer.set(b);
    expect(reason(longer)).toBe('3 trailing bytes after the 3 records the header announces');
    view(b).setUint32(22, 2, true);
    fixHeaderCrc(b);
    expect(reason(b)).toMatch(/^\d+ trailing bytes after the 2 records/);
  });

  it('a byte that is not a Windows-1252 character, even under a valid CRC', () => {
    const b = good();
    const r2 = recordOffsets(b)[1];
    b[r2 + 12] = 0x8d;
    fixRecordCrc(b, r2);
    expect(reason(b)).toBe(`record 2: byte 8D at offset ${r2 + 12} is not a Windows-1252 character`);
  });

  it('reads a file inside a larger buffer without looking past its end', () => {
    const b = good();
    const host = new Uint8Array(b.length + 40).fill(0xee);
    host.set(b, 20);
    expect(decodeResyncGlb(host.subarray(20, 20 + b.length))).toEqual(sample());
    expect(reason(host.subarray(20, 20 + b.length - 2))).toMatch(/^record 3/);
  });
});

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

// ---- properties and fuzzing ---------------------------------------------------------------------

/** Characters Windows-1252 holds, so texts round-trip exactly. */
const cp1252Char = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\t', '\n', 'é', 'ß', 'Ø', 'ÿ', '€', '“', '”', '–', 'Š', 'Ÿ', '\u00a0'),
);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const arbFile: fc.Arbitrary<ResyncFile> = fc.record({
  impSeq: u32,
  reqSeq: u32,
  srvSeq: u32,
  createdAt: u32.map((s) => s * 1000),
  dss: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 16 }),
  records: fc.array(
    fc.record({ stamp: u32.map((s) => s * 1000), sync: u32, text: fc.string({ unit: cp1252Char, maxLength: 60 }) }),
    { maxLength: 8 },
  ),
});

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; n: number }
  | { kind: 'length'; record: number; value: number }
  | { kind: 'count'; value: number; fixCrc: boolean };

const pos = fc.nat({ max: 1_000_000 });
const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: pos, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: pos, value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: pos, n: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('length' as const), record: fc.nat(), value: fc.nat({ max: 0xffff }) }),
  fc.record({ kind: fc.constant('count' as const), value: u32, fixCrc: fc.boolean() }),
);

function mutate(src: Uint8Array, m: Mutation): Uint8Array {
  const b = src.slice();
  const raw = 'at' in m ? m.at : 0;
  const at = m.kind === 'truncate' || m.kind === 'insert' ? raw % (b.length + 1) : b.length ? raw % b.length : 0;
  switch (m.kind) {
    case 'flip':
      if (b.length) b[at] ^= 1 << m.bit;
      return b;
    case 'set':
      if (b.length) b[at] = m.value;
      return b;
    case 'truncate':
      return b.subarray(0, at);
    case 'insert':
      return Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
    case 'delete':
      return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + m.n)]);
    case 'length': {
      const offsets = b.length >= 48 ? safeOffsets(b) : [];
      if (offsets.length) view(b).setUint16(offsets[m.record % offsets.length] + 10, m.value, true);
      return b;
    }
    case 'count':
      if (b.length >= 48) {
        view(b).setUint32(22, m.value, true);
        if (m.fixCrc) fixHeaderCrc(b);
      }
      return b;
  }
}

/** Record offsets while the lengths stay inside the buffer (the buffer may already be mutated). */
function safeOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let o = 48; o + 12 <= b.length; o += 12 + view(b).getUint16(o + 10, true)) out.push(o);
  return out;
}

/** The contract: a valid file (then it re-encodes to the same bytes) or Fatal 14 with a reason. */
function decodesOrFatal14(bytes: Uint8Array): 'ok' | 'fatal' {
  let file: ResyncFile;
  try {
    file = decodeResyncGlb(bytes);
  } catch (e) {
    if (!(e instanceof DirsyncError) || e.kind !== 'fatal' || e.number !== 14 || e.message !== 'Error processing RESYNC.GLB') throw e;
    if (e.details.length !== 1 || !e.details[0]) throw e;
    return 'fatal';
  }
  expect(encodeResyncGlb(file)).toEqual(bytes.slice());
  return 'ok';
}

describe('properties', () => {
  it('decode(encode(f)) = f for any file the format holds', () => {
    fc.assert(
      fc.property(arbFile, (f) => {
        expect(decodeResyncGlb(encodeResyncGlb(f))).toEqual(f);
      }),
      { numRuns: 1000 },
    );
  });

  it('3,000 mutated files each decode to a valid file or give Fatal 14, never anything else', () => {
    const seen = { ok: 0, fatal: 0 };
    fc.assert(
      fc.property(arbFile, fc.array(arbMutation, { minLength: 1, maxLength: 3 }), (f, mutations) => {
        const bytes = mutations.reduce(mutate, encodeResyncGlb(f));
        seen[decodesOrFatal14(bytes)]++;
      }),
      { numRuns: 3000 },
    );
    expect(seen.fatal).toBeGreaterThan(2000);
  });

  it('every single-bit flip of a file is detected', () => {
    const b = encodeResyncGlb(sample());
    for (let i = 0; i < b.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const m = b.slice();
        m[i] ^= 1 << bit;
        expect(decodesOrFatal14(m)).toBe('fatal');
      }
    }
  });

  it('every truncation of a file is detected', () => {
    const b = encodeResyncGlb(sample());
    for (let n = 0; n < b.length; n++) expect(decodesOrFatal14(b.subarray(0, n))).toBe('fatal');
  });

  it('random bytes, with and without a valid signature, never crash the decoder', () => {
    const sig = Array.from(new TextEncoder().encode('RESYNCGL'));
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 300 }), (signed, tail) => {
        decodesOrFatal14(signed ? Uint8Array.from([...sig, ...tail]) : tail);
      }),
      { numRuns: 2000 },
    );
  });
});

// Speed is measured by B5 in `npm run bench`, never asserted here.
describe('large files', () => {
  it('round-trips 100,000 records', () => {
    const records = Array.from({ length: 100_000 }, (_, k) => ({
      stamp: T0,
      sync: k + 1,
      text: `A User ${String(k).padStart(6, '0')}\tPCM:POLY/NOV/U${k}`.padEnd(45, 'x'),
    }));
    const back = decodeResyncGlb(encodeResyncGlb({ ...sample(), records }));
    expect(back.records.length).toBe(100_000);
    expect(back.records[99_999]).toEqual(records[99_999]);
  });
});
