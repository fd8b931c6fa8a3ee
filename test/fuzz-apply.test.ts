import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { importText } from '@/lib/dirsync/import-text';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { readStoredFile, writeStoredFile } from '@/lib/dirsync/stored-files';
import { manualCycle, smallNetwork, snapshotOf, tempDbFile } from './helpers';

// The parsers are fuzzed on their own in resync-glb.test.ts and import-file.test.ts; here every
// input goes through the real apply path on a real network: it either succeeds, or gives the
// documented error with nothing changed. Each case runs inside a savepoint that is rolled back.
let db: Db;
let resync: Uint8Array;

beforeAll(() => {
  const file = tempDbFile('fuzz');
  smallNetwork(file, {
    M: [['PAUL', 'Paul Allen'], ['APPLE', 'Apple Orchard']],
    N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow']],
    O: [['DAN', 'Dan Dee']],
  });
  manualCycle(file, 'M', ['N', 'O'], 'SECRET');
  db = openDatabase(file);
  resyncExtract(db, 'M');
  resync = readStoredFile(db, 'POLY/MONT', 'RESYNC.GLB')!;
});

afterAll(() => db.$client.close());

function isolated(run: () => void): void {
  db.$client.exec('savepoint fuzz');
  try {
    run();
  } finally {
    db.$client.exec('rollback to fuzz');
    db.$client.exec('release fuzz');
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('set32' as const), at: fc.nat(), value: fc.nat() }),
);

function mutate(bytes: Uint8Array, m: { kind: string; at: number; bit?: number; byte?: number; value?: number }): Uint8Array {
  const at = m.at % bytes.length;
  const out = new Uint8Array(bytes);
  switch (m.kind) {
    case 'flip':
      out[at] ^= 1 << m.bit!;
      return out;
    case 'truncate':
      return bytes.slice(0, at);
    case 'insert':
      return new Uint8Array([...bytes.slice(0, at), m.byte!, ...bytes.slice(at)]);
    default:
      if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, m.value!, true);
      return out;
  }
}

describe('RESYNC.GLB through import -q', () => {
  it('every mutated file is applied or refused with Fatal 14, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const bytes = ms.reduce((b, m) => mutate(b, m), resync);
        isolated(() => {
          writeStoredFile(db, 'POLY/NOV', 'RESYNC.GLB', bytes);
          const before = snapshotOf(db);
          const result = importSrvtrans(db, 'N');
          if (result.fatal) {
            expect(result.fatal.number).toBe(14);
            expect(snapshotOf(db)).toEqual(before);
          } else {
            expect(readStoredFile(db, 'POLY/NOV', 'RESYNC.GLB')).toBeUndefined();
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

const line = fc.oneof(
  fc.constantFrom('A Zed Zulu\tPCM:POLY/OCT/ZED', 'D Dan Dee\tPCM:POLY/OCT/DAN', 'R SMTP:', 'A Mail Guy\tSMTP:guy@example.com', '- Phone:/555'),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: fc.constantFrom('A', 'M', 'D', 'R', ' ', '\t', ':', '/', 'P', 'C', '-', 'x', '\u00e9'), maxLength: 45 }),
);

describe('import files through import -f', () => {
  it('every file is imported or refused with numbered errors, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.boolean(), (lines, toReqtrans, autocreate) => {
        isolated(() => {
          const before = snapshotOf(db);
          try {
            importText(db, 'N', lines.join('\r\n'), { toReqtrans, autocreate, postofficeLists: true, gateway: 'SMTP' });
          } catch (e) {
            expect(e).toBeInstanceOf(DirsyncError);
            const err = e as DirsyncError;
            expect(err.details.length).toBeGreaterThan(0);
            for (const d of err.details) expect(d).toMatch(/^line \d+: \[\d+\] /);
            expect(snapshotOf(db)).toEqual(before);
          }
        });
      }),
      { numRuns: 400 },
    );
  });
});
