import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { cli, events, exchangeDssNetwork, exchangeDssCycle, exchangeRequestorCycle, exchangeRequestorNetwork, ok } from './helpers';

/** Exchange-side rules: export filtering by trust, hidden recipients, import containers, the DSS's events. */

/** REQTRANS of the connector postoffice POLYNOMIAL/HQ: what the DXA has queued for the DSS. */
function queued(file: string): string[] {
  const db = openDatabase(file);
  try {
    return (
      db.$client
        .prepare("select txn from reqtrans r join postoffice p on p.id = r.po_id where p.network = 'POLYNOMIAL' and p.name = 'HQ' order by sync")
        .all() as { txn: string }[]
    ).map((r) => r.txn);
  } finally {
    db.$client.close();
  }
}

describe('export filtering by trust level (KB Q147608, Q200062)', () => {
  it('exports only recipients at or below the export trust level, and a trust change on the object is a full Replace', () => {
    const file = exchangeRequestorNetwork();
    ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee" --trust 10');
    ok(file, 'exchange recipient add EXCH01 Recipients ROOM "Board Room" --trust 80');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients --trust 50');
    expect(queued(file)).toEqual(['R ms:POLYNOMIAL/HQ', 'A Pat Lee\tms:POLYNOMIAL/HQ/PAT']);

    // A recipient's trust moving across the line is an A or a D.
    ok(file, 'exchange recipient modify EXCH01 Recipients ROOM --trust 40');
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --trust 60');
    expect(queued(file).slice(2)).toEqual(['A Board Room\tms:POLYNOMIAL/HQ/ROOM', 'D Pat Lee\tms:POLYNOMIAL/HQ/PAT']);

    // Changing the Export Containers trust level sends R and an A for every recipient now exported.
    ok(file, 'exchange requestor EXCH01 --trust 100');
    expect(queued(file).slice(4)).toEqual(['R ms:POLYNOMIAL/HQ', 'A Board Room\tms:POLYNOMIAL/HQ/ROOM', 'A Pat Lee\tms:POLYNOMIAL/HQ/PAT']);

    exchangeRequestorCycle(file);
    expect(ok(file, 'rebuild -f -dN')).toBe('GAL rebuilt: 4 names');
  });

  it('hiding an exported recipient sends no Delete; one hidden before its first dirsync is never sent', () => {
    const file = exchangeRequestorNetwork();
    ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee"');
    ok(file, 'exchange recipient add EXCH01 Recipients SECRET "Secret Agent" --hidden');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients');
    expect(queued(file)).toEqual(['R ms:POLYNOMIAL/HQ', 'A Pat Lee\tms:POLYNOMIAL/HQ/PAT']);
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --hidden');
    expect(queued(file)).toHaveLength(2);
    // A rename of a hidden, already sent recipient sends nothing either; its export stays as it was.
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT "Pat Lee-Smith"');
    expect(queued(file)).toHaveLength(2);
    // Deleting it does send the D.
    ok(file, 'exchange recipient delete EXCH01 Recipients PAT');
    expect(queued(file).slice(2)).toEqual(['D Pat Lee\tms:POLYNOMIAL/HQ/PAT']);
  });

  it('a custom recipient is exported with its MS proxy only while Export custom recipients is on', () => {
    const file = exchangeRequestorNetwork();
    ok(file, 'exchange recipient add EXCH01 Recipients PARTNER "Partner Inc" --custom SMTP:info@partner.example');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients');
    expect(queued(file)).toEqual(['R ms:POLYNOMIAL/HQ', 'A Partner Inc\tms:POLYNOMIAL/HQ/PARTNER']);
    ok(file, 'exchange requestor EXCH01 --no-export-custom');
    expect(queued(file).slice(2)).toEqual(['R ms:POLYNOMIAL/HQ']);
  });
});

describe('import containers (xog11013)', () => {
  it('cannot be changed once set, and imported recipients take its trust level, overwritten by later imports', () => {
    const file = exchangeRequestorNetwork();
    ok(file, 'exchange container add EXCH01 "MS Mail Users"');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --import-container "MS Mail Users" --import-trust 20');
    const refused = cli(file, 'exchange requestor EXCH01 --import-container Recipients');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('You cannot choose another directory import container once one has been specified.');
    exchangeRequestorCycle(file);
    const list = () => JSON.parse(ok(file, 'exchange recipient list EXCH01 "MS Mail Users" --json')) as { alias: string; trust: number; displayName: string }[];
    expect(list().map((r) => [r.alias, r.trust])).toEqual([['ALICE', 20], ['PAUL', 20]]);
    // A manual change is overwritten by the next import that touches the recipient.
    ok(file, 'exchange recipient modify EXCH01 "MS Mail Users" ALICE --trust 90');
    ok(file, 'user modify -dN ALICE "Alice Walker-Jones"');
    exchangeRequestorCycle(file);
    expect(list().find((r) => r.alias === 'ALICE')).toMatchObject({ trust: 20, displayName: 'Alice Walker-Jones' });
  });
});

describe('Exchange as dirsync server', () => {
  it('runs T2 on pause: requestors get replies with the Exchange recipients, their users become custom recipients', () => {
    const file = exchangeDssNetwork();
    const t2 = exchangeDssCycle(file);
    expect(t2).toContain('SrvTx R=1 S=3 (was 0), I=0 2 sent');
    expect(ok(file, 'rebuild -f -dM')).toBe('GAL rebuilt: 2 names');
    const recipients = JSON.parse(ok(file, 'exchange recipient list EXCH01 --json')) as { alias: string; address: string }[];
    expect(recipients.map((r) => r.address)).toContain('PCM:POLY/NOV/ALICE');
  });

  it('logs event 136 for a request from a postoffice with no Remote Dirsync Requestor, and processes nothing from it', () => {
    const file = exchangeDssNetwork();
    ok(file, 'exchange logging EXCH01 MSExchangeDX * maximum');
    ok(file, 'ds register -dN POLYNOMIAL/HQ --password X');
    ok(file, 'exchange mta set EXCH01 "Microsoft PC MTA" --services POLY/NOV,POLY/OCT');
    ok(file, 'reqmain -t -dN');
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    const e = events(file, '--id 136');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ type: 'Error', category: 'Event Handler' });
    expect(e[0].description).toBe('Message received from unknown DirSync requestor - X400:/ddat=ms /ddav="POLY/OCT/$SYSTEM".');
  });

  it('answers lost numbers with events 220 and 221 and a full Import Reply; Export on next cycle sends one too', () => {
    const file = exchangeDssNetwork();
    exchangeDssCycle(file);
    // The requestor claims a server number the DSS never reached (a restored DSS, KB Q175588).
    const db = openDatabase(file);
    db.$client.prepare("update reqconf set srv_sync = 50 where po_id = (select id from postoffice where name = 'NOV')").run();
    db.$client.close();
    const t2 = exchangeDssCycle(file);
    expect(t2).toMatch(/SrvTx R=1 S=3 \(was 50\), I=0 2 sent/);
    const lost = events(file, '--id 220');
    expect(lost[0].description).toMatch(/^Multiple dirsync messages to and from NOV have been lost or delayed\./);
    expect(events(file, '--id 221')[0].description).toBe('An Import Reply (full export) will be done to NOV on the next reply.');

    ok(file, 'exchange remote-requestor set EXCH01 POLY/NOV --export-next');
    expect(exchangeDssCycle(file)).toMatch(/SrvTx R=1 S=3 \(was 3\), I=0 2 sent/);
    expect(JSON.parse(ok(file, 'exchange remote-requestor list EXCH01 --json'))[0].exportNext).toBe(false);
  });
});
