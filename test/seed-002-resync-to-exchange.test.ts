import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { decodeResyncGlb, type ResyncFile } from '@/lib/dirsync/resync-glb';
import { cli, ok, snapshot, tempDbFile } from './helpers';

/**
 * The troubleshooting document (seed 002) on using a Resync.glb from an MS Mail dirsync server with an Exchange
 * requestor (KB Q156124; docs/exchange.md, "Services, pause, registry"): `Import -s`
 * on the DSS makes Resync.glb in its GLB directory, which must then be removed there; placed in
 * the Exchange requestor's Dxadata folder, a stop and start of the Directory Synchronization
 * service "will populate the Exchange import containers with the Microsoft Mail addresses and
 * resynchronize the Requestor Sync numbers". docs/engine.md, "The documents the code follows": the same validation as MS
 * Mail's Import -q — a damaged file or one whose REQSEQ is below the requestor's ReqSync is Fatal
 * error 14 (an Error event in the Application log), the file is left in Dxadata and nothing else
 * changes.
 */

const PW = 'admin -pPW';
const IMPORT_CONTAINER = 'MS Mail Users';

const tmpPath = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed002-')), name);

function exportGlb(file: string, place: string): Buffer {
  const out = tmpPath('RESYNC.GLB');
  ok(file, `file export ${place} RESYNC.GLB ${out}`);
  return fs.readFileSync(out);
}

const readGlb = (file: string, place: string): ResyncFile => decodeResyncGlb(exportGlb(file, place));

interface Recipient {
  container: string;
  alias: string;
  displayName: string;
  type: string;
  trust: number;
  address: string;
}

/** The Import Container's custom recipients, without ids or times. */
function imported(file: string): Pick<Recipient, 'alias' | 'displayName' | 'address' | 'trust'>[] {
  const rows = JSON.parse(ok(file, ['exchange', 'recipient', 'list', 'EXCH01', IMPORT_CONTAINER, '--json'])) as Recipient[];
  return rows.map(({ alias, displayName, address, trust }) => ({ alias, displayName, address, trust }));
}

/**
 * The Exchange requestor's numbers (REQCONF of the connector postoffice POLYNOMIAL/HQ), read from
 * the database: `exchange requestor EXCH01 --json` shows them too, but it saves the object (its
 * revision goes up), so it cannot be used between two "nothing changed" snapshots.
 */
function numbers(file: string): { reqSync: number; srvSync: number; impSync: number } {
  const db = openDatabase(file);
  try {
    return db.$client
      .prepare(
        "select req_sync as reqSync, srv_sync as srvSync, imp_sync as impSync from reqconf where po_id = (select id from postoffice where network = 'POLYNOMIAL' and name = 'HQ')",
      )
      .get() as { reqSync: number; srvSync: number; impSync: number };
  } finally {
    db.$client.close();
  }
}

/** The same numbers as the Dirsync Requestor object shows them. */
function shownNumbers(file: string): { reqSync: number; srvSync: number; impSync: number } {
  const r = JSON.parse(ok(file, 'exchange requestor EXCH01 --json'));
  return { reqSync: r.reqSync, srvSync: r.srvSync, impSync: r.impSync };
}

/** Raw mode (KB Q152231): the DXA's sequence numbers set by hand — here, lost (zeroed). */
function corruptNumbers(file: string, to: { reqSync: number; srvSync: number; impSync: number }): void {
  const db = openDatabase(file);
  try {
    db.$client
      .prepare(
        "update reqconf set req_sync = ?, srv_sync = ?, imp_sync = ? where po_id = (select id from postoffice where network = 'POLYNOMIAL' and name = 'HQ')",
      )
      .run(to.reqSync, to.srvSync, to.impSync);
  } finally {
    db.$client.close();
  }
}

function dxEvents(file: string, extra = ''): { eventId: number; type: string; category: string; description: string }[] {
  const data = JSON.parse(ok(file, `events --source MSExchangeDX --limit 1000 --json ${extra}`));
  return Array.isArray(data) ? data : data.events;
}

/** Everything but the service's own bookkeeping of the restart (its state times and its events). */
function state(file: string): Record<string, unknown[]> {
  const all = snapshot(file);
  return Object.fromEntries(Object.entries(all).filter(([t]) => t !== 'exchange_service' && !t.startsWith('event')));
}

/** One manual cycle (KB Q96060 with Exchange as requestor): T1 everywhere (DX by pause), T2 on MONT, T3 everywhere. */
function cycle(file: string): { pause: string; t2: string } {
  for (const d of ['M', 'N']) ok(file, `reqmain -t -d${d}`);
  const pause = ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  const t2 = ok(file, 'srvmain -r -dM') + '\n' + ok(file, 'srvmain -t -dM');
  ok(file, 'external -0');
  ok(file, 'external -0');
  ok(file, 'dispatch --until +1m');
  for (const d of ['M', 'N']) ok(file, `nsda -rr -d${d}`);
  return { pause, t2 };
}

const CONVERGED = [
  { alias: 'ALICE', displayName: 'Alice Walker', address: 'PCM:POLY/NOV/ALICE', trust: 0 },
  { alias: 'BOB', displayName: 'Bob Stone', address: 'PCM:POLY/NOV/BOB', trust: 0 },
  { alias: 'PAUL', displayName: 'Paul Allen', address: 'PCM:POLY/MONT/PAUL', trust: 0 },
];

/**
 * MS Mail DSS POLY/MONT (drive M, PAUL) with requestor POLY/NOV (drive N, ALICE and BOB); EXCH01
 * (5.5, POLYNOMIAL/HQ) a requestor of MONT exporting PAT, importing into "MS Mail Users". Two
 * cycles: everyone has converged.
 */
function network(): string {
  const file = tempDbFile('seed002');
  ok(file, 'po create POLY/MONT --password PW');
  ok(file, 'po create POLY/NOV --password PW');
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ALICE "Alice Walker"');
  ok(file, 'user add -dN BOB "Bob Stone"');
  ok(file, 'ds server -dM on');
  ok(file, 'ds requestor create -dM POLY/NOV --password S');
  ok(file, 'ds register -dN POLY/MONT --password S');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password X');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, `exchange container add EXCH01 "${IMPORT_CONTAINER}"`);
  ok(file, `exchange requestor EXCH01 POLY/MONT --password X --export-containers Recipients --import-container "${IMPORT_CONTAINER}"`);
  cycle(file);
  cycle(file);
  expect(imported(file)).toEqual(CONVERGED);
  expect(shownNumbers(file)).toEqual({ reqSync: 2, srvSync: 5, impSync: 0 });
  expect(ok(file, 'rebuild -f -dN')).toBe('GAL rebuilt: 4 names');
  return file;
}

/** Import -s on MONT, copied to EXCH01's Dxadata and removed from MONT, as the document says. */
function resyncToDxadata(file: string): ResyncFile {
  expect(ok(file, `import ${PW} -dM -s`)).toMatch(/^RESYNC\.GLB written to the GLB directory of POLY\/MONT \(\d+ bytes\)$/);
  expect(ok(file, 'file list POLY/MONT')).toMatch(/^RESYNC\.GLB\s/);
  const glb = readGlb(file, 'POLY/MONT');
  expect(ok(file, 'file copy POLY/MONT EXCH01:Dxadata RESYNC.GLB')).toBe('RESYNC.GLB copied from POLY/MONT to EXCH01:Dxadata');
  expect(ok(file, 'file delete POLY/MONT RESYNC.GLB')).toBe('RESYNC.GLB deleted from POLY/MONT');
  expect(ok(file, 'file list POLY/MONT')).toBe('No files in POLY/MONT');
  expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
  return glb;
}

describe('Resync.glb from an MS Mail DSS used by an Exchange requestor (KB Q156124)', () => {
  it('the header carries the DSS’s numbers and the body every list', () => {
    const file = network();
    const glb = resyncToDxadata(file);
    const records = JSON.parse(ok(file, `listds ${PW} -dM -s --json`)).records as { requestor: string; reqSync: number; srvSync: number; impSync: number }[];
    expect(glb.reqSeq).toBe(Math.max(...records.map((r) => r.reqSync)));
    expect(glb.impSeq).toBe(Math.max(...records.map((r) => r.impSync)));
    expect(glb.srvSeq).toBe(records.find((r) => r.requestor === 'POLY/MONT')!.srvSync);
    expect({ reqSeq: glb.reqSeq, srvSeq: glb.srvSeq, impSeq: glb.impSeq }).toEqual({ reqSeq: 2, srvSeq: 5, impSeq: 0 });
    expect(glb.dss).toBe('POLY/MONT');
    const texts = glb.records.map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining(['R PCM:POLY/MONT', 'A Paul Allen\tPCM:POLY/MONT/PAUL', 'R PCM:POLY/NOV', 'A Alice Walker\tPCM:POLY/NOV/ALICE', 'A Bob Stone\tPCM:POLY/NOV/BOB']));
  });

  it('a stop and start of DX repopulates the Import Container and sets the numbers from the header; the file is removed', () => {
    const file = network();
    const glb = resyncToDxadata(file);
    // The Exchange side has gone wrong: imported recipients lost or changed by hand, its numbers lost.
    ok(file, ['exchange', 'recipient', 'delete', 'EXCH01', IMPORT_CONTAINER, 'ALICE']);
    ok(file, ['exchange', 'recipient', 'modify', 'EXCH01', IMPORT_CONTAINER, 'BOB', 'Bobby']);
    corruptNumbers(file, { reqSync: 0, srvSync: 0, impSync: 0 });
    expect(imported(file).map((r) => r.alias)).toEqual(['BOB', 'PAUL']);
    const mailboxes = JSON.parse(ok(file, 'exchange recipient list EXCH01 Recipients --json'));

    const r = cli(file, 'service restart EXCH01 MSExchangeDX');
    expect(r.code).toBe(0);
    expect(r.out).toContain('The Microsoft Exchange Directory Synchronization service was stopped successfully.');
    expect(r.out).toContain('The Microsoft Exchange Directory Synchronization service was started successfully.');
    expect(r.out).toMatch(new RegExp(`Resync\\.glb applied: ReqSync = ${glb.reqSeq}, SrvSync = ${glb.srvSeq}, ImpSync = ${glb.impSeq}; Import Container ${IMPORT_CONTAINER}: `));

    expect(imported(file)).toEqual(CONVERGED);
    expect(numbers(file)).toEqual({ reqSync: glb.reqSeq, srvSync: glb.srvSeq, impSync: glb.impSeq });
    expect(shownNumbers(file)).toEqual(numbers(file));
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe('No files in EXCH01:Dxadata');
    // Its own list in the file (POLYNOMIAL/HQ) is not imported; the Recipients container is as it was.
    expect(JSON.parse(ok(file, 'exchange recipient list EXCH01 Recipients --json'))).toEqual(mailboxes);
    const applied = dxEvents(file).filter((e) => e.description.startsWith('Resync.glb applied'));
    expect(applied).toHaveLength(1);
    expect(applied[0].type).toBe('Information');
    expect(dxEvents(file, '--type Error')).toEqual([]);

    // The next cycle runs from the new numbers: nothing is sent again, nothing is rejected.
    const next = cycle(file);
    expect(next.pause).toContain(`ReqTx R=${glb.reqSeq} (was ${glb.reqSeq}), S=${glb.srvSeq}, I=0 0 sent`);
    expect(next.t2).toContain('POLYNOMIAL/HQ: 0 of 0 updates accepted');
    expect(imported(file)).toEqual(CONVERGED);
    // A restart with no Resync.glb does nothing to the container or the numbers.
    const before = state(file);
    expect(ok(file, 'service restart EXCH01 MSExchangeDX')).not.toContain('Resync.glb');
    expect(state(file)).toEqual(before);
  });

  it('"stopping and starting" DX does it too; a change waiting on Exchange is kept above REQSEQ and goes with the next T1', () => {
    const file = network();
    const glb = resyncToDxadata(file);
    ok(file, 'exchange recipient add EXCH01 Recipients QUINN "Quinn Fox"');
    ok(file, ['exchange', 'recipient', 'delete', 'EXCH01', IMPORT_CONTAINER, 'BOB']);
    corruptNumbers(file, { reqSync: 0, srvSync: 1, impSync: 0 });
    expect(ok(file, 'service stop EXCH01 MSExchangeDX')).not.toContain('Resync.glb');
    // Stopped, the DXA has not read it: the file waits.
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
    expect(imported(file).map((r) => r.alias)).toEqual(['ALICE', 'PAUL']);
    expect(ok(file, 'service start EXCH01 MSExchangeDX')).toContain(`Resync.glb applied: ReqSync = ${glb.reqSeq}, SrvSync = ${glb.srvSeq}, ImpSync = ${glb.impSeq}`);
    expect(imported(file)).toEqual(CONVERGED);
    expect(numbers(file)).toEqual({ reqSync: glb.reqSeq, srvSync: glb.srvSeq, impSync: glb.impSeq });
    expect(ok(file, 'file list EXCH01:Dxadata')).toBe('No files in EXCH01:Dxadata');
    const next = cycle(file);
    expect(next.pause).toContain(`ReqTx R=${glb.reqSeq + 1} (was ${glb.reqSeq}), S=${glb.srvSeq}, I=0 1 sent`);
    expect(next.t2).toContain('POLYNOMIAL/HQ: 1 of 1 updates accepted');
    expect(ok(file, 'rebuild -f -dN')).toBe('GAL rebuilt: 5 names');
  });

  it('a damaged file is Fatal 14: an Error event, the file left in Dxadata, recipients and numbers unchanged', () => {
    const file = network();
    resyncToDxadata(file);
    const bytes = exportGlb(file, 'EXCH01:Dxadata');
    bytes[bytes.length - 3] ^= 0x20; // a byte of the last record's text: its CRC no longer matches
    const damaged = tmpPath('RESYNC.GLB');
    fs.writeFileSync(damaged, bytes);
    ok(file, `file import ${damaged} EXCH01:Dxadata RESYNC.GLB`);
    ok(file, ['exchange', 'recipient', 'delete', 'EXCH01', IMPORT_CONTAINER, 'ALICE']);
    corruptNumbers(file, { reqSync: 0, srvSync: 0, impSync: 0 });
    const before = state(file);
    const recipientsBefore = imported(file);

    const r = cli(file, 'service restart EXCH01 MSExchangeDX');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Fatal \[14\] Error processing RESYNC\.GLB: the file is damaged/);
    const errors = dxEvents(file, '--type Error');
    expect(errors).toHaveLength(1);
    expect(errors[0].type).toBe('Error');
    expect(errors[0].description).toMatch(/Fatal error 14: Error processing RESYNC\.GLB/);
    expect(errors[0].description).toContain('EXCH01:Dxadata');

    expect(imported(file)).toEqual(recipientsBefore);
    expect(numbers(file)).toEqual({ reqSync: 0, srvSync: 0, impSync: 0 });
    expect(state(file)).toEqual(before);
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
    expect(exportGlb(file, 'EXCH01:Dxadata').equals(bytes)).toBe(true);
  });

  it('a file whose REQSEQ is below the Exchange requestor’s ReqSync is Fatal 14 and changes nothing', () => {
    const file = network();
    const glb = resyncToDxadata(file);
    // The file waits in Dxadata while EXCH01 sends a new recipient: its ReqSync passes the file's REQSEQ.
    ok(file, 'exchange recipient add EXCH01 Recipients QUINN "Quinn Fox"');
    expect(cycle(file).t2).toContain('POLYNOMIAL/HQ: 1 of 1 updates accepted');
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
    const now = numbers(file);
    expect(now.reqSync).toBe(glb.reqSeq + 1);
    ok(file, ['exchange', 'recipient', 'delete', 'EXCH01', IMPORT_CONTAINER, 'PAUL']);
    const before = state(file);
    const recipientsBefore = imported(file);

    const r = cli(file, 'service restart EXCH01 MSExchangeDX');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Fatal [14] Error processing RESYNC.GLB: REQSEQ ${glb.reqSeq} is below this requestor's ReqSync ${now.reqSync}`);
    const errors = dxEvents(file, '--type Error');
    expect(errors).toHaveLength(1);
    expect(errors[0].description).toMatch(/Fatal error 14: Error processing RESYNC\.GLB: REQSEQ/);
    expect(imported(file)).toEqual(recipientsBefore);
    expect(numbers(file)).toEqual(now);
    expect(state(file)).toEqual(before);
    expect(ok(file, 'file list EXCH01:Dxadata')).toMatch(/^RESYNC\.GLB\s/);
  });

  it('left on the DSS, the file makes MONT’s own Import -q fail with Fatal 14 (hence: remove it from the DSS)', () => {
    const file = network();
    ok(file, `import ${PW} -dM -s`);
    ok(file, 'file copy POLY/MONT EXCH01:Dxadata RESYNC.GLB');
    const before = snapshot(file);
    const r = cli(file, `import ${PW} -dM -q -y`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Fatal \[14\] Error processing RESYNC\.GLB/);
    expect(snapshot(file)).toEqual(before);
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    expect(cli(file, `import ${PW} -dM -q -y`).code).toBe(0);
  });
});
