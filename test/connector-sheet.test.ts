import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { DirsyncError } from '@/lib/core/errors';
import { heldMessages, sendMessage } from '@/lib/dirsync/messages';
import { stmt } from '@/lib/core/statements';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { connections } from '@/lib/exchange/connector/connections';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { connectorQueue } from '@/lib/exchange/connector/connector-queue';
import { controlService } from '@/lib/exchange/services/control-service';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { deleteQueuedMessage } from '@/lib/exchange/connector/delete-queued-message';
import { modifyConnection } from '@/lib/exchange/connector/modify-connection';
import { queryEvents } from '@/lib/exchange/events/query-events';
import { returnQueuedMessage } from '@/lib/exchange/connector/return-queued-message';
import { addressSpaceEntries, saveAddressSpace } from '@/lib/exchange/connector/save-address-space';
import { msMailConnector } from '@/lib/exchange/connector/ms-mail-connector';
import { saveMsMailConnector } from '@/lib/exchange/connector/save-ms-mail-connector';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { localPostoffice } from '@/lib/exchange/connector/local-postoffice';
import { setLocalPostoffice } from '@/lib/exchange/connector/set-local-postoffice';
import { snapshotOf, tempDbFile } from './helpers';

// The MS Mail Connector property sheet's verbs: General / Interchange, Local Postoffice, Address
// Space, Connections ▸ Modify… and the Queue viewer (docs/console.md, "Connections, the MS Mail Connector sheet, Directory Synchronization").

const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
});

/** EXCH01 (connector postoffice POLYNOMIAL/HQ) and MS Mail postoffices POLY/MONT, POLY/NOV. */
function network(): Db {
  const db = openDatabase(tempDbFile('connector-sheet'));
  opened.push(db);
  for (const po of ['MONT', 'NOV']) createPostoffice(db, { name: `POLY/${po}`, password: 'SECRET', fileServer: `FS${po}` });
  createExchangeServer(db, { organization: 'Polynomial', site: 'HQ', server: 'EXCH01' });
  return db;
}

/** A refused call changes nothing; returns the error's kind and message. */
function refused(db: Db, f: () => unknown): { kind: string; message: string } {
  const before = snapshotOf(db, true);
  try {
    f();
  } catch (e) {
    if (!(e instanceof DirsyncError)) throw e;
    expect(snapshotOf(db, true)).toEqual(before);
    return { kind: e.kind, message: e.message };
  }
  throw new Error('expected the call to be refused');
}

describe('General and Interchange tabs', () => {
  let db: Db;
  beforeEach(() => (db = network()));

  it('has the documented defaults', () => {
    expect(msMailConnector(db, 'exch01')).toEqual({
      server: 'EXCH01',
      displayName: 'MS Mail Connector',
      administratorMailbox: '',
      primaryLanguage: 'English',
      maximizeCompatibility: true,
      messageTracking: false,
      appleTalk: false,
      maxMessageKb: null,
      adminNote: '',
      confirmConnectionChanges: true,
      revision: 0,
    });
  });

  it('saves the fields given, raising the revision; the other fields keep their values', () => {
    addRecipient(db, 'EXCH01', { container: 'Recipients', alias: 'Postmaster', displayName: 'Postmaster' });
    const r = saveMsMailConnector(db, 'EXCH01', { displayName: ' Connector to POLY ', maxMessageKb: '2048', adminNote: 'note', revision: 0 });
    expect(r).toMatchObject({ displayName: 'Connector to POLY', maxMessageKb: 2048, adminNote: 'note', revision: 1, maximizeCompatibility: true });
    const i = saveMsMailConnector(db, 'EXCH01', { administratorMailbox: 'postmaster', primaryLanguage: 'german', messageTracking: true, appleTalk: true, maximizeCompatibility: false, revision: 1 });
    expect(i).toMatchObject({ administratorMailbox: 'Postmaster', primaryLanguage: 'German', messageTracking: true, appleTalk: true, maximizeCompatibility: false, maxMessageKb: 2048, revision: 2 });
    expect(saveMsMailConnector(db, 'EXCH01', { maxMessageKb: null }).maxMessageKb).toBeNull();
  });

  it('refuses a save over a newer revision, and bad values, saving nothing', () => {
    saveMsMailConnector(db, 'EXCH01', { displayName: 'First', revision: 0 });
    expect(refused(db, () => saveMsMailConnector(db, 'EXCH01', { displayName: 'Second', revision: 0 }))).toEqual({
      kind: 'conflict',
      message: 'First (EXCH01) was changed by someone else since you opened it: close it and open it again',
    });
    expect(msMailConnector(db, 'EXCH01').displayName).toBe('First');
    expect(refused(db, () => saveMsMailConnector(db, 'EXCH01', { displayName: '  ' })).message).toBe('Display name is required');
    for (const bad of ['0', '2097152', '1.5', 'ten']) {
      expect(refused(db, () => saveMsMailConnector(db, 'EXCH01', { maxMessageKb: bad })).message).toMatch(/^Max \(K\) must be a whole number of kilobytes from 1 to 2,097,151/);
    }
    expect(refused(db, () => saveMsMailConnector(db, 'EXCH01', { primaryLanguage: 'Klingon' })).message).toMatch(/^Primary language for clients "Klingon"/);
    expect(refused(db, () => saveMsMailConnector(db, 'EXCH01', { administratorMailbox: 'NOBODY' })).kind).toBe('notFound');
  });
});

describe('Local Postoffice tab', () => {
  let db: Db;
  beforeEach(() => (db = network()));

  it('renames the connector postoffice before dirsync knows it', () => {
    expect(localPostoffice(db, 'EXCH01')).toEqual({ server: 'EXCH01', network: 'POLYNOMIAL', postoffice: 'HQ', lockedBecause: null, revision: 0 });
    const r = setLocalPostoffice(db, 'EXCH01', { network: 'poly', postoffice: 'exch', revision: 0 });
    expect(r).toMatchObject({ network: 'POLY', postoffice: 'EXCH', revision: 1 });
  });

  it('refuses reserved and non-standard names with the documented messages', () => {
    expect(refused(db, () => setLocalPostoffice(db, 'EXCH01', { network: 'smtp', postoffice: 'HQ' })).message).toBe('SMTP is a reserved network name. Enter a different name.');
    expect(refused(db, () => setLocalPostoffice(db, 'EXCH01', { network: 'POLYNOMIAL1', postoffice: 'HQ' })).message).toMatch(/^Network name "POLYNOMIAL1" must be 1 to 10 letters or digits/);
    expect(refused(db, () => setLocalPostoffice(db, 'EXCH01', { network: 'POLY', postoffice: 'H-Q' })).message).toMatch(/^PostOffice name "H-Q" must be 1 to 10 letters or digits/);
    expect(refused(db, () => setLocalPostoffice(db, 'EXCH01', { network: 'POLY', postoffice: 'MONT' })).message).toMatch(/^a postoffice POLY\/MONT already exists/);
    expect(refused(db, () => setLocalPostoffice(db, 'EXCH01', { network: 'A', postoffice: 'B', revision: 5 })).message).toMatch(/changed by someone else since you opened it/);
  });

  it('refuses a rename once dirsync objects exist, saying why; the same names still save', () => {
    const sample = openDatabase(tempDbFile('connector-sample'));
    opened.push(sample);
    loadSampleNetwork(sample, 'msmail-dss');
    const lp = localPostoffice(sample, 'EXCH01');
    expect(lp.lockedBecause).toMatch(/^EXCH01 has directory synchronization objects .* as POLYNOMIAL\/HQ: delete them before changing the Local Postoffice names/);
    const r = refused(sample, () => setLocalPostoffice(sample, 'EXCH01', { network: 'OTHER', postoffice: 'HQ' }));
    expect(r.kind).toBe('conflict');
    expect(r.message).toMatch(/^The Local Postoffice names cannot be changed: EXCH01 has directory synchronization objects/);
    expect(setLocalPostoffice(sample, 'EXCH01', { network: 'polynomial', postoffice: 'hq' }).network).toBe('POLYNOMIAL');
  });
});

describe('Address Space tab', () => {
  let db: Db;
  beforeEach(() => {
    db = network();
    addConnection(db, 'EXCH01', 'POLY/MONT');
  });

  it('changes costs, adds and removes entries; the MS entry of a connection stays', () => {
    const [ms] = addressSpaceEntries(db, 'EXCH01');
    expect(ms).toMatchObject({ type: 'MS', address: 'POLY/MONT', cost: 1, ofConnection: true });
    const rev = msMailConnector(db, 'EXCH01').revision;
    let list = saveAddressSpace(db, 'EXCH01', { costs: { [ms.id]: '100' }, add: { type: 'smtp', address: '*@poly.example', cost: '5' }, revision: rev });
    expect(list.map((e) => [e.type, e.address, e.cost])).toEqual([
      ['MS', 'POLY/MONT', 100],
      ['SMTP', '*@poly.example', 5],
    ]);
    const smtp = list[1];
    list = saveAddressSpace(db, 'EXCH01', { remove: [smtp.id] });
    expect(list.map((e) => e.type)).toEqual(['MS']);
    expect(refused(db, () => saveAddressSpace(db, 'EXCH01', { remove: [ms.id] })).message).toMatch(/belongs to the connection to POLY\/MONT/);
  });

  it('refuses a cost outside 1–100 and a stale revision, saving nothing', () => {
    const [ms] = addressSpaceEntries(db, 'EXCH01');
    for (const bad of ['0', '101', '', '1.5']) {
      expect(refused(db, () => saveAddressSpace(db, 'EXCH01', { costs: { [ms.id]: bad } })).message).toMatch(/^Cost must be a whole number from 1 to 100/);
    }
    expect(refused(db, () => saveAddressSpace(db, 'EXCH01', { add: { type: 'X400', address: 'c=US;', cost: 0 } })).message).toMatch(/^Cost must be/);
    expect(refused(db, () => saveAddressSpace(db, 'EXCH01', { add: { type: 'MS', address: 'not an address' } })).message).toMatch(/must be NETWORK\/POSTOFFICE/);
    expect(refused(db, () => saveAddressSpace(db, 'EXCH01', { costs: { [ms.id]: 2 }, revision: 0 })).message).toMatch(/changed by someone else since you opened it/);
  });
});

describe('Connections tab: Modify… and the Queue viewer', () => {
  let db: Db;
  beforeEach(() => {
    db = network();
    addConnection(db, 'EXCH01', 'POLY/MONT');
    addConnection(db, 'EXCH01', 'POLY/NOV');
  });

  const connectorPoId = () => (stmt(db, "select id from postoffice where kind = 'connector'").get() as { id: number }).id;
  const montId = () => (stmt(db, "select id from postoffice where name = 'MONT'").get() as { id: number }).id;
  /** The DXA's mail for MONT in the connector's outbound queue, and MONT's reply in the connector's mailbag. */
  function queue(): void {
    sendMessage(db, connectorPoId(), 'POLYNOMIAL/HQ', { kind: 'ReqTx', subject: 'ReqTx R=1 (was 0)', fromAddr: 'POLYNOMIAL/HQ/SYSTEM1', toAddr: 'POLY/MONT/$SYSTEM', dest: 'POLY/MONT' });
    sendMessage(db, connectorPoId(), 'POLYNOMIAL/HQ', { kind: 'ReqTx', subject: 'ReqTx for NOV', fromAddr: 'POLYNOMIAL/HQ/SYSTEM1', toAddr: 'POLY/NOV/$SYSTEM', dest: 'POLY/NOV' });
    stmt(db, "insert into message (kind, subject, from_addr, to_addr, holder_po_id, place, dest, arrival, created_at, message_id) values ('SrvTx', 'SrvTx R=1 S=1', 'POLY/MONT/$SYSTEM', 'POLYNOMIAL/HQ/SYSTEM1', ?, 'MAILBAG', 'POLYNOMIAL/HQ', 99, 0, 'ABCDEF01')").run(connectorPoId());
  }

  it('modifies the path and Connect As; refuses a bad or taken path', () => {
    const c = modifyConnection(db, 'EXCH01', 'POLY/MONT', { uncPath: '\\\\NW1\\SYS\\MAILDATA', connectAs: 'DOM\\svc' });
    expect(c).toMatchObject({ postoffice: 'POLY/MONT', uncPath: '\\\\NW1\\SYS\\MAILDATA', connectAs: 'DOM\\svc' });
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/NOV', { uncPath: '\\\\nw1\\sys\\maildata' })).message).toMatch(/already the path of EXCH01's connection to POLY\/MONT/);
    expect(refused(db, () => modifyConnection(db, 'EXCH01', 'POLY/NOV', { uncPath: 'C:\\MAIL' })).message).toMatch(/is not a UNC path/);
    expect(connections(db, 'EXCH01').map((x) => x.uncPath)).toEqual(['\\\\NW1\\SYS\\MAILDATA', '\\\\FSNOV\\MAILDATA']);
  });

  it('shows the outbound queue for the postoffice and what came from it', () => {
    queue();
    const q = connectorQueue(db, 'EXCH01', 'poly/mont');
    expect(q.postoffice).toBe('POLY/MONT');
    expect(q.messages.map((m) => [m.queue, m.subject, m.from, m.to])).toEqual([
      ['Outbound', 'ReqTx R=1 (was 0)', 'POLYNOMIAL/HQ/SYSTEM1', 'POLY/MONT/$SYSTEM'],
      ['Mailbag', 'SrvTx R=1 S=1', 'POLY/MONT/$SYSTEM', 'POLYNOMIAL/HQ/SYSTEM1'],
    ]);
    expect(q.messages[0].messageId).toMatch(/^[0-9A-F]{8}$/);
    expect(connectorQueue(db, 'EXCH01', 'POLY/NOV').messages.map((m) => m.subject)).toEqual(['ReqTx for NOV']);
  });

  it('Delete removes the message; with NDRs the sender gets "Undeliverable: …" and event 2117 is logged', () => {
    queue();
    const [out] = connectorQueue(db, 'EXCH01', 'POLY/MONT').messages;
    expect(deleteQueuedMessage(db, 'EXCH01', 'POLY/MONT', out.messageId, { ndr: true })).toEqual({ messageId: out.messageId, subject: 'ReqTx R=1 (was 0)', ndr: true });
    expect(connectorQueue(db, 'EXCH01', 'POLY/MONT').messages.map((m) => m.subject)).toEqual(['SrvTx R=1 S=1']);
    const inbox = heldMessages(db, connectorPoId()).filter((m) => m.place === 'INBOX');
    expect(inbox.map((m) => [m.kind, m.subject, m.fromAddr, m.toAddr])).toEqual([['Notice', 'Undeliverable: ReqTx R=1 (was 0)', 'POLYNOMIAL/HQ/$SYSTEM', 'POLYNOMIAL/HQ/SYSTEM1']]);
    const events = queryEvents(db, { computer: 'EXCH01', eventId: 2117 }).events;
    expect(events.map((e) => [e.source, e.type, e.category])).toEqual([['MSExchangeMSMI', 'Warning', 'NDR']]);
    expect(events[0].description).toMatch(/^Non delivery report generated\./);

    // Without NDRs: gone, nothing else.
    const before = heldMessages(db, montId()).length;
    deleteQueuedMessage(db, 'EXCH01', 'POLY/MONT', 'abcdef01', { ndr: false });
    expect(connectorQueue(db, 'EXCH01', 'POLY/MONT').messages).toEqual([]);
    expect(heldMessages(db, montId()).length).toBe(before);
    expect(queryEvents(db, { computer: 'EXCH01', eventId: 2117 }).events).toHaveLength(1);
    expect(refused(db, () => deleteQueuedMessage(db, 'EXCH01', 'POLY/MONT', 'ABCDEF01', { ndr: true })).message).toMatch(/^message ABCDEF01 is no longer in the queue for POLY\/MONT/);
  });

  it('Return puts the message in its sender postoffice\'s inbox, out of every queue', () => {
    queue();
    expect(returnQueuedMessage(db, 'EXCH01', 'POLY/MONT', 'ABCDEF01')).toEqual({ messageId: 'ABCDEF01', subject: 'SrvTx R=1 S=1', returnedTo: 'POLY/MONT' });
    expect(heldMessages(db, montId()).map((m) => [m.place, m.subject])).toEqual([['INBOX', 'SrvTx R=1 S=1']]);
    const [out] = connectorQueue(db, 'EXCH01', 'POLY/MONT').messages;
    expect(returnQueuedMessage(db, 'EXCH01', 'POLY/MONT', out.messageId).returnedTo).toBe('POLYNOMIAL/HQ');
    expect(connectorQueue(db, 'EXCH01', 'POLY/MONT').messages).toEqual([]);
    // A PC MTA pass no longer carries it: it is in no queue.
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT'] });
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    expect(heldMessages(db, connectorPoId()).filter((m) => m.place === 'INBOX').map((m) => m.subject)).toEqual(['ReqTx R=1 (was 0)']);
  });
});

describe('Connector MTAs ▸ Configure… revision', () => {
  it('refuses a save over a newer revision of the instance', () => {
    const db = network();
    addConnection(db, 'EXCH01', 'POLY/MONT');
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT'] });
    setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { pollMinutes: 1, revision: 0 });
    expect(refused(db, () => setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { pollMinutes: 2, revision: 0 })).message).toBe(
      'The Connector (PC) MTA "Microsoft PC MTA" was changed by someone else since you opened it: close it and open it again',
    );
  });
});
