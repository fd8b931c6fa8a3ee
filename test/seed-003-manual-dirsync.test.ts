import { describe, expect, it } from 'vitest';
import { cli, events, ok, smallNetwork, tempDbFile } from './helpers';

/**
 * The troubleshooting document (seed 003) on manual dirsync between MS Mail postoffices and Exchange as a requestor
 * (docs/engine.md, "The documents the code follows"), step by step through the CLI: what it says you will see.
 */

/** MONT (DSS), NOV and EXCH01 (Exchange 5.5, org POLYNOMIAL site HQ) as a requestor of MONT. */
function network(level: 'maximum' | 'none', version = '5.5'): string {
  const file = tempDbFile('seed003');
  smallNetwork(file, { M: [['PAUL', 'Paul Allen']], N: [['ALICE', 'Alice Walker'], ['BOB', 'Bob Stone']] });
  ok(file, `exchange create POLYNOMIAL HQ EXCH01 --version ${version}`);
  ok(file, 'exchange connection add EXCH01 POLY/MONT');
  ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --services POLY/MONT');
  // "Increase diagnostic logging": MSExchangePCMTA to Maximum; "Check for mail every 1 minute";
  // "be sure to stop and start the service for the change to take effect".
  ok(file, `exchange logging EXCH01 MSExchangePCMTA * ${level}`);
  ok(file, 'exchange mta set EXCH01 "Microsoft PC MTA" --poll 1');
  ok(file, 'service start EXCH01 "Microsoft PC MTA"');
  ok(file, 'ds requestor create -dM POLYNOMIAL/HQ --password HQPW');
  ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
  ok(file, 'exchange recipient add EXCH01 Recipients QUINN "Quinn Fox"');
  ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients');
  return file;
}

/** Steps of the document, returning what each printed. */
function manualDirsync(file: string) {
  const t1 = ['M', 'N'].map((d) => ok(file, `reqmain -d${d} -t`));
  const pause = cli(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'external -0');
  ok(file, 'external -0');
  const t1Moved = ok(file, 'dispatch --until +1m');
  const srvR = ok(file, 'srvmain -r -dM');
  const srvT = ok(file, 'srvmain -t -dM');
  ok(file, 'external -0');
  ok(file, 'external -0');
  const t2Moved = ok(file, 'dispatch --until +1m');
  for (const d of ['M', 'N']) {
    ok(file, `reqmain -d${d} -r`);
    ok(file, `import -d${d} admin -pSECRET -q -y`);
    ok(file, `rebuild -d${d} -f`);
  }
  return { t1, pause, t1Moved, srvR, srvT, t2Moved };
}

describe('manual dirsync with Exchange as requestor (seed 003)', () => {
  it('queues the subjects, answers the pause with Error 2140, logs 4395/4355 at Maximum and completes every GAL', () => {
    const file = network('maximum');
    const out = manualDirsync(file);

    // T1 on every MS Mail postoffice: the outgoing messages are in P1.
    expect(out.t1[0]).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
    expect(out.t1[1]).toContain('ReqTx R=2 (was 0), S=0, I=0 2 sent');
    // T1 on Exchange: pause DX; the message "which you can ignore".
    expect(out.pause.code).toBe(0);
    expect(out.pause.out.split('\n')[0]).toBe(
      'Could not pause the Microsoft Exchange Directory Synchronization service on \\\\EXCH01. Error 2140: An internal Windows NT error occurred.',
    );
    // The full export of a first cycle: R for its own list and an A per exported recipient.
    expect(out.pause.out).toContain('ReqTx R=3 (was 0), S=0, I=0 3 sent');
    expect(ok(file, 'service list EXCH01')).toMatch(/Directory Synchronization\s+Running/);
    // "delivered by the Microsoft Mail Connector to the MS Mail dirsync server and queued in System.mbg"
    expect(out.t1Moved).toMatch(/EXCH01 {2}Microsoft PC MTA {2}2 delivered to MS Mail/);
    expect(out.srvR).toContain('POLYNOMIAL/HQ: 3 of 3 updates accepted');

    const all = events(file, '--source "Microsoft PC MTA"');
    const sent = all.find((e) => e.eventId === 4395 && e.category === 'Sent' && e.description.includes('FROM: POLYNOMIAL/HQ/SYSTEM1'))!;
    expect(sent.description.split('\n').slice(0, 3)).toEqual(['Mail sent from \\\\EXCH01\\MAILDAT$', 'FROM: POLYNOMIAL/HQ/SYSTEM1', 'TO: POLY/MONT/$SYSTEM']);
    const movedIn = all.find((e) => e.eventId === 4355 && e.category === 'Moved In')!;
    expect(movedIn.description.split('\n').slice(0, 3)).toEqual(['Mail received on \\\\FS-MONT\\MAILDATA', 'FROM: POLYNOMIAL/HQ/SYSTEM1', 'TO: POLY/MONT/$SYSTEM']);
    expect(movedIn).toMatchObject({ source: 'Microsoft PC MTA', type: 'Information', computer: 'EXCH01' });

    // T2 on the MS Mail DSS, then "verify that the dirsync message has been transferred to the Exchange Requestor".
    expect(out.srvT.split('\n')).toContain('SrvTx R=3 S=6 (was 0), I=0 3 sent');
    // Two messages from EXCH01 (status report and update) and one reply to it: a 4395 and a 4355 each.
    const after = all;
    expect(after.map((e) => `${e.eventId} ${e.category}`).sort()).toEqual(
      ['4355 Moved In', '4355 Moved In', '4355 Received', '4395 Moved Out', '4395 Sent', '4395 Sent'],
    );
    const out4395 = after.find((e) => e.eventId === 4395 && e.category === 'Moved Out')!;
    expect(out4395.description.split('\n').slice(0, 3)).toEqual(['Mail sent from \\\\FS-MONT\\MAILDATA', 'FROM: POLY/MONT/$SYSTEM', 'TO: POLYNOMIAL/HQ/SYSTEM1']);
    const received = after.find((e) => e.eventId === 4355 && e.category === 'Received')!;
    expect(received.description.split('\n').slice(0, 3)).toEqual(['Mail received on \\\\EXCH01\\MAILDAT$', 'FROM: POLY/MONT/$SYSTEM', 'TO: POLYNOMIAL/HQ/SYSTEM1']);
    expect(received.description).toMatch(/\nDate: \d\d\/\d\d\/\d\d\nTime: \d\d:\d\d\nMessage ID: [0-9A-F]{8}\nSize: \d+$/);

    // T3 on Exchange is applied as soon as the reply arrives: MS Mail users are custom recipients.
    expect(out.t2Moved).toContain('MSExchangeDX');
    const recipients = JSON.parse(ok(file, 'exchange recipient list EXCH01 Recipients --json')) as { alias: string; type: string; address: string; hidden: boolean }[];
    const custom = recipients.filter((r) => r.type === 'Custom Recipient' && !r.hidden).map((r) => r.address).sort();
    expect(custom).toEqual(['PCM:POLY/MONT/PAUL', 'PCM:POLY/NOV/ALICE', 'PCM:POLY/NOV/BOB']);

    // T3 on MS Mail: every GAL complete (three MS Mail mailboxes and two Exchange recipients).
    for (const d of ['M', 'N']) expect(ok(file, `rebuild -d${d} -f`)).toBe('GAL rebuilt: 5 names');
    const log = JSON.parse(ok(file, 'listds admin -pSECRET -dM -s --json'));
    expect(JSON.stringify(log)).toContain('POLYNOMIAL/HQ');
  });

  it('writes no 4395/4355 at the default level None, while the mail still moves', () => {
    const file = network('none');
    const out = manualDirsync(file);
    expect(out.t1Moved).toContain('2 delivered to MS Mail');
    expect(events(file).filter((e) => e.eventId === 4395 || e.eventId === 4355)).toEqual([]);
    expect(ok(file, 'rebuild -dN -f')).toBe('GAL rebuilt: 5 names');
  });

  it('writes From DXA instead of SYSTEM1 on Exchange 2000', () => {
    const file = network('maximum', '2000');
    manualDirsync(file);
    const sent = events(file, '--id 4395').find((e) => e.category === 'Sent')!;
    expect(sent.description.split('\n')[1]).toBe('FROM: POLYNOMIAL/HQ/DXA');
    expect(ok(file, 'rebuild -dN -f')).toBe('GAL rebuilt: 5 names');
  });

  it('a raised level applies only after the PC MTA restarts on 5.5', () => {
    const file = network('none');
    ok(file, 'exchange logging EXCH01 MSExchangePCMTA * maximum');
    ok(file, 'reqmain -dM -t');
    ok(file, 'external -0');
    ok(file, 'external -0');
    ok(file, 'srvmain -r -dM');
    expect(events(file, '--id 4395')).toEqual([]);
    ok(file, 'service restart EXCH01 "Microsoft PC MTA"');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    ok(file, 'dispatch --until +1m');
    expect(events(file, '--id 4395').map((e) => e.category)).toEqual(['Sent', 'Sent']);
  });
});
