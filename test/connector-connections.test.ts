import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openDatabase } from '@/db/client';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { now } from '@/lib/core/clock';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { deletePostoffice } from '@/lib/dirsync/delete-postoffice';
import { externalPass } from '@/lib/dirsync/external-pass';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { nextCounter, stmt } from '@/lib/core/statements';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { addressSpaces } from '@/lib/exchange/connector/address-spaces';
import { connections } from '@/lib/exchange/connector/connections';
import { removeConnection } from '@/lib/exchange/connector/remove-connection';
import { controlService } from '@/lib/exchange/services/control-service';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { modifyConnection } from '@/lib/exchange/connector/modify-connection';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { pcMta } from '@/lib/exchange/connector/pc-mtas';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';
import { dispatch } from '@/lib/scheduler/dispatch';
import { cli, ok, refusal, snapshot, snapshotOf, tempDbFile } from './helpers';

// The Connections tab's four kinds (LAN, Async, X.25, Indirect; docs/exchange.md),
// the MTA dialog's Connection Parameters and Communication Port (2.6), and how each kind carries mail.

const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
});

/** EXCH01 (connector postoffice POLYNOMIAL/HQ) and MS Mail postoffices POLY/MONT, POLY/NOV, POLY/OCT, FAR/AWAY. */
function network(): { db: Db; file: string } {
  const file = tempDbFile('connections');
  const db = openDatabase(file);
  opened.push(db);
  for (const po of ['POLY/MONT', 'POLY/NOV', 'POLY/OCT', 'FAR/AWAY']) createPostoffice(db, { name: po, password: 'SECRET', fileServer: `FS${po.split('/')[1]}` });
  createExchangeServer(db, { organization: 'Polynomial', site: 'HQ', server: 'EXCH01' });
  return { db, file };
}

/** A refused call changes nothing. */
function refused(db: Db, f: () => unknown): string {
  const before = snapshotOf(db, true);
  const r = refusal(f);
  expect(snapshotOf(db, true)).toEqual(before);
  return r.message;
}

describe('Create… with each Connection Parameters', () => {
  let db: Db;
  beforeEach(() => ({ db } = network()));

  it('Async: typed Network and Postoffice, Phone number, Connection attempts (default 3); MS address space as for LAN', () => {
    const r = addConnection(db, 'EXCH01', 'poly/mont', { kind: 'async', phoneNumber: ' 1 (206) 555-0100 ' });
    expect(r).toMatchObject({ postoffice: 'POLY/MONT', kind: 'Async', uncPath: '', phoneNumber: '1 (206) 555-0100', connectionAttempts: 3, via: null });
    expect(r.addressSpace).toEqual({ type: 'MS', address: 'POLY/MONT', cost: 1 });
    addConnection(db, 'EXCH01', 'POLY/NOV', { kind: 'Async', phoneNumber: '5550101', connectionAttempts: '99' });
    expect(connections(db, 'EXCH01').map((c) => [c.postoffice, c.kind, c.phoneNumber, c.connectionAttempts])).toEqual([
      ['POLY/MONT', 'Async', '1 (206) 555-0100', 3],
      ['POLY/NOV', 'Async', '5550101', 99],
    ]);
    expect(addressSpaces(db, 'EXCH01').map((a) => a.address)).toEqual(['POLY/MONT', 'POLY/NOV']);
  });

  it('X.25: X.121 address of digits, Connection attempts', () => {
    const r = addConnection(db, 'EXCH01', 'POLY/OCT', { kind: 'X.25', x121Address: '31342123456', connectionAttempts: 1 });
    expect(r).toMatchObject({ kind: 'X.25', x121Address: '31342123456', connectionAttempts: 1, phoneNumber: '', uncPath: '' });
    expect(addressSpaces(db, 'EXCH01')).toEqual([{ type: 'MS', address: 'POLY/OCT', cost: 1 }]);
  });

  it('Indirect: via a directly connected postoffice; the direct one lists the routes', () => {
    addConnection(db, 'EXCH01', 'POLY/NOV');
    const r = addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'poly/nov' });
    expect(r).toMatchObject({ postoffice: 'FAR/AWAY', kind: 'Indirect', via: 'POLY/NOV', connectionAttempts: null, uncPath: '' });
    expect(connections(db, 'EXCH01').find((c) => c.postoffice === 'POLY/NOV')?.routes).toEqual(['FAR/AWAY']);
    expect(addressSpaces(db, 'EXCH01').map((a) => a.address)).toEqual(['FAR/AWAY', 'POLY/NOV']);
  });

  it('refuses bad values, naming the field, the reason and the fix; nothing is saved', () => {
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async' }))).toMatch(/^Phone number is required for an Async connection: type the number the modem dials to reach POLY\/MONT/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: 'call me' }))).toMatch(/^Phone number "call me" is not a number a modem can dial: use up to 40 digits/);
    for (const bad of ['0', '100', 'three', '2.5', '-1']) {
      expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: '555', connectionAttempts: bad }))).toBe(
        `Connection attempts must be a whole number from 1 to 99; got "${bad}" (the default is 3)`,
      );
    }
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'X.25' }))).toMatch(/^X\.121 address is required for an X\.25 connection/);
    for (const bad of ['3134-2123', '1234567890123456', 'ABC']) {
      expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'X.25', x121Address: bad }))).toMatch(/^X\.121 address ".*" must be digits only, 1 to 15 of them/);
    }
    // Reserved network names keep KB Q175978's message, before the name rules (*EMS is no valid name).
    expect(refused(db, () => addConnection(db, 'EXCH01', 'ATTMAIL/PO', { kind: 'Async', phoneNumber: '555' }))).toBe('ATTMAIL is a reserved network name. Enter a different name.');
    expect(refused(db, () => addConnection(db, 'EXCH01', '*ems/PO', { kind: 'X.25', x121Address: '1' }))).toBe('*EMS is a reserved network name. Enter a different name.');
    expect(refused(db, () => addConnection(db, 'EXCH01', '/MONT', { kind: 'Async', phoneNumber: '555' }))).toMatch(/^Network is required for an Async connection/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/', { kind: 'Async', phoneNumber: '555' }))).toMatch(/^Postoffice is required for an Async connection/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'PO-LY/MONT', { kind: 'Async', phoneNumber: '555' }))).toMatch(/^Network "PO-LY" is not an MS Mail network name/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/NOPE', { kind: 'Async', phoneNumber: '555' }))).toMatch(
      /^Postoffice POLY\/NOPE is not in the network: an Async connection goes to an existing MS Mail postoffice — check the Network and Postoffice names, or create it first \(dirsync po create POLY\/NOPE\)$/,
    );
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLYNOMIAL/HQ', { kind: 'Async', phoneNumber: '555' }))).toMatch(/is the connector postoffice of EXCH01's own MS Mail Connector/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: '555', uncPath: '\\\\X\\Y' }))).toMatch(/^Postoffice Path is a field of LAN connections, not of an Async one/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Modem' }))).toBe('Connection Parameters "Modem" is not one of LAN, Async, X.25 or Indirect');
    // Indirect via: required, a connection of this server, a direct one.
    expect(refused(db, () => addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect' }))).toMatch(/^Indirect via is required: choose the directly connected postoffice that mail for FAR\/AWAY goes through/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' }))).toMatch(/^Indirect via: EXCH01's MS Mail Connector has no connection to POLY\/NOV: choose a postoffice it connects to directly/);
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'POLY/OCT', { kind: 'Indirect', via: 'POLY/NOV' });
    expect(refused(db, () => addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/OCT' }))).toMatch(/^Indirect via: POLY\/OCT is itself an indirect connection/);
    expect(refused(db, () => addConnection(db, 'EXCH01', 'POLY/NOV', { kind: 'Async', phoneNumber: '555' }))).toMatch(/already has a connection to POLY\/NOV \(LAN\)/);
  });
});

describe('Delete and Modify… for each kind', () => {
  let db: Db;
  beforeEach(() => ({ db } = network()));

  it('refuses to delete a direct connection with indirect ones routed through it, with the documented text', () => {
    addConnection(db, 'EXCH01', 'POLY/NOV', { kind: 'Async', phoneNumber: '555' });
    addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' });
    const r = refusal(() => removeConnection(db, 'EXCH01', 'POLY/NOV'));
    expect(r.kind).toBe('conflict');
    expect(r.message).toBe(
      'You must delete any indirect postoffice connections routed through a direct postoffice before deleting that direct postoffice. FAR/AWAY is routed through POLY/NOV.',
    );
    expect(connections(db, 'EXCH01')).toHaveLength(2);
    removeConnection(db, 'EXCH01', 'FAR/AWAY');
    removeConnection(db, 'EXCH01', 'POLY/NOV');
    expect(connections(db, 'EXCH01')).toEqual([]);
    expect(addressSpaces(db, 'EXCH01')).toEqual([]);
  });

  it('deleting the via postoffice itself (MS Mail side) takes the indirect connections through it and their address space', () => {
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'POLY/MONT');
    addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' });
    deletePostoffice(db, 'POLY/NOV');
    expect(connections(db, 'EXCH01').map((c) => c.postoffice)).toEqual(['POLY/MONT']);
    expect(addressSpaces(db, 'EXCH01').map((a) => a.address)).toEqual(['POLY/MONT']);
  });

  it('modifies the fields of the connection\'s own kind; the kind is fixed; other kinds\' fields are refused', () => {
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: '555' });
    addConnection(db, 'EXCH01', 'POLY/OCT', { kind: 'X.25', x121Address: '123' });
    addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' });
    expect(modifyConnection(db, 'EXCH01', 'POLY/MONT', { phoneNumber: '556', connectionAttempts: '7' })).toMatchObject({ phoneNumber: '556', connectionAttempts: 7 });
    expect(modifyConnection(db, 'EXCH01', 'POLY/OCT', { x121Address: '4567' })).toMatchObject({ x121Address: '4567', connectionAttempts: 3 });
    expect(modifyConnection(db, 'EXCH01', 'FAR/AWAY', { via: 'POLY/MONT' })).toMatchObject({ via: 'POLY/MONT' });
    expect(modifyConnection(db, 'EXCH01', 'POLY/NOV', { uncPath: '\\\\NW\\SYS\\MAIL', connectAs: 'D\\u' })).toMatchObject({ uncPath: '\\\\NW\\SYS\\MAIL', connectAs: 'D\\u' });
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'X.25' }))).toBe(
      'Connection Parameters cannot be changed: POLY/MONT is an Async connection. To connect it as X.25, delete this connection and create a new one',
    );
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/MONT', { x121Address: '1' }))).toBe('X.121 address is a field of X.25 connections; POLY/MONT is an Async connection');
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/MONT', { phoneNumber: '' }))).toMatch(/^Phone number is required/);
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/OCT', { connectionAttempts: 0 }))).toMatch(/^Connection attempts must be a whole number from 1 to 99/);
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'FAR/AWAY', { via: 'FAR/AWAY' }))).toMatch(/^Indirect via: EXCH01's MS Mail Connector has no connection to FAR\/AWAY|cannot be reached through itself/);
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/NOV', { phoneNumber: '1' }))).toBe('Phone number is a field of Async connections; POLY/NOV is a LAN connection');
  });
});

describe('the MTA dialog: Connection Parameters and Communication Port', () => {
  let db: Db;
  beforeEach(() => {
    ({ db } = network());
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: '555' });
    addConnection(db, 'EXCH01', 'POLY/OCT', { kind: 'X.25', x121Address: '123' });
    addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' });
  });

  it('defaults to LAN and COM1; an Async and LAN instance services Async and LAN connections and has a port', () => {
    expect(addPcMta(db, 'EXCH01', 'Lan MTA', { services: ['POLY/NOV'] })).toMatchObject({ connectionType: 'LAN', comPort: 'COM1' });
    const a = addPcMta(db, 'EXCH01', 'Async MTA', { connectionType: 'async', comPort: 'com12', services: ['POLY/MONT', 'POLY/NOV'] });
    expect(a).toMatchObject({ connectionType: 'Async and LAN', comPort: 'COM12', services: ['POLY/MONT', 'POLY/NOV'] });
    expect(addPcMta(db, 'EXCH01', 'X MTA', { connectionType: 'X.25 and LAN', services: ['POLY/OCT'] })).toMatchObject({ connectionType: 'X.25 and LAN' });
  });

  it('refuses what the type cannot service, an indirect postoffice, a bad or misplaced port; nothing saved', () => {
    expect(refused(db, () => addPcMta(db, 'EXCH01', 'Lan MTA', { services: ['POLY/MONT'] }))).toBe(
      'Postoffices Serviced: POLY/MONT is an Async connection: only a Connector (PC) MTA whose Connection Parameters is "Async and LAN" can service it, and this one is "LAN" — choose Async and LAN, or service POLY/MONT with another instance',
    );
    expect(refused(db, () => addPcMta(db, 'EXCH01', 'A MTA', { connectionType: 'Async and LAN', services: ['POLY/OCT'] }))).toMatch(/^Postoffices Serviced: POLY\/OCT is an X\.25 connection: only .* "X\.25 and LAN"/);
    expect(refused(db, () => addPcMta(db, 'EXCH01', 'Lan MTA', { services: ['FAR/AWAY'] }))).toBe(
      'Postoffices Serviced: FAR/AWAY is an indirect connection through POLY/NOV: service POLY/NOV instead, and its mail for FAR/AWAY goes through it',
    );
    for (const bad of ['COM0', 'COM257', 'LPT1', 'COM']) {
      expect(refused(db, () => addPcMta(db, 'EXCH01', 'A MTA', { connectionType: 'async', comPort: bad }))).toBe(`Communication Port "${bad}" is not one of COM1 to COM256`);
    }
    expect(refused(db, () => addPcMta(db, 'EXCH01', 'A MTA', { comPort: 'COM2' }))).toMatch(/^Communication Port is used only by an "Async and LAN" Connector \(PC\) MTA; this one is "LAN"/);
    expect(refused(db, () => addPcMta(db, 'EXCH01', 'A MTA', { connectionType: 'modem' }))).toBe('Connection Parameters "modem" is not one of LAN, Async and LAN, X.25 and LAN');
    addPcMta(db, 'EXCH01', 'Async MTA', { connectionType: 'Async and LAN', comPort: 'COM3', services: ['POLY/MONT'] });
    // A new type is checked against the list the instance services.
    expect(refused(db, () => setPcMta(db, 'EXCH01', 'Async MTA', { connectionType: 'LAN' }))).toMatch(/^Postoffices Serviced: POLY\/MONT is an Async connection/);
    const lan = setPcMta(db, 'EXCH01', 'Async MTA', { connectionType: 'LAN', services: ['POLY/NOV'] });
    expect(lan).toMatchObject({ connectionType: 'LAN', comPort: 'COM3', services: ['POLY/NOV'] });
    expect(pcMta(db, 'EXCH01', 'Async MTA').comPort).toBe('COM3');
  });
});

const poId = (db: Db, name: string) => {
  const [network, po] = name.split('/');
  return (stmt(db, 'select id from postoffice where network = ? and name = ?').get(network, po) as { id: number }).id;
};

function put(db: Db, holder: string, place: 'P1' | 'OUTBOUND', dest: string, subject: string): string {
  const messageId = nextCounter(db, 'message-id').toString(16).toUpperCase().padStart(8, '0');
  stmt(
    db,
    `insert into message (kind, subject, from_addr, to_addr, holder_po_id, place, dest, created_at, message_id)
     values ('ReqTx', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(subject, `${holder}/$SYSTEM`, `${dest}/$SYSTEM`, poId(db, holder), place, dest, now(db), messageId);
  return messageId;
}

const where = (db: Db, messageId: string) => {
  const r = stmt(db, "select p.network || '/' || p.name as holder, m.place from message m join postoffice p on p.id = m.holder_po_id where m.message_id = ?").get(messageId) as {
    holder: string;
    place: string;
  };
  return `${r.holder} ${r.place}`;
};

describe('carrying mail', () => {
  it('an Async connection carries mail like LAN, only through an "Async and LAN" instance', () => {
    const { db } = network();
    addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Async', phoneNumber: '555' });
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addPcMta(db, 'EXCH01', 'Lan MTA', { services: ['POLY/NOV'] });
    addPcMta(db, 'EXCH01', 'Async MTA', { connectionType: 'Async and LAN', services: ['POLY/MONT'] });
    const out = put(db, 'POLYNOMIAL/HQ', 'OUTBOUND', 'POLY/MONT', 'to mont');
    const back = put(db, 'POLY/MONT', 'P1', 'POLYNOMIAL/HQ', 'from mont');
    expect(pcMtaPass(db, 'EXCH01', 'Lan MTA')).toMatchObject({ delivered: 0, pickedUp: 0 });
    expect(where(db, out)).toBe('POLYNOMIAL/HQ OUTBOUND');
    expect(pcMtaPass(db, 'EXCH01', 'Async MTA')).toMatchObject({ delivered: 1, pickedUp: 1 });
    expect([where(db, out), where(db, back)]).toEqual(['POLY/MONT MAILBAG', 'POLYNOMIAL/HQ MAILBAG']);
  });

  it('Indirect: the PC MTA hands mail to the via postoffice\'s queue, External carries it on; replies come back the same way', () => {
    const { db } = network();
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'FAR/AWAY', { kind: 'Indirect', via: 'POLY/NOV' });
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/NOV'] });
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    const out = put(db, 'POLYNOMIAL/HQ', 'OUTBOUND', 'FAR/AWAY', 'to far');
    expect(pcMtaPass(db, 'EXCH01', 'Microsoft PC MTA')).toMatchObject({ delivered: 1 });
    expect(where(db, out)).toBe('POLY/NOV OUTBOUND');
    const moved = stmt(db, "select description from event where event_id = 4355 and category = 'Moved In'").get() as { description: string };
    expect(moved.description.split('\n')[0]).toBe('Mail received on \\\\FSNOV\\MAILDATA');
    externalPass(db);
    expect(where(db, out)).toBe('FAR/AWAY MAILBAG');
    const back = put(db, 'FAR/AWAY', 'P1', 'POLYNOMIAL/HQ', 'from far');
    expect(pcMtaPass(db, 'EXCH01', 'Microsoft PC MTA')).toMatchObject({ pickedUp: 0 }); // not at NOV yet
    externalPass(db); // P1 → FAR/AWAY's outbound queue
    expect(where(db, back)).toBe('FAR/AWAY OUTBOUND');
    externalPass(db); // → the via postoffice's queue for the connector postoffice
    expect(where(db, back)).toBe('POLY/NOV OUTBOUND');
    expect(pcMtaPass(db, 'EXCH01', 'Microsoft PC MTA')).toMatchObject({ pickedUp: 1 });
    expect(where(db, back)).toBe('POLYNOMIAL/HQ MAILBAG');
  });

  it('a dirsync cycle with an MS Mail DSS reached indirectly: EXCH01 imports its mailboxes through the via postoffice', () => {
    const { db } = network();
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addConnection(db, 'EXCH01', 'POLY/MONT', { kind: 'Indirect', via: 'POLY/NOV' });
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { pollMinutes: 1, services: ['POLY/NOV'] });
    addMailbox(db, 'POLY/MONT', 'PAUL', 'Paul Allen');
    setDirsyncServer(db, 'POLY/MONT', true);
    createServerRequestor(db, 'POLY/MONT', 'POLYNOMIAL/HQ', 'HQPW');
    importProcessTimes(db, 'POLY/MONT', 'T1 Sat 09:15\nT2 Sat 09:30');
    saveDirsyncRequestor(db, 'EXCH01', 'POLY/MONT', { password: 'HQPW', schedule: 'Sat:9' });
    setLoggingLevel(db, 'EXCH01', 'MSExchangePCMTA', '*', 'maximum');
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    const r = dispatch(db, { until: Date.UTC(1994, 1, 26, 11) });
    expect(r.lines.some((l) => /EXCH01  MSExchangeDX  Import Container Recipients: 1 created/.test(l))).toBe(true);
    expect(stmt(db, "select display_name as name from recipient where kind = 'custom' and not hidden").all()).toEqual([{ name: 'Paul Allen' }]);
    // Every hop between the connector and MONT went through NOV's share.
    const shares = (stmt(db, 'select description from event where event_id in (4355, 4395)').all() as { description: string }[]).map((e) => e.description.split('\n')[0]);
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.every((s) => !s.includes('FSMONT'))).toBe(true);
    expect(shares).toContain('Mail sent from \\\\FSNOV\\MAILDATA');
    expect(stmt(db, "select count(*) as n from message where place in ('P1', 'OUTBOUND')").get()).toEqual({ n: 0 });
  });
});

describe('the commands', () => {
  it('connection add|modify|list with the new kinds, text and --json; mta --type and --com-port', () => {
    const { file } = network();
    opened.at(-1)!.$client.close();
    expect(ok(file, 'exchange connection add EXCH01 POLY/NOV')).toBe('Connection to POLY/NOV added on EXCH01: \\\\FSNOV\\MAILDATA; address space MS:POLY/NOV cost 1');
    expect(ok(file, ['exchange', 'connection', 'add', 'EXCH01', 'POLY/MONT', '--kind', 'async', '--phone', '555-0100', '--attempts', '5'])).toBe(
      'Async connection to POLY/MONT added on EXCH01: phone 555-0100, 5 connection attempts; address space MS:POLY/MONT cost 1',
    );
    expect(ok(file, 'exchange connection add EXCH01 POLY/OCT --x121 31342123456')).toBe(
      'X.25 connection to POLY/OCT added on EXCH01: X.121 address 31342123456, 3 connection attempts; address space MS:POLY/OCT cost 1',
    );
    const indirect = JSON.parse(ok(file, 'exchange connection add EXCH01 FAR/AWAY --via POLY/NOV --json'));
    expect(indirect).toMatchObject({ postoffice: 'FAR/AWAY', kind: 'Indirect', via: 'POLY/NOV', addressSpace: { type: 'MS', address: 'FAR/AWAY', cost: 1 } });
    expect(ok(file, 'exchange connection list EXCH01').split('\n')).toEqual([
      'Postoffice             Type      Connection                    Serviced by',
      'FAR/AWAY               Indirect  via POLY/NOV                  (no PC MTA)',
      'POLY/MONT              Async     phone 555-0100, 5 attempts    (no PC MTA)',
      'POLY/NOV               LAN       \\\\FSNOV\\MAILDATA              (no PC MTA)',
      'POLY/OCT               X.25      X.121 31342123456, 3 attempts  (no PC MTA)',
    ]);
    const list = JSON.parse(ok(file, 'exchange connection list EXCH01 --json')) as { postoffice: string; kind: string; connectionAttempts: number | null }[];
    expect(list.map((c) => [c.postoffice, c.kind, c.connectionAttempts])).toEqual([
      ['FAR/AWAY', 'Indirect', null],
      ['POLY/MONT', 'Async', 5],
      ['POLY/NOV', 'LAN', null],
      ['POLY/OCT', 'X.25', 3],
    ]);
    expect(ok(file, 'exchange connection modify EXCH01 POLY/MONT --phone 555-0199')).toBe('Async connection to POLY/MONT on EXCH01 modified: phone 555-0199, 5 connection attempts');
    expect(JSON.parse(ok(file, ['exchange', 'connection', 'modify', 'EXCH01', 'POLY/NOV', '--unc', '\\\\NW\\SYS\\MAIL', '--json']))).toMatchObject({ kind: 'LAN', uncPath: '\\\\NW\\SYS\\MAIL' });
    // Refusals: exit 2, one line, nothing changed.
    const before = snapshot(file, true);
    for (const line of [
      'exchange connection remove EXCH01 POLY/NOV',
      'exchange connection modify EXCH01 POLY/MONT --x121 1',
      'exchange connection modify EXCH01 POLY/MONT',
      'exchange connection add EXCH01 POLY/MONT --kind lan --phone 5',
      'exchange connection add EXCH01 ATTMAIL/X --kind async --phone 5',
      'exchange mta add EXCH01 Lan --services POLY/MONT',
      'exchange mta add EXCH01 Modem --type async --com-port COM300',
    ]) {
      const r = cli(file, line);
      expect(r.code, line).toBe(2);
      expect(r.err.trim().split('\n'), line).toHaveLength(1);
    }
    expect(cli(file, 'exchange connection remove EXCH01 POLY/NOV').err).toContain('You must delete any indirect postoffice connections routed through a direct postoffice before deleting that direct postoffice.');
    expect(cli(file, 'exchange connection add EXCH01 ATTMAIL/X --kind async --phone 5').err).toContain('ATTMAIL is a reserved network name. Enter a different name.');
    expect(snapshot(file, true)).toEqual(before);
    expect(ok(file, 'exchange mta add EXCH01 Modem --type async --com-port com4 --services POLY/MONT').split('\n')[1]).toBe(
      '"Modem"  Stopped  Async and LAN on COM4, check for mail every 5 min, update configuration every 60 min, log sent off, received off; services POLY/MONT',
    );
    expect(JSON.parse(ok(file, 'exchange mta set EXCH01 Modem --com-port COM9 --json'))).toMatchObject({ connectionType: 'Async and LAN', comPort: 'COM9' });
    expect(ok(file, 'exchange mta add EXCH01 Lan --type lan --services POLY/NOV').split('\n')[1]).toMatch(/^"Lan"  Stopped  LAN, check for mail every 5 min/);
  });
});
