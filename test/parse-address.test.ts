import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, checkAddress, listKeyOf, listKeyOfKey, parseAddress } from '@/lib/dirsync/names';

// Addresses of a few postoffices, in runs and interleaved, some malformed: the remembered prefixes
// (the map and the last one tried first) must answer exactly as checking every part does.
const part = fc.constantFrom('NET', 'net', 'POLY', 'PO1', 'Nov', 'OCT', 'A', 'TOOLONGNAME1', 'B-D', '');
const mailbox = fc.constantFrom('ANN', 'ben', 'U0001', 'X', '', 'TOOLONGNAME1', 'A/B', 'C D');
const type = fc.constantFrom('PCM', 'pcm', 'MS', 'ms', 'SMTP', 'X400', 'BAD TYPE', '');
const address = fc.oneof(
  fc.tuple(type, part, part, mailbox).map(([t, n, p, m]) => `${t}:${n}/${p}/${m}`),
  fc.tuple(type, fc.string({ maxLength: 12 })).map(([t, v]) => `${t}:${v}`),
  fc.string({ maxLength: 20 }),
);

describe('parseAddress', () => {
  it('answers as checkAddress, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(address, { maxLength: 60 }), (texts) => {
        for (const text of texts) expect(parseAddress(text)).toEqual(checkAddress(text));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps each address its list and key', () => {
    const a = parseAddress('ms:Poly/Nov/ann')!;
    expect(a).toMatchObject({ type: 'MS', value: 'Poly/Nov/ann', po: { network: 'POLY', name: 'NOV' } });
    expect(listKeyOf(a)).toBe('PCM:POLY/NOV');
    expect(addressKey(a)).toBe('PCM:POLY/NOV/ANN');
    // The same prefix again (the remembered one), then a malformed mailbox after it.
    expect(addressKey(parseAddress('ms:Poly/Nov/ben')!)).toBe('PCM:POLY/NOV/BEN');
    expect(parseAddress('ms:Poly/Nov/b-n')).toBeNull();
    expect(listKeyOf(parseAddress('smtp:ann@example.com')!)).toBe('SMTP:');
  });

  it('finds the list of an address key (list_entry keeps no list column)', () => {
    expect(listKeyOfKey('PCM:POLY/NOV/ANN')).toBe('PCM:POLY/NOV');
    expect(listKeyOfKey('SMTP:ANN@EXAMPLE.COM')).toBe('SMTP:');
    expect(listKeyOfKey('X400:C=US;A=/P=X')).toBe('X400:');
  });
});
