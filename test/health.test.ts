import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { applyHealthFix, type StateFix } from '@/lib/health/apply-fix';
import { checkHealth } from '@/lib/health/check-health';
import type { Finding, HealthReport } from '@/lib/health/types';
import { cli, exchangeRequestorNetwork, manualCycle, ok, smallNetwork, tempDbFile } from './helpers';

function report(file: string): HealthReport {
  const db = openDatabase(file);
  try {
    return checkHealth(db);
  } finally {
    db.$client.close();
  }
}
const findings = (file: string, check: string): Finding[] => report(file).findings.filter((f) => f.check === check);

/** Change the database as a restore from an old backup would (no engine verb restores files). */
function restore(file: string, sql: string): void {
  const db = openDatabase(file);
  try {
    db.$client.exec(sql);
  } finally {
    db.$client.close();
  }
}

function times(file: string, po: string, text: string): void {
  const db = openDatabase(file);
  try {
    importProcessTimes(db, po, text);
  } finally {
    db.$client.close();
  }
}

/** Apply the fix of `kind` the finding offers, through its engine verb. */
function fix(file: string, finding: Finding, kind: StateFix['kind']): string {
  const offered = finding.fixes.find((f) => f.kind === kind) as StateFix | undefined;
  expect(offered, `${finding.check} offers ${kind}`).toBeDefined();
  const db = openDatabase(file);
  try {
    return applyHealthFix(db, offered!);
  } finally {
    db.$client.close();
  }
}

const MB = { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker'], ['BOB', 'Bob Marsh']], O: [['OLGA', 'Olga Roberts']] } as Record<string, [string, string][]>;

/** POLY/MONT (DSS) with NOV and OCT after one full manual cycle: healthy. */
function converged(label: string): string {
  const file = tempDbFile(label);
  smallNetwork(file, MB);
  manualCycle(file, 'M', ['N', 'O'], 'SECRET');
  return file;
}
const cycle = (file: string) => manualCycle(file, 'M', ['N', 'O'], 'SECRET');

describe('Health on a converged network', () => {
  it('finds nothing, lists every requestor with equal numbers, and `dirsync health` exits 0', () => {
    const file = converged('h-ok');
    const r = report(file);
    expect(r.findings).toEqual([]);
    expect(r.requestors.map((q) => q.requestor)).toEqual(['POLY/MONT', 'POLY/NOV', 'POLY/OCT']);
    for (const q of r.requestors) {
      expect(q.atDss).not.toBeNull();
      expect(q.atDss!.reqSync).toBe(q.atRequestor.reqSync);
      expect(q.atDss!.srvSync).toBe(q.atRequestor.srvSync);
      expect(q.lastSent).not.toBeNull();
      expect(q.lastReceived).not.toBeNull();
    }
    const out = cli(file, 'health');
    expect(out.code).toBe(0);
    expect(out.out).toMatch(/^Health at .*: OK$/m);
    expect(JSON.parse(ok(file, 'health --json')).counts).toEqual({ error: 0, warning: 0, info: 0 });
  });
});

describe('requestor numbers', () => {
  it('ReqSync above SrvSync is an error; Import on next cycle clears it after the next cycle', () => {
    const file = converged('h-reqsrv');
    restore(file, "update reqconf set srv_sync = 1 where po_id = (select id from postoffice where name = 'NOV')");
    const [f] = findings(file, 'reqsync-above-srvsync');
    expect(f).toMatchObject({ severity: 'error', object: 'POLY/NOV' });
    expect(f.fixes.find((x) => x.kind === 'resync-wizard')).toMatchObject({ href: '/wizards/resync/new?dss=POLY%2FMONT&requestor=POLY%2FNOV' });
    const out = cli(file, 'health');
    expect(out.code).toBe(1);
    expect(out.out).toMatch(/^ERROR  POLY\/NOV: ReqSync \d+ is above SrvSync 1$/m);
    fix(file, f, 'import-next');
    expect(findings(file, 'reqsync-above-srvsync')).toHaveLength(1);
    cycle(file);
    expect(findings(file, 'reqsync-above-srvsync')).toEqual([]);
    expect(cli(file, 'health').code).toBe(0);
  });

  it('ReqSync above the REQTRANS number is an error; Export clears it', () => {
    const file = converged('h-reqtrans');
    expect(findings(file, 'reqsync-above-reqtrans')).toEqual([]);
    restore(file, "update reqconf set reqtrans_high = 0 where po_id = (select id from postoffice where name = 'OCT')");
    const [f] = findings(file, 'reqsync-above-reqtrans');
    expect(f).toMatchObject({ severity: 'error', object: 'POLY/OCT' });
    expect(fix(file, f, 'export-next')).toContain('1 address');
    cycle(file);
    expect(findings(file, 'reqsync-above-reqtrans')).toEqual([]);
  });

  it('a DSS restored from an old backup (SrvSync above Sync) and a DSS record ahead of the requestor are errors', () => {
    const file = converged('h-restored');
    expect(findings(file, 'srvsync-above-dss')).toEqual([]);
    expect(findings(file, 'dss-reqsync-ahead')).toEqual([]);
    restore(file, "update srvconf set sync = 1; update srv_requestor set req_sync = 50 where requestor = 'POLY/OCT'");
    expect(findings(file, 'srvsync-above-dss').map((f) => f.object)).toEqual(['POLY/MONT', 'POLY/NOV', 'POLY/OCT']);
    expect(findings(file, 'dss-reqsync-ahead')).toMatchObject([{ severity: 'error', object: 'POLY/OCT' }]);
  });

  it('a requestor the DSS has no record of, or registered with a postoffice that is not a DSS, is an error', () => {
    const file = tempDbFile('h-unreg');
    smallNetwork(file, MB);
    expect(findings(file, 'not-registered')).toEqual([]);
    ok(file, 'po create POLY/DEC --password SECRET');
    ok(file, 'ds register -dPOLY/DEC POLY/MONT --password X');
    expect(findings(file, 'not-registered')).toMatchObject([{ severity: 'error', object: 'POLY/DEC' }]);
    ok(file, 'ds register -dPOLY/DEC POLY/OCT --password X');
    expect(findings(file, 'dss-missing')).toMatchObject([{ severity: 'error', object: 'POLY/DEC' }]);
  });

  it('silent for more than Keep Updates cycles is a warning; Import on next cycle clears it', () => {
    const file = converged('h-silent');
    ok(file, 'ds keep -dM 1');
    manualCycle(file, 'M', ['O'], 'SECRET');
    expect(findings(file, 'silent-requestor')).toEqual([]);
    manualCycle(file, 'M', ['O'], 'SECRET');
    const [f] = findings(file, 'silent-requestor');
    expect(f).toMatchObject({ severity: 'warning', object: 'POLY/NOV', title: 'Silent for 2 cycles (Keep Updates 1)' });
    fix(file, f, 'import-next');
    cycle(file);
    expect(findings(file, 'silent-requestor')).toEqual([]);
  });

  it('updates purged before a silent requestor received them is an error (138/139 coming); Import clears it', () => {
    const file = converged('h-purged');
    ok(file, 'ds keep -dM 1');
    for (const name of ['CAROL', 'DAN']) {
      ok(file, `user add -dO ${name} "${name} Test"`);
      manualCycle(file, 'M', ['O'], 'SECRET');
    }
    expect(findings(file, 'silent-requestor')).toEqual([]);
    const [f] = findings(file, 'missing-transactions');
    expect(f).toMatchObject({ severity: 'error', object: 'POLY/NOV' });
    fix(file, f, 'import-next');
    cycle(file);
    expect(findings(file, 'missing-transactions')).toEqual([]);
    expect(ok(file, 'log -dM dirsync')).not.toMatch(/\[138\]/);
  });
});

describe('queues, run windows and schedules', () => {
  it('mail waiting longer than the pass that should move it is a warning', () => {
    const file = converged('h-queue');
    ok(file, 'reqmain -t -dN');
    expect(findings(file, 'queue-waiting')).toEqual([]);
    ok(file, 'clock --set 1994-03-01T09:00:00Z');
    const f = findings(file, 'queue-waiting');
    expect(f.map((x) => [x.severity, x.object, x.title])).toEqual([
      ['warning', 'POLY/NOV', '1 ReqStat message for POLY/MONT waiting 3 days in the P1 directory'],
      ['warning', 'POLY/NOV', '1 ReqTx message for POLY/MONT waiting 3 days in the P1 directory'],
    ]);
    ok(file, 'external -0');
    ok(file, 'external -0');
    // In the DSS's mailbag now: no T2 is scheduled, so a week is the limit.
    expect(findings(file, 'queue-waiting')).toEqual([]);
  });

  it('a missed run window is a warning until the process runs again', () => {
    const file = converged('h-window');
    ok(file, 'clock --set 1994-02-26T08:00:00Z');
    times(file, 'N', 'T1 Sat 10:00');
    ok(file, 'dispatch --until +1h');
    expect(findings(file, 'missed-run-window')).toEqual([]);
    ok(file, 'clock --set 1994-02-26T19:00:00Z');
    ok(file, 'dispatch --until +1m');
    const [f] = findings(file, 'missed-run-window');
    expect(f).toMatchObject({ severity: 'warning', object: 'POLY/NOV', title: 'NSDA -RT missed its run window' });
    expect(f.fixes[0]).toMatchObject({ kind: 'open-schedule', href: '/msmail/POLY~NOV#panel-schedule' });
    ok(file, 'dispatch --until +7d');
    expect(findings(file, 'missed-run-window')).toEqual([]);
  });

  it('T1 not before T2 and T3 not after T2 are warnings; the documents\u2019 order is not', () => {
    const file = converged('h-order');
    times(file, 'M', 'T1 Sat 13:00\nT2 Sat 14:00\nT3 Sat 15:00');
    times(file, 'N', 'T1 Sat 13:00\nT3 Sat 15:00');
    expect(findings(file, 't1-not-before-t2')).toEqual([]);
    expect(findings(file, 't3-not-after-t2')).toEqual([]);
    times(file, 'N', 'T1 Sat 15:00\nT3 Sat 16:00');
    expect(findings(file, 't1-not-before-t2')).toMatchObject([{ object: 'POLY/NOV', title: 'No T1 before the T2 of Sat 14:00 on POLY/MONT' }]);
    expect(findings(file, 't3-not-after-t2')).toMatchObject([{ object: 'POLY/NOV', title: 'No T3 after the T2 of Sat 14:00 on POLY/MONT' }]);
  });
});

describe('files', () => {
  it('a RESYNC.GLB left on the DSS is a warning (seed 002) until it is deleted', () => {
    const file = converged('h-resync');
    expect(findings(file, 'resync-glb-on-dss')).toEqual([]);
    ok(file, 'import admin -pSECRET -dM -s -y');
    const [f] = findings(file, 'resync-glb-on-dss');
    expect(f).toMatchObject({ severity: 'warning', object: 'POLY/MONT', source: 'KB Q156124 (using RESYNC.GLB with an Exchange requestor)' });
    ok(file, 'file delete POLY/MONT RESYNC.GLB');
    expect(findings(file, 'resync-glb-on-dss')).toEqual([]);
  });

  it('SRVTRANS not empty between steps is a warning until import -q runs', () => {
    const file = converged('h-srvtrans');
    ok(file, 'user add -dO EVE "Eve Test"');
    for (const d of ['M', 'N', 'O']) ok(file, `reqmain -t -d${d}`);
    for (const line of ['external -0', 'external -0', 'srvmain -r -dM', 'srvmain -t -dM', 'external -0', 'external -0']) ok(file, line);
    expect(findings(file, 'temporary-file-not-empty')).toEqual([]);
    ok(file, 'reqmain -r -dN');
    expect(findings(file, 'temporary-file-not-empty')).toMatchObject([{ severity: 'warning', object: 'POLY/NOV' }]);
    ok(file, 'import admin -pSECRET -dN -q -y');
    expect(findings(file, 'temporary-file-not-empty')).toEqual([]);
  });
});

describe('the Exchange side', () => {
  it('a PC MTA that services no postoffice and logging left at Maximum are warnings', () => {
    const file = exchangeRequestorNetwork('h-mta');
    expect(findings(file, 'pc-mta-serves-nothing')).toEqual([]);
    expect(findings(file, 'logging-at-maximum')).toEqual([]);
    ok(file, 'exchange mta add EXCH01 "Spare MTA"');
    expect(findings(file, 'pc-mta-serves-nothing')).toMatchObject([{ severity: 'warning', object: 'EXCH01 Spare MTA' }]);
    ok(file, 'exchange logging EXCH01 MSExchangePCMTA * maximum');
    ok(file, 'exchange logging EXCH01 MSExchangeDX "MS Mail 3.2" maximum');
    // Each opens the Diagnostics Logging page that sets it, with its service chosen.
    expect(findings(file, 'logging-at-maximum')).toMatchObject([
      { severity: 'warning', object: 'EXCH01 MSExchangeDX', fixes: [{ kind: 'open-logging', href: '/exchange/EXCH01/directory-synchronization/diagnostics-logging?service=MSExchangeDX' }] },
      { severity: 'warning', object: 'EXCH01 MSExchangePCMTA', fixes: [{ kind: 'open-logging', href: '/exchange/EXCH01/connector/diagnostics-logging?service=MSExchangePCMTA' }] },
    ]);
    ok(file, 'exchange logging EXCH01 MSExchangeDX "MS Mail 3.2" none');
    ok(file, 'exchange logging EXCH01 MSExchangePCMTA * none');
    expect(findings(file, 'logging-at-maximum')).toEqual([]);
  });

  it('mail held at the connector postoffice by a stopped PC MTA: Restart it, and the next poll clears the finding', () => {
    const file = exchangeRequestorNetwork('h-mtaq');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    ok(file, 'service stop EXCH01 "Microsoft PC MTA"');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    expect(findings(file, 'queue-waiting')).toEqual([]);
    ok(file, 'clock --set 1994-02-26T08:10:00Z');
    const waiting = findings(file, 'queue-waiting');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting[0]).toMatchObject({ object: 'EXCH01 (POLYNOMIAL/HQ)' });
    expect(waiting[0].meaning).toContain('the instance is stopped');
    expect(fix(file, waiting[0], 'restart-service')).toContain('Microsoft PC MTA service was started successfully');
    ok(file, 'dispatch --until +2m');
    expect(findings(file, 'queue-waiting')).toEqual([]);
  });

  it('MSExchangeDX paused is a warning; Restart clears it', () => {
    const file = exchangeRequestorNetwork('h-dx');
    ok(file, 'exchange version EXCH01 4.0');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    ok(file, 'service restart EXCH01 MSExchangeDX');
    expect(findings(file, 'dx-paused')).toEqual([]);
    ok(file, 'service pause EXCH01 MSExchangeDX');
    const [f] = findings(file, 'dx-paused');
    expect(f).toMatchObject({ severity: 'warning', object: 'EXCH01 MSExchangeDX' });
    expect(fix(file, f, 'restart-service')).toContain('started successfully');
    expect(findings(file, 'dx-paused')).toEqual([]);
  });

  it('the Exchange requestor is in the table with its last sent and received', () => {
    const file = exchangeRequestorNetwork('h-xreq');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    const before = report(file).requestors.find((r) => r.server === 'EXCH01')!;
    expect(before).toMatchObject({ requestor: 'POLYNOMIAL/HQ', dss: 'POLY/MONT', lastSent: null, lastReceived: null });
    for (const d of ['M', 'N']) ok(file, `reqmain -t -d${d}`);
    ok(file, 'service pause EXCH01 MSExchangeDX');
    for (const line of ['external -0', 'external -0', 'dispatch --until +1m', 'nsda -s -dM', 'external -0', 'external -0', 'dispatch --until +1m']) ok(file, line);
    const after = report(file).requestors.find((r) => r.server === 'EXCH01')!;
    expect(after.lastSent).not.toBeNull();
    expect(after.lastReceived).not.toBeNull();
    expect(after.atDss!.reqSync).toBe(after.atRequestor.reqSync);
  });

  it('a fix no finding offers is refused and changes nothing', () => {
    const file = converged('h-refuse');
    const db = openDatabase(file);
    try {
      expect(() => applyHealthFix(db, { kind: 'import-next', label: 'x', requestor: 'POLY/NOV' })).toThrow(/No current Health finding offers this fix/);
      expect((db.$client.prepare("select import_next from reqconf where po_id = (select id from postoffice where name = 'NOV')").get() as { import_next: number }).import_next).toBe(0);
    } finally {
      db.$client.close();
    }
  });
});
