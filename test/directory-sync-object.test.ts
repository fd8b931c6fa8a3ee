import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { saveDeliveryRestrictions } from '@/lib/exchange/dxa/save-delivery-restrictions';
import { saveTemplateMaps } from '@/lib/exchange/dxa/save-template-maps';
import { checkPrompt, formatTemplateLine, parseTemplateLine } from '@/lib/exchange/dxa/template-attributes';
import { cli, dump, events, exchangeDssNetwork, exchangeDssCycle, exchangeRequestorCycle, exchangeRequestorNetwork, ok, smallNetwork, tempDbFile } from './helpers';

/**
 * The Directory Synchronization object's Delivery Restrictions and Incoming / Outgoing Templates
 * (reference 5.2, xog11024, KB Q158694, Q228601), through whole dirsync cycles.
 */

function rows<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = openDatabase(file);
  try {
    return db.$client.prepare(sql).all(...args) as T[];
  } finally {
    db.$client.close();
  }
}

const recipients = (file: string, container = 'Recipients') =>
  JSON.parse(ok(file, `exchange recipient list EXCH01 "${container}" --json`)) as { alias: string; address: string; attributes: Record<string, string> }[];

const inbox = (file: string, po: string) =>
  rows<{ subject: string }>(file, "select subject from message m join postoffice p on p.id = m.holder_po_id where p.name = ? and m.place = 'INBOX' order by m.id", po).map(
    (r) => r.subject,
  );

describe('Delivery Restrictions on an Exchange dirsync server', () => {
  it("returns a rejected requestor's update unread (event 9024, a notice to its postoffice); once removed, the next cycle applies it", () => {
    const file = exchangeDssNetwork('dsobj-dss');
    ok(file, 'exchange ds EXCH01 restrictions --reject list --reject-list POLY.NOV.$SYSTEM');
    const before = recipients(file).map((r) => r.address);
    const novList = () => rows(file, "select full_name, address from list_entry e join postoffice p on p.id = e.po_id where p.name = 'NOV' and removed_gen = 0 order by address");
    const novBefore = novList();

    const t2 = exchangeDssCycle(file);
    expect(t2).toContain('Returned to POLY/NOV/$SYSTEM: ReqTx');
    expect(t2).toContain('(POLY/NOV/$SYSTEM is on the Reject messages from list)');
    // Nothing of the update was applied: no custom recipient, no master entry, no reply, NOV's GAL as it was.
    expect(recipients(file).map((r) => r.address)).toEqual(before);
    expect(rows(file, "select 1 from master_entry where origin = 'POLY/NOV'")).toEqual([]);
    expect(novList()).toEqual(novBefore);
    expect(inbox(file, 'NOV').filter((s) => s.startsWith('Undeliverable: ReqTx'))).toHaveLength(1);
    const e = events(file, '--id 9024');
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]).toMatchObject({ source: 'MSExchangeDX', type: 'Warning', category: 'Event Handler' });
    expect(e[0].description).toMatch(/^A directory synchronization message from POLY\/NOV\/\$SYSTEM was not accepted/);

    ok(file, 'exchange ds EXCH01 restrictions --reject none --reject-list ""');
    const again = exchangeDssCycle(file);
    expect(again).not.toContain('Returned');
    // The requestor sent its unacknowledged REQTRANS again; now it is applied.
    expect(recipients(file).map((r) => r.address)).toContain('PCM:POLY/NOV/ALICE');
  });

  it('Accept messages from List takes only the senders on it', () => {
    const file = exchangeDssNetwork('dsobj-dss');
    ok(file, 'exchange recipient add EXCH01 Recipients OTHER "Other PO" --custom MS:POLY/OCT/ADMIN');
    ok(file, 'exchange ds EXCH01 restrictions --accept list --accept-list OTHER');
    expect(exchangeDssCycle(file)).toContain('the sender is not on the Accept messages from list');
    expect(recipients(file).map((r) => r.address)).not.toContain('PCM:POLY/NOV/ALICE');
    ok(file, 'exchange ds EXCH01 restrictions --accept-list OTHER,POLY.NOV.$SYSTEM');
    exchangeDssCycle(file);
    expect(recipients(file).map((r) => r.address)).toContain('PCM:POLY/NOV/ALICE');
  });

  it('refuses Accept List with nobody on it, a recipient on both lists, an unknown alias, and a stale revision — changing nothing', () => {
    const file = exchangeDssNetwork('dsobj-dss');
    const before = dump(file);
    const refused = cli(file, 'exchange ds EXCH01 restrictions --accept list');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Accept messages from List has nobody on the list');
    expect(cli(file, 'exchange ds EXCH01 restrictions --accept-list PAT --reject-list PAT').err).toContain('cannot be on both the Accept and the Reject list');
    expect(cli(file, 'exchange ds EXCH01 restrictions --reject-list NOBODY').err).toContain('there is no recipient with alias "NOBODY"');
    expect(dump(file)).toEqual(before);

    const db = openDatabase(file);
    try {
      const first = saveDeliveryRestrictions(db, 'EXCH01', { rejectFrom: 'List', reject: ['PAT'], revision: 0 });
      expect(first).toMatchObject({ revision: 1, changed: true, reject: ['PAT'] });
      expect(() => saveDeliveryRestrictions(db, 'EXCH01', { rejectFrom: 'None', revision: 0 })).toThrow(/changed by someone else since you opened it/);
      // The templates tabs share the object's revision.
      expect(() => saveTemplateMaps(db, 'EXCH01', 'incoming', [{ prompt: 'Title:', attribute: 'Title' }], 0)).toThrow(/changed by someone else/);
      expect(saveDeliveryRestrictions(db, 'EXCH01', { rejectFrom: 'List', reject: ['PAT'], revision: 1 })).toMatchObject({ revision: 1, changed: false });
    } finally {
      db.$client.close();
    }
  });
});

describe('Templates on an Exchange dirsync server (a Remote Dirsync Requestor\'s template options)', () => {
  it('sends the mapped attributes to the requestor and takes its template lines into the Import Container', () => {
    const file = tempDbFile('dsobj-dss-tpl');
    ok(file, 'po create POLY/NOV --password SECRET');
    ok(file, 'user add -dM ALICE "Alice Walker"');
    ok(file, 'exchange create POLYNOMIAL HQ EXCH01');
    ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee" --attr Title=Buyer');
    ok(file, 'exchange connection add EXCH01 POLY/NOV');
    ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/NOV');
    ok(file, 'service start EXCH01 "Microsoft PC MTA"');
    ok(file, 'exchange dss EXCH01 --schedule never');
    ok(file, 'exchange ds EXCH01 templates outgoing add "Title:" Title');
    ok(file, 'exchange ds EXCH01 templates incoming add "Department:" Department');
    ok(file, 'exchange remote-requestor add EXCH01 POLY/NOV --password NOVPW --export-containers Recipients --send-templates --receive-templates');
    ok(file, 'ds register -dM POLYNOMIAL/HQ --password NOVPW');
    const inject = path.join(path.dirname(file), 'inject.txt');
    fs.writeFileSync(inject, 'M Alice Walker\tPCM:POLY/NOV/ALICE\n- Department:/Sales\n');
    ok(file, ['import', 'admin', '-pSECRET', '-dM', `-f${inject}`, '-e']);
    ok(file, 'reqmain -t -dM');
    ok(file, 'external -0');
    ok(file, 'dispatch --until +1m');
    ok(file, 'service pause EXCH01 MSExchangeDX');
    ok(file, 'dispatch --until +1m');
    ok(file, 'nsda -rr -dM');
    expect(recipients(file).find((r) => r.address === 'PCM:POLY/NOV/ALICE')?.attributes).toEqual({ Department: 'Sales' });
    const pat = rows<{ template: string }>(file, "select template from list_entry e join postoffice p on p.id = e.po_id where p.name = 'NOV' and e.address = 'ms:POLYNOMIAL/HQ/PAT' and removed_gen = 0")[0];
    expect(pat.template).toBe('- Title:/Buyer');
  });
});

describe('Delivery Restrictions on an Exchange requestor', () => {
  it("returns a rejected dirsync server's reply: nothing is imported until it is accepted again", () => {
    const file = exchangeRequestorNetwork('dsobj-req');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    ok(file, 'exchange ds EXCH01 restrictions --reject list --reject-list POLY.MONT.$SYSTEM');
    exchangeRequestorCycle(file);
    expect(recipients(file).map((r) => r.address)).not.toContain('PCM:POLY/MONT/PAUL');
    expect(inbox(file, 'MONT').some((s) => s.startsWith('Undeliverable: SrvTx'))).toBe(true);
    ok(file, 'exchange ds EXCH01 restrictions --reject none');
    exchangeRequestorCycle(file);
    expect(recipients(file).map((r) => r.address)).toContain('PCM:POLY/MONT/PAUL');
  });
});

describe('Templates through a cycle (KB Q158694, Q228601)', () => {
  const network = () => exchangeRequestorNetwork('dsobj-tpl');
  const novEntry = (file: string, address: string) =>
    rows<{ template: string }>(
      file,
      "select template from list_entry e join postoffice p on p.id = e.po_id where p.name = 'NOV' and e.address = ? and removed_gen = 0",
      address,
    )[0];

  it('Outgoing: mapped attributes with a value follow the A as template lines; a changed one makes an M; MS Mail lists carry them', () => {
    const file = network();
    ok(file, 'exchange ds EXCH01 templates outgoing add "Department:" Department');
    ok(file, 'exchange ds EXCH01 templates outgoing add "City/ST:" City');
    ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee" --attr Department=Sales --attr Office=B12');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients --send-templates');
    const queued = () =>
      rows<{ txn: string }>(file, "select txn from reqtrans r join postoffice p on p.id = r.po_id where p.name = 'HQ' order by sync").map((r) => r.txn);
    // Office is not mapped, so it is not sent.
    expect(queued()).toEqual(['R ms:POLYNOMIAL/HQ', 'A Pat Lee\tms:POLYNOMIAL/HQ/PAT\n- Department:/Sales']);
    exchangeRequestorCycle(file);
    expect(novEntry(file, 'ms:POLYNOMIAL/HQ/PAT').template).toBe('- Department:/Sales');

    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --attr Department=Marketing --attr City=Leeds');
    expect(queued().at(-1)).toBe('M Pat Lee\tms:POLYNOMIAL/HQ/PAT\n- Department:/Marketing\n- City//ST:/Leeds');
    // An unmapped attribute changes nothing on the MS Mail side.
    const n = queued().length;
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --attr Office=C1');
    expect(queued()).toHaveLength(n);
    exchangeRequestorCycle(file);
    expect(novEntry(file, 'ms:POLYNOMIAL/HQ/PAT').template).toBe('- Department:/Marketing\n- City//ST:/Leeds');
    // Hidden: its export stays as sent, attributes included (KB Q200062).
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --hidden');
    const m = queued().length;
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --attr Department=Legal');
    expect(queued()).toHaveLength(m);
  });

  it('Outgoing: nothing is sent as template data while "Send local template information" is off', () => {
    const file = network();
    ok(file, 'exchange ds EXCH01 templates outgoing add "Department:" Department');
    ok(file, 'exchange recipient add EXCH01 Recipients PAT "Pat Lee" --attr Department=Sales');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --export-containers Recipients');
    ok(file, 'exchange recipient modify EXCH01 Recipients PAT --attr Department=Marketing');
    const txns = rows<{ txn: string }>(file, "select txn from reqtrans r join postoffice p on p.id = r.po_id where p.name = 'HQ' order by sync").map((r) => r.txn);
    expect(txns).toEqual(['R ms:POLYNOMIAL/HQ', 'A Pat Lee\tms:POLYNOMIAL/HQ/PAT']);
  });

  it('Incoming: template lines whose prompt is mapped set the custom recipient\'s attributes when "Receive template information" is on', () => {
    const file = network();
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW --receive-templates');
    ok(file, 'exchange ds EXCH01 templates incoming add "Department:" Department');
    ok(file, 'exchange ds EXCH01 templates incoming add "title:" Title');
    const inject = path.join(path.dirname(file), 'inject.txt');
    fs.writeFileSync(inject, 'M Alice Walker\tPCM:POLY/NOV/ALICE\n- Department:/Sales\n- Title:/Manager\n- Location:/Leeds\n');
    ok(file, ['import', 'admin', '-pSECRET', '-dN', `-f${inject}`, '-e']);
    exchangeRequestorCycle(file);
    const alice = recipients(file).find((r) => r.address === 'PCM:POLY/NOV/ALICE');
    // Prompts match case-insensitively; Location: is not mapped.
    expect(alice?.attributes).toEqual({ Department: 'Sales', Title: 'Manager' });

    // The next A or M carries the whole template: a mapped attribute without a line is cleared.
    fs.writeFileSync(inject, 'M Alice Walker\tPCM:POLY/NOV/ALICE\n- Title:/Director\n');
    ok(file, ['import', 'admin', '-pSECRET', '-dN', `-f${inject}`, '-e']);
    exchangeRequestorCycle(file);
    expect(recipients(file).find((r) => r.address === 'PCM:POLY/NOV/ALICE')?.attributes).toEqual({ Title: 'Director' });
  });

  it('Incoming: ignored while "Receive template information" is off', () => {
    const file = network();
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    ok(file, 'exchange ds EXCH01 templates incoming add "Department:" Department');
    const inject = path.join(path.dirname(file), 'inject.txt');
    fs.writeFileSync(inject, 'M Alice Walker\tPCM:POLY/NOV/ALICE\n- Department:/Sales\n');
    ok(file, ['import', 'admin', '-pSECRET', '-dN', `-f${inject}`, '-e']);
    exchangeRequestorCycle(file);
    expect(recipients(file).find((r) => r.address === 'PCM:POLY/NOV/ALICE')?.attributes).toEqual({});
  });
});

describe('template maps and prompts', () => {
  it('a prompt ends with a colon and holds at most 30 characters; template lines double a / in the prompt', () => {
    expect(checkPrompt(' Department: ')).toBe('Department:');
    expect(() => checkPrompt('Department')).toThrow('must end with a colon');
    expect(() => checkPrompt(`${'x'.repeat(30)}:`)).toThrow('at most 30');
    expect(() => checkPrompt(':')).toThrow('is required');
    expect(formatTemplateLine('City/ST:', 'Leeds/UK')).toBe('- City//ST:/Leeds/UK');
    expect(parseTemplateLine('- City//ST:/Leeds/UK')).toEqual({ prompt: 'City/ST:', value: 'Leeds/UK' });
    expect(parseTemplateLine(' - Title:/Sales Rep')).toEqual({ prompt: 'Title:', value: 'Sales Rep' });
  });

  it('refuses a duplicate prompt, an outgoing attribute twice, an unknown attribute, and Initials on Exchange 4.0', () => {
    const file = tempDbFile('dsobj-maps');
    ok(file, 'exchange create POLYNOMIAL HQ EXCH01 --version 4.0');
    ok(file, 'exchange ds EXCH01 templates incoming add "Surname:" "Last name"');
    expect(cli(file, 'exchange ds EXCH01 templates incoming add "surname:" Title').err).toContain('is in the list twice');
    ok(file, 'exchange ds EXCH01 templates outgoing add "Dept:" Department');
    expect(cli(file, 'exchange ds EXCH01 templates outgoing add "Section:" Department').err).toContain('Department is in the Outgoing Templates twice');
    expect(cli(file, 'exchange ds EXCH01 templates outgoing add "Shoe:" "Shoe size"').err).toContain('is not an Exchange attribute templates can map');
    const initials = cli(file, 'exchange ds EXCH01 templates incoming add "Initials:" Initials');
    expect(initials.code).toBe(2);
    expect(initials.err).toContain('KB Q150968');
    ok(file, 'exchange version EXCH01 5.5');
    ok(file, 'exchange ds EXCH01 templates incoming add "Initials:" Initials');
    const all = JSON.parse(ok(file, 'exchange ds EXCH01 --json'));
    expect(all.incoming).toEqual([
      { prompt: 'Surname:', attribute: 'Last name' },
      { prompt: 'Initials:', attribute: 'Initials' },
    ]);
    ok(file, 'exchange ds EXCH01 templates incoming remove "surname:"');
    expect(JSON.parse(ok(file, 'exchange ds EXCH01 templates incoming --json'))).toEqual([{ prompt: 'Initials:', attribute: 'Initials' }]);
  });
});

describe('the address book the pickers read (lib/queries/address-book.ts)', () => {
  it('lists names starting with what was typed, by display name, at most the limit, with the total; % and _ are plain characters', async () => {
    const { addressBookPage } = await import('@/lib/queries/address-book');
    const { resolveServer } = await import('@/lib/exchange/servers/servers');
    const file = tempDbFile('dsobj-book');
    ok(file, 'exchange create POLYNOMIAL HQ EXCH01');
    ok(file, 'exchange container add EXCH01 "MS Mail Users"');
    for (let n = 1; n <= 120; n++) ok(file, `exchange recipient add EXCH01 Recipients U${n} "User ${String(n).padStart(3, '0')}"`);
    ok(file, 'exchange recipient add EXCH01 "MS Mail Users" PCT "100% Sales" --custom SMTP:pct@example.com --hidden');
    const db = openDatabase(file);
    try {
      const server = resolveServer(db, 'EXCH01');
      const all = addressBookPage(db, server, {});
      expect(all.containers).toEqual(['MS Mail Users', 'Recipients']);
      expect(all.total).toBe(121);
      expect(all.entries).toHaveLength(100);
      expect(all.entries[0]).toEqual({ alias: 'PCT', displayName: '100% Sales', kind: 'custom', container: 'MS Mail Users', address: 'SMTP:pct@example.com', hidden: true });
      expect(addressBookPage(db, server, { name: 'user 11' }).entries.map((e) => e.alias)).toEqual(['U110', 'U111', 'U112', 'U113', 'U114', 'U115', 'U116', 'U117', 'U118', 'U119']);
      expect(addressBookPage(db, server, { name: 'u12' }).entries.map((e) => e.alias)).toEqual(['U12', 'U120']);
      expect(addressBookPage(db, server, { name: '1_0' }).total).toBe(0);
      expect(addressBookPage(db, server, { name: '100%' }).entries.map((e) => e.alias)).toEqual(['PCT']);
      expect(addressBookPage(db, server, { container: 'MS Mail Users' }).total).toBe(1);
      expect(addressBookPage(db, server, { kind: 'mailbox' }).total).toBe(120);
      expect(addressBookPage(db, server, { name: 'User 001' }).entries[0].address).toBe('MS:POLYNOMIAL/HQ/U1');
    } finally {
      db.$client.close();
    }
  });
});
