import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { cli, manualCycle, ok, smallNetwork, tempDbFile } from './helpers';

const pw = 'admin -pSECRET';
const people = {
  M: [['PAUL', 'Paul Allen'], ['APPLE', 'Apple Orchard']] as [string, string][],
  N: [['ANN', 'Ann Arbor'], ['BEN', 'Ben Bow'], ['CAT', 'Cat Cole']] as [string, string][],
  O: [['DAN', 'Dan Dee'], ['EVE', 'Eve Eng']] as [string, string][],
};

function network(): string {
  const file = tempDbFile('rules');
  smallNetwork(file, people);
  return file;
}

function sql<T>(file: string, query: string, ...params: unknown[]): T[] {
  const db = openDatabase(file);
  try {
    return db.$client.prepare(query).all(...params) as T[];
  } finally {
    db.$client.close();
  }
}

const deliver = (file: string) => {
  ok(file, 'external -0');
  ok(file, 'external -0');
};

const importFile = (file: string, text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imp-')), 'in.txt');
  fs.writeFileSync(f, text);
  return f;
};

describe('T2 receive', () => {
  it('a ReqTx from a postoffice the DSS has not registered is not processed: 120 and a notice', () => {
    const file = network();
    ok(file, 'po create POLY/DEC --password SECRET');
    ok(file, 'user add -dPOLY/DEC ZED "Zed Zulu"');
    ok(file, 'ds register -dPOLY/DEC POLY/MONT --password X');
    ok(file, 'reqmain -t -dPOLY/DEC');
    deliver(file);
    ok(file, 'srvmain -r -dM');
    expect(ok(file, 'srvmain -t -dM')).toBe('');
    expect(ok(file, 'log -dM')).toContain('Warning [120] Requestor not registered : From: POLY/DEC/$SYSTEM');
    expect(sql(file, "select subject from message where place = 'INBOX'")).toEqual([{ subject: 'Requestor not registered : From: POLY/DEC/$SYSTEM' }]);
    expect(sql(file, 'select count(*) as n from msttrans')).toEqual([{ n: 0 }]);
  });

  it('a wrong dirsync password is refused with 156', () => {
    const file = network();
    ok(file, 'ds register -dN POLY/MONT --password WRONG');
    ok(file, 'reqmain -t -dN');
    deliver(file);
    ok(file, 'srvmain -r -dM');
    expect(ok(file, 'log -dM')).toContain('Warning [156] Invalid DirSync password from POLY/NOV');
    expect(sql(file, 'select count(*) as n from msttrans')).toEqual([{ n: 0 }]);
  });

  it('srvmain -t with a ReqTx still in the mailbag is Fatal 133 and sends nothing', () => {
    const file = network();
    ok(file, 'reqmain -t -dN');
    deliver(file);
    const r = cli(file, 'srvmain -t -dM');
    expect(r.code).toBe(1);
    expect(r.err).toBe('Fatal [133] Invalid Server Request');
    expect(sql(file, "select kind from message where place = 'MAILBAG' order by arrival")).toEqual([{ kind: 'ReqStat' }, { kind: 'ReqTx' }]);
    ok(file, 'srvmain -r -dM');
    expect(ok(file, 'srvmain -t -dM')).toBe('SrvTx R=3 S=3 (was 0), I=0 0 sent');
  });

  it('a duplicated ReqTx adds nothing the DSS already has', () => {
    const file = network();
    ok(file, 'reqmain -t -dN');
    deliver(file);
    const db = openDatabase(file);
    db.$client.exec(`insert into message (kind, subject, from_addr, to_addr, holder_po_id, place, dest, arrival, r, was, s, i, n, no_reply, password, numbers, created_at, message_id)
      select kind, subject, from_addr, to_addr, holder_po_id, place, dest, arrival + 100, r, was, s, i, n, no_reply, password, numbers, created_at, 'DUP' from message where kind = 'ReqTx';
      insert into message_body (message_id, attachment)
      select d.id, b.attachment from message d join message o on o.kind = 'ReqTx' and o.message_id <> 'DUP' join message_body b on b.message_id = o.id where d.message_id = 'DUP'`);
    db.$client.close();
    expect(ok(file, 'srvmain -r -dM')).toBe(['POLY/NOV: 3 of 3 updates accepted', 'POLY/NOV: 0 of 3 updates accepted'].join('\n'));
    expect(sql(file, 'select count(*) as n from msttrans')).toEqual([{ n: 3 }]);
  });

  it('an Import request is answered with an Import Reply that replaces every other list', () => {
    const file = network();
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    ok(file, 'ds import -dN');
    expect(ok(file, 'reqmain -t -dN')).toContain('ReqTx R=3 (was 3), S=7, I=1 0 sent');
    deliver(file);
    expect(ok(file, 'nsda -s -dM')).toContain('SrvTx R=3 S=7 (was 7), I=1 6 sent');
    deliver(file);
    ok(file, 'reqmain -r -dN');
    expect(ok(file, 'listq admin -pSECRET -dN -fsrvtrans').split('\n').slice(1).map((l) => l.slice(12))).toEqual([
      'R PCM:POLY/MONT', 'A Apple Orchard\tPCM:POLY/MONT/APPLE', 'A Paul Allen\tPCM:POLY/MONT/PAUL',
      'R PCM:POLY/OCT', 'A Dan Dee\tPCM:POLY/OCT/DAN', 'A Eve Eng\tPCM:POLY/OCT/EVE',
    ]);
    ok(file, `import ${pw} -dN -q -y`);
    expect(ok(file, 'rebuild -f -dN')).toBe('GAL rebuilt: 7 names');
    // One-shot: the next T1 asks for nothing more.
    expect(ok(file, 'reqmain -t -dN')).toContain('I=1 0 sent');
  });
});

describe('Send updates and Receive updates off (the Exchange requestor settings; REQCONF flags here)', () => {
  it('Send updates off sends an empty update; Receive updates off asks for no reply', () => {
    const file = network();
    const db = openDatabase(file);
    db.$client.exec("update reqconf set send_updates = 0 where po_id = (select id from postoffice where name = 'NOV')");
    db.$client.exec("update reqconf set receive_updates = 0 where po_id = (select id from postoffice where name = 'OCT')");
    db.$client.close();
    expect(ok(file, 'reqmain -t -dN')).toContain('ReqTx R=0 (was 0), S=0, I=0 0 sent');
    ok(file, 'reqmain -t -dO');
    deliver(file);
    const replies = ok(file, 'nsda -s -dM');
    expect(replies).toContain('POLY/OCT: 2 of 2 updates accepted');
    // Only NOV is answered; with R = 0 and S = 0 its request reads as an Import request, so the
    // reply is an Import Reply: R POLY/MONT (empty so far), R POLY/OCT and OCT's two names.
    expect(replies.split('\n').filter((l) => l.startsWith('SrvTx'))).toEqual(['SrvTx R=0 S=2 (was 0), I=0 4 sent']);
    // NOV's three changes are still waiting for the day it sends again.
    expect(ok(file, 'listq admin -pSECRET -dN -freqtrans').split('\n')).toHaveLength(4);
  });
});

describe('T2 transmit and Keep Updates', () => {
  it('purges MSTTRANS after Keep Updates cycles and warns 138/139 to a requestor that fell behind', () => {
    const file = network();
    ok(file, 'ds keep -dM 1');
    // Cycle 1 without NOV: its S stays 0 while MONT's and OCT's changes are purged after the next cycle.
    for (const d of ['M', 'O']) ok(file, `reqmain -t -d${d}`);
    deliver(file);
    ok(file, 'nsda -s -dM');
    ok(file, 'nsda -s -dM');
    expect(sql(file, 'select purged_through as p from srvconf')).toEqual([{ p: 4 }]);
    ok(file, 'reqmain -t -dN');
    deliver(file);
    expect(ok(file, 'nsda -s -dM')).toContain('SrvTx R=3 S=7 (was 0), I=0 0 sent');
    const log = ok(file, 'log -dM');
    expect(log).toContain('Warning [138] Server sync does not exist anymore (0)');
    expect(log).toContain('Warning [139] Number of missing transactions = 4 (0->3)');
  });

  it('a requestor ahead of the DSS (restored from backup) gets Fatal 138/139 and no reply', () => {
    const file = network();
    const db = openDatabase(file);
    db.$client.exec("update reqconf set srv_sync = 99 where po_id = (select id from postoffice where name = 'NOV')");
    db.$client.close();
    ok(file, 'reqmain -t -dN');
    deliver(file);
    expect(ok(file, 'nsda -s -dM')).not.toContain('SrvTx');
    const log = ok(file, 'log -dM');
    expect(log).toContain('Fatal [138] Server sync does not exist anymore (99)');
    expect(log).toContain('Fatal [139] Number of missing transactions = 96 (3->98)');
  });
});

describe('T3', () => {
  it('keeps REQTRANS when the reply echoes an older R, and converges next cycle', () => {
    const file = network();
    ok(file, 'reqmain -t -dN');
    deliver(file);
    ok(file, 'nsda -s -dM');
    ok(file, 'user add -dN DOT "Dot Dash"');
    ok(file, 'reqmain -t -dN'); // pending R is now 4; the reply on its way echoes 3
    deliver(file);
    ok(file, 'reqmain -r -dN');
    expect(ok(file, 'listds admin -pSECRET -dN -r')).toContain('ReqSync = 0, SrvSync = 3');
    expect(ok(file, 'listq admin -pSECRET -dN -freqtrans').split('\n')).toHaveLength(5);
    ok(file, 'import admin -pSECRET -dN -q -y');
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    expect(ok(file, 'listds admin -pSECRET -dN -r')).toContain('ReqSync = 4, SrvSync = 8');
    expect(ok(file, 'rebuild -f -dO')).toBe('GAL rebuilt: 8 names');
  });

  it('ignores transactions for its own addresses (66) and gateway types it does not accept; autocreates postoffices', () => {
    const file = network();
    ok(file, 'ds types -dO PCM,SMTP');
    const f = importFile(file, 'A Fake Ann\tPCM:POLY/NOV/FAKE\r\nA Smtp Guy\tSMTP:guy@example.com\r\n');
    ok(file, `import ${pw} -dM -f${f} -e`);
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    expect(ok(file, 'log -dN')).toContain('Status [66] Local postoffice transaction ignored: A Fake Ann\tPCM:POLY/NOV/FAKE');
    expect(ok(file, 'rebuild -f -dN')).toBe('GAL rebuilt: 7 names');
    // OCT takes both: Fake Ann is on NOV's list, and OCT accepts SMTP.
    expect(ok(file, 'rebuild -f -dO')).toBe('GAL rebuilt: 9 names');
    expect(sql(file, "select e.network || '/' || e.name as po from external_po e join postoffice p on p.id = e.po_id where p.name = 'OCT' order by 1")).toEqual([
      { po: 'POLY/MONT' },
      { po: 'POLY/NOV' },
    ]);
  });

  it('a deleted mailbox leaves every GAL at the next cycle; a renamed one changes everywhere', () => {
    const file = network();
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    ok(file, 'user delete -dN BEN');
    ok(file, 'user modify -dO DAN "Daniel Dee"');
    ok(file, 'user modify -dM APPLE --no-dirsync');
    manualCycle(file, 'M', ['N', 'O'], 'SECRET');
    const gal = sql<{ fullName: string }>(
      file,
      "select full_name as fullName from list_entry l join postoffice p on p.id = l.po_id where p.name = 'OCT' and l.removed_gen = 0 order by full_name collate nocase",
    ).map((r) => r.fullName);
    expect(gal).toEqual(['Ann Arbor', 'Cat Cole', 'Daniel Dee', 'Eve Eng', 'Paul Allen']);
    // MONT keeps its own APPLE in its GAL: every local mailbox is in the local list.
    expect(ok(file, 'rebuild -f -dM')).toBe('GAL rebuilt: 6 names');
  });
});
