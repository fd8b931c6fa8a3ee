import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, dump, ok, tempDbFile } from './helpers';

/**
 * `dirsync resync plan` and `dirsync resync check` (issue 9, docs/cli.md): the prediction from the
 * command line. Exit 0 when every requestor would apply the file, 1 when any would refuse it (one
 * line on stderr), 2 on bad usage; none of them changes anything.
 */

const PW = 'admin -pPW';

/** Exit status, stdout and stderr, and that the command changed nothing at all. */
function run(file: string, line: string | string[]): { code: number; out: string; err: string } {
  const before = dump(file);
  const r = cli(file, line);
  expect(dump(file)).toEqual(before);
  return r;
}

/** EXCH01 (5.5) the DSS of NOV ("NOV") and OCT ("October Office"); after two cycles NOV's ReqSync is 3, OCT's 2. */
function exchangeDss(): string {
  const file = tempDbFile('cli-resync-x');
  for (const po of ['NOV', 'OCT']) ok(file, `po create POLY/${po} --password PW`);
  for (const [m, f] of [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow'], ['CAT', 'Cat Cole']]) ok(file, ['user', 'add', '-dPOLY/NOV', m, f]);
  ok(file, 'user add -dPOLY/OCT DAN "Dan Dee"');
  ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 5.5');
  for (const po of ['NOV', 'OCT']) ok(file, `exchange connection add EXCH01 POLY/${po}`);
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV,POLY/OCT');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'exchange dss EXCH01 --schedule never');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients');
  ok(file, 'exchange remote-requestor add EXCH01 POLY/OCT --name "October Office" --password OCTPW --export-containers Recipients');
  ok(file, 'ds register -dPOLY/NOV POLYNOMIAL/HQ --password NOVPW');
  ok(file, 'ds register -dPOLY/OCT POLYNOMIAL/HQ --password OCTPW');
  const cycle = (pos: string[]) => {
    for (const po of pos) ok(file, `reqmain -t -dPOLY/${po}`);
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    ok(file, 'dispatch --until +1m');
    for (const po of pos) ok(file, `nsda -rr -dPOLY/${po}`);
  };
  cycle(['NOV', 'OCT']);
  ok(file, 'user add -dPOLY/OCT EVE "Eve Eng"');
  cycle(['OCT']);
  return file;
}

/** MS Mail DSS POLY/MONT (M) with POLY/NOV (N); one manual cycle. */
function msmailDss(): string {
  const file = tempDbFile('cli-resync-ms');
  for (const po of ['MONT', 'NOV']) ok(file, `po create POLY/${po} --password PW`);
  ok(file, 'user add -dM PAUL "Paul Allen"');
  ok(file, 'user add -dN ANN "Ann Arbor"');
  ok(file, 'ds server -dM on');
  ok(file, 'ds requestor create -dM POLY/NOV --password S');
  ok(file, 'ds register -dN POLY/MONT --password S');
  return file;
}

describe('dirsync resync plan', () => {
  let x: string;
  beforeAll(() => {
    x = exchangeDss();
  }, 60_000);

  it('a requestor whose ReqSync is above the named one’s: the refusal, why, the fixes, exit 1', () => {
    const r = run(x, ['resync', 'plan', '-dEXCH01', '-rPOLY/NOV', '--name', 'October Office']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('dirsync resync: POLY/NOV would refuse this RESYNC.GLB with Fatal [14]; nothing was changed');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Resync plan: Exchange DSS → MS Mail requestors, DSS EXCH01 (a prediction: nothing has been changed)');
    expect(lines).toContain('ResyncConnectionRDNs: October Office');
    expect(lines).toContain('GlobalMaxSeqInResync: not set (highest numbers over the requestors named)');
    expect(lines.find((l) => l.startsWith('RESYNC.GLB header:'))).toMatch(/^RESYNC\.GLB header: IMPSEQ = 0, REQSEQ = 2, SRVSEQ = \d+, \d+ records, DSS POLYNOMIAL\/HQ$/);
    expect(lines).toContain('POLY/NOV  will be refused with Fatal [14] Error processing RESYNC.GLB');
    expect(lines).toContain("    why: REQSEQ 2 is below this requestor's ReqSync 3; the DSS would reject its next changes as old");
    expect(lines.filter((l) => l.startsWith('    fix: '))).toEqual([
      '    fix: Also name "NOV" in ResyncConnectionRDNs: the DXA takes the highest numbers only over the requestors named',
      '    fix: Upgrade the DXA on EXCH01 to 5.5 SP3 (build 2524) or later and set GlobalMaxSeqInResync = 1: version 5.5 ignores the value',
    ]);
  });

  it('naming both (the default: every requestor, by its own name) applies: exit 0', () => {
    const r = run(x, 'resync plan -dEXCH01');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('ResyncConnectionRDNs: NOV; October Office');
    expect(r.out).toContain('POLY/NOV  will apply');
    expect(r.out).toContain('POLY/OCT  will apply');
    expect(r.out).toMatch(/REQSEQ = 3,/);
  });

  it('--global-max on 5.5: set but ignored, and the fix is the upgrade', () => {
    const r = run(x, ['resync', 'plan', '-dEXCH01', '-rNOV', '--name', 'October Office', '--global-max']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'GlobalMaxSeqInResync: 1, but ignored by 5.5: only DXA 5.5 SP3 (build 2524) or later reads it (highest numbers over the requestors named)',
    );
    expect(r.out).toContain('    fix: Upgrade the DXA on EXCH01 to 5.5 SP3 (build 2524) or later: version 5.5 ignores GlobalMaxSeqInResync');
  });

  it('--json prints the prediction; --global-max on 5.5 is not in force', () => {
    const r = run(x, ['resync', 'plan', '-dEXCH01', '-rNOV', '--name=October Office', '--global-max', '--json']);
    expect(r.code).toBe(1);
    const p = JSON.parse(r.out);
    expect(p).toMatchObject({ direction: 'exchange-dss-to-msmail', dss: 'EXCH01', globalMaxInForce: false, globalMaxSet: true, names: ['October Office'], version: '5.5' });
    expect(p.verdicts).toHaveLength(1);
    expect(p.verdicts[0]).toMatchObject({ requestor: 'POLY/NOV', kind: 'msmail', applies: false, atRequestor: { reqSync: 3 } });
    expect(p.verdicts[0].fixes.map((f: { code: string }) => f.code)).toEqual(['nameToo', 'upgradeDxa']);
  });

  it('bad usage: exit 2, one line, nothing changed', () => {
    const cases: [string | string[], RegExp][] = [
      ['resync', /^dirsync resync: resync needs plan or check/],
      ['resync plan', /^dirsync resync: name the postoffice with -d/],
      ['resync plan -dPOLY/NOV', /POLY\/NOV is not a Directory Synchronization Server: .*error 67/],
      ['resync plan -dEXCH01 -rPOLY/XX', /postoffice POLY\/XX does not exist/],
      ['resync plan -dEXCH01 -rNobody', /"Nobody" is not a Remote Dirsync Requestor of EXCH01/],
      ['resync plan -dEXCH01 --global-max --no-global-max', /not both/],
      ['resync plan -dEXCH01 --name', /--name needs a Remote Dirsync Requestor name/],
      ['resync plan -dEXCH01 -r', /-r needs a requestor/],
      ['resync plan -dEXCH01 --file x', /--file belongs to resync check/],
      ['resync frob', /unknown resync command "frob"/],
    ];
    for (const [line, message] of cases) {
      const r = run(x, line);
      expect(r.code, `${line}: ${r.err}`).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
  });

  it('on an MS Mail DSS, --name is refused: it is for an Exchange DSS', () => {
    const ms = msmailDss();
    const r = run(ms, 'resync plan -dM --name NOV');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/for an Exchange DSS; POLY\/MONT is an MS Mail DSS/);
    const plan = run(ms, 'resync plan -dM');
    expect(plan.code).toBe(0);
    expect(plan.out.split('\n')[0]).toBe('Resync plan: MS Mail DSS → MS Mail requestors, DSS POLY/MONT (a prediction: nothing has been changed)');
    expect(plan.out).toContain('POLY/NOV  will apply');
  });
});

describe('dirsync resync check', () => {
  it('the file in the DSS’s GLB: every requestor applies it, the DSS itself refuses its own copy', () => {
    const ms = msmailDss();
    ok(ms, `import ${PW} -dM -s`);
    const r = run(ms, 'resync check -dM');
    expect(r.code).toBe(1);
    expect(r.err).toBe('dirsync resync: POLY/MONT would refuse this RESYNC.GLB with Fatal [14]; nothing was changed');
    expect(r.out.split('\n')[0]).toBe('Resync check: RESYNC.GLB in POLY/MONT (a prediction: nothing has been changed)');
    expect(r.out).toContain('POLY/NOV  will apply');
    expect(r.out).toContain('    fix: Delete RESYNC.GLB from the GLB directory of POLY/MONT after copying it out');
    // Copied to NOV: the check there is for NOV, and import -q then does what it said.
    ok(ms, 'file copy M N RESYNC.GLB');
    const n = run(ms, 'resync check -dN --json');
    expect(n.code).toBe(0);
    expect(JSON.parse(n.out)).toMatchObject({ direction: 'msmail-dss-to-msmail', dss: 'POLY/MONT', verdicts: [{ requestor: 'POLY/NOV', applies: true }] });
    expect(ok(ms, `import ${PW} -dN -q -y`)).toContain('RESYNC.GLB processed');
  });

  it('a damaged host file with --file: refused with the damage and "make a new file"; a missing file is exit 2', () => {
    const ms = msmailDss();
    ok(ms, `import ${PW} -dM -s`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-resync-'));
    ok(ms, `file export M RESYNC.GLB ${path.join(dir, 'good.glb')}`);
    const good = fs.readFileSync(path.join(dir, 'good.glb'));
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 0xff;
    fs.writeFileSync(path.join(dir, 'bad.glb'), bad);
    const r = run(ms, `resync check -dN --file ${path.join(dir, 'bad.glb')}`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^RESYNC\.GLB is damaged: record \d+: CRC mismatch/m);
    expect(r.out).toContain('POLY/NOV  will be refused with Fatal [14] Error processing RESYNC.GLB');
    expect(r.out).toContain('    fix: This file cannot be read: make a new RESYNC.GLB with import -s on POLY/MONT');

    const missing = run(ms, 'resync check -dN');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('dirsync resync: there is no RESYNC.GLB in POLY/NOV: "dirsync file list POLY/NOV" shows what is there, or give a file with --file');
    const unreadable = run(ms, `resync check -dN --file ${path.join(dir, 'nothing.glb')}`);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/cannot read .*nothing\.glb: check the path given with --file/);
  });

  it('Dxadata of an Exchange DSS: the file made for October Office, checked for both requestors', () => {
    const x = exchangeDss();
    ok(x, ['reg', 'set', 'EXCH01', 'ResyncConnectionRDNs', 'October Office']);
    ok(x, 'service restart EXCH01 MSExchangeDX');
    const r = run(x, 'resync check -dEXCH01');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('Resync check: RESYNC.GLB in EXCH01:Dxadata (a prediction: nothing has been changed)');
    expect(r.out).toContain('POLY/OCT  will apply');
    expect(r.out).toContain('POLY/NOV  will be refused with Fatal [14] Error processing RESYNC.GLB');
    expect(r.out).toContain('    fix: This file is older than the requestor’s numbers: make a new RESYNC.GLB by naming it in ResyncConnectionRDNs on EXCH01 and restarting MSExchangeDX');
  });
});
