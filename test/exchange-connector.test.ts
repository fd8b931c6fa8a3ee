import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openDatabase } from '@/db/client';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { stmt } from '@/lib/core/statements';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { addressSpaces } from '@/lib/exchange/connector/address-spaces';
import { connections } from '@/lib/exchange/connector/connections';
import { removeConnection } from '@/lib/exchange/connector/remove-connection';
import { controlService } from '@/lib/exchange/services/control-service';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { deleteRegistryValue } from '@/lib/exchange/services/delete-registry-value';
import { getRegistryValue, registryValues } from '@/lib/exchange/services/registry';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { pcMtas } from '@/lib/exchange/connector/pc-mtas';
import { removePcMta } from '@/lib/exchange/connector/remove-pc-mta';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { cli, dump, ok, refusal, snapshotOf, tempDbFile } from './helpers';

// The MS Mail Connector's Connections, Address Space and Connector MTAs tabs, and the DXA's
// registry values (docs/exchange.md).

const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
});

/** EXCH01 (connector postoffice POLYNOMIAL/HQ) and MS Mail postoffices POLY/MONT, POLY/NOV, POLY/OCT. */
function network(): { db: Db; file: string } {
  const file = tempDbFile('connector');
  const db = openDatabase(file);
  opened.push(db);
  for (const po of ['MONT', 'NOV', 'OCT']) createPostoffice(db, { name: `POLY/${po}`, password: 'SECRET', fileServer: `FS${po}` });
  createExchangeServer(db, { organization: 'Polynomial', site: 'HQ', server: 'EXCH01' });
  return { db, file };
}

/** A refused call changes nothing. */
function refusedUnchanged(db: Db, f: () => unknown): { kind: string; message: string } {
  const before = snapshotOf(db, true);
  const r = refusal(f);
  expect(snapshotOf(db, true)).toEqual(before);
  return r;
}

describe('Connections tab', () => {
  let db: Db;
  beforeEach(() => ({ db } = network()));

  it('adds a LAN connection with the default path \\\\<FILESERVER>\\MAILDATA and its MS address space, cost 1', () => {
    const r = addConnection(db, 'exch01', 'poly/mont');
    expect(r).toEqual({
      server: 'EXCH01',
      postoffice: 'POLY/MONT',
      kind: 'LAN',
      uncPath: '\\\\FSMONT\\MAILDATA',
      connectAs: '',
      phoneNumber: '',
      x121Address: '',
      connectionAttempts: null,
      via: null,
      routes: [],
      servicedBy: [],
      queued: 0,
      addressSpace: { type: 'MS', address: 'POLY/MONT', cost: 1 },
    });
    expect(addressSpaces(db, 'EXCH01')).toEqual([{ type: 'MS', address: 'POLY/MONT', cost: 1 }]);
    addConnection(db, 'EXCH01', 'N', { uncPath: '\\\\NETWARE1\\SYS\\MAILDATA', connectAs: 'DOMAIN\\svc' });
    expect(connections(db, 'EXCH01').map((c) => [c.postoffice, c.uncPath, c.connectAs])).toEqual([
      ['POLY/MONT', '\\\\FSMONT\\MAILDATA', ''],
      ['POLY/NOV', '\\\\NETWARE1\\SYS\\MAILDATA', 'DOMAIN\\svc'],
    ]);
    expect(addressSpaces(db, 'EXCH01').map((a) => a.address)).toEqual(['POLY/MONT', 'POLY/NOV']);
  });

  it('refuses a second connection to the same postoffice, and a path already used by another connection', () => {
    addConnection(db, 'EXCH01', 'POLY/MONT');
    expect(refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { uncPath: '\\\\OTHER\\MAILDATA' }))).toEqual({
      kind: 'conflict',
      message: "EXCH01's MS Mail Connector already has a connection to POLY/MONT (LAN): delete it first to connect it another way",
    });
    const samePath = refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'POLY/NOV', { uncPath: '\\\\fsmont\\maildata' }));
    expect(samePath.kind).toBe('conflict');
    expect(samePath.message).toMatch(/^\\\\fsmont\\maildata is already the path of EXCH01's connection to POLY\/MONT/);
  });

  it('refuses a postoffice that does not exist, a connector postoffice, a path that is not UNC, an unknown server', () => {
    expect(refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'POLY/NOPE')).message).toMatch(/^postoffice POLY\/NOPE does not exist/);
    expect(refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'POLYNOMIAL/HQ'))).toEqual({
      kind: 'usage',
      message: "POLYNOMIAL/HQ is the connector postoffice of EXCH01's own MS Mail Connector, not an MS Mail postoffice: a connection goes to an MS Mail (PC) postoffice",
    });
    createExchangeServer(db, { organization: 'Other', site: 'Site', server: 'EXCH02' });
    expect(refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'OTHER/SITE')).message).toMatch(/the MS Mail Connector of Exchange server EXCH02/);
    for (const bad of ['FSMONT\\MAILDATA', '\\\\FSMONT', 'C:\\MAILDATA', '\\\\FS MONT\\']) {
      expect(refusedUnchanged(db, () => addConnection(db, 'EXCH01', 'POLY/MONT', { uncPath: bad })).message).toMatch(/^Postoffice Path ".*" is not a UNC path/);
    }
    expect(refusedUnchanged(db, () => addConnection(db, 'NOSUCH', 'POLY/MONT')).message).toMatch(/^there is no Exchange server NOSUCH/);
  });

  it('removes a connection and its address space entry; refused while a PC MTA services the postoffice, naming it', () => {
    addConnection(db, 'EXCH01', 'POLY/MONT');
    addConnection(db, 'EXCH01', 'POLY/NOV');
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT'] });
    const busy = refusedUnchanged(db, () => removeConnection(db, 'EXCH01', 'POLY/MONT'));
    expect(busy.kind).toBe('conflict');
    expect(busy.message).toMatch(/^POLY\/MONT is serviced by the Connector \(PC\) MTA "Microsoft PC MTA" on EXCH01: take it off the MTA's Postoffices Serviced first/);
    expect(connections(db, 'EXCH01').find((c) => c.postoffice === 'POLY/MONT')?.servicedBy).toEqual(['Microsoft PC MTA']);
    expect(removeConnection(db, 'EXCH01', 'POLY/NOV')).toEqual({ server: 'EXCH01', postoffice: 'POLY/NOV', queued: 0 });
    expect(addressSpaces(db, 'EXCH01').map((a) => a.address)).toEqual(['POLY/MONT']);
    expect(refusedUnchanged(db, () => removeConnection(db, 'EXCH01', 'POLY/NOV')).kind).toBe('notFound');
    setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: [] });
    removeConnection(db, 'EXCH01', 'POLY/MONT');
    expect(connections(db, 'EXCH01')).toEqual([]);
    expect(addressSpaces(db, 'EXCH01')).toEqual([]);
  });
});

describe('Connector MTAs tab', () => {
  let db: Db;
  beforeEach(() => {
    ({ db } = network());
    addConnection(db, 'EXCH01', 'POLY/MONT');
    addConnection(db, 'EXCH01', 'POLY/NOV');
  });

  it('creates an instance with the dialog defaults (5 and 60 minutes) and a Stopped service of the same name', () => {
    const r = addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['poly/nov', 'POLY/MONT', 'POLY/NOV'] });
    expect(r).toEqual({
      server: 'EXCH01',
      serviceName: 'Microsoft PC MTA',
      pollMinutes: 5,
      configMinutes: 60,
      logSent: false,
      logReceived: false,
      services: ['POLY/MONT', 'POLY/NOV'],
      connectionType: 'LAN',
      comPort: 'COM1',
      state: 'Stopped',
      runningPollMinutes: null,
      nextPollAt: null,
      restartNeeded: false,
    });
    const service = stmt(db, "select name, display_name as displayName, state, mta_id is not null as isMta from exchange_service where name = 'Microsoft PC MTA'").get();
    expect(service).toEqual({ name: 'Microsoft PC MTA', displayName: 'Microsoft PC MTA', state: 'Stopped', isMta: 1 });
    const other = addPcMta(db, 'EXCH01', 'Second MTA', { pollMinutes: 1, configMinutes: '999', logSent: true, logReceived: true });
    expect([other.pollMinutes, other.configMinutes, other.logSent, other.logReceived, other.services]).toEqual([1, 999, true, true, []]);
    expect(pcMtas(db, 'EXCH01').map((m) => m.serviceName)).toEqual(['Microsoft PC MTA', 'Second MTA']);
  });

  it('checks the Service Name: 1–30 letters and spaces, unique on the server whatever the case', () => {
    const name = (n: string) => refusedUnchanged(db, () => addPcMta(db, 'EXCH01', n));
    expect(name('PC MTA 2')).toEqual({ kind: 'usage', message: 'Service Name "PC MTA 2" contains "2": only the letters A–Z, a–z and spaces are allowed' });
    expect(name('PC-MTA').message).toMatch(/contains "-"/);
    expect(name('Überträger').message).toMatch(/contains "Ü"/);
    expect(name('   ').message).toMatch(/^Service Name is required/);
    expect(name('A'.repeat(31))).toEqual({ kind: 'usage', message: `Service Name "${'A'.repeat(31)}" is 31 characters: it can be at most 30` });
    expect(addPcMta(db, 'EXCH01', 'A'.repeat(30)).serviceName).toHaveLength(30);
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA');
    expect(name('microsoft pc mta')).toEqual({
      kind: 'conflict',
      message: 'Service Name "microsoft pc mta": a service named "Microsoft PC MTA" already exists on EXCH01; choose another name',
    });
    // The server's own services are NT services too.
    expect(name('MSExchangeDX').message).toMatch(/a service named "MSExchangeDX" already exists on EXCH01/);
  });

  it('checks the minutes fields by their dialog labels: whole numbers 1–999', () => {
    for (const [field, label] of [
      ['pollMinutes', 'Check for mail every'],
      ['configMinutes', 'Update configuration every'],
    ] as const) {
      for (const bad of [0, 1000, -5, 2.5, 'five', '']) {
        expect(refusedUnchanged(db, () => addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { [field]: bad }))).toEqual({
          kind: 'usage',
          message: `"${label}" must be a whole number of minutes from 1 to 999; got "${bad}"`,
        });
      }
    }
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA');
    expect(refusedUnchanged(db, () => setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { pollMinutes: 0 })).message).toMatch(/^"Check for mail every" must be/);
  });

  it('refuses a serviced postoffice with no connection on this server, or one that does not exist', () => {
    const r = refusedUnchanged(db, () => addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT', 'POLY/OCT'] }));
    expect(r).toEqual({
      kind: 'usage',
      message: `Postoffices Serviced: POLY/OCT has no connection on EXCH01's MS Mail Connector: add one first with "dirsync exchange connection add EXCH01 POLY/OCT"`,
    });
    expect(refusedUnchanged(db, () => addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/NONE'] })).message).toBe(
      'Postoffices Serviced: postoffice POLY/NONE does not exist',
    );
  });

  it('changes an instance (the name stays), replaces the serviced list, and says when the running service needs a restart', () => {
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT'] });
    const a = setPcMta(db, 'EXCH01', 'MICROSOFT PC MTA', { services: ['POLY/NOV'], logSent: true });
    expect([a.serviceName, a.services, a.logSent, a.logReceived, a.pollMinutes]).toEqual(['Microsoft PC MTA', ['POLY/NOV'], true, false, 5]);
    expect(a.restartNeeded).toBe(false); // stopped: the new interval is read at the next start
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    const running = setPcMta(db, 'EXCH01', 'Microsoft PC MTA', { pollMinutes: 1 });
    expect([running.state, running.pollMinutes, running.runningPollMinutes, running.restartNeeded]).toEqual(['Running', 1, 5, true]);
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'restart');
    expect(pcMtas(db, 'EXCH01')[0]).toMatchObject({ runningPollMinutes: 1, restartNeeded: false });
    expect(refusedUnchanged(db, () => setPcMta(db, 'EXCH01', 'No Such MTA', { pollMinutes: 2 })).kind).toBe('notFound');
  });

  it('removes an instance and its service; refused while the service runs', () => {
    addPcMta(db, 'EXCH01', 'Microsoft PC MTA', { services: ['POLY/MONT'] });
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'start');
    expect(refusedUnchanged(db, () => removePcMta(db, 'EXCH01', 'Microsoft PC MTA'))).toEqual({
      kind: 'conflict',
      message: 'the Connector (PC) MTA service "Microsoft PC MTA" on EXCH01 is running: stop it first (dirsync service stop EXCH01 "Microsoft PC MTA")',
    });
    controlService(db, 'EXCH01', 'Microsoft PC MTA', 'stop');
    expect(removePcMta(db, 'EXCH01', 'microsoft pc mta')).toEqual({ server: 'EXCH01', serviceName: 'Microsoft PC MTA' });
    expect(pcMtas(db, 'EXCH01')).toEqual([]);
    expect(stmt(db, 'select count(*) as n from exchange_service where mta_id is not null').get()).toEqual({ n: 0 });
    expect(stmt(db, 'select count(*) as n from pc_mta_postoffice').get()).toEqual({ n: 0 });
    removeConnection(db, 'EXCH01', 'POLY/MONT'); // no longer serviced
  });
});

describe('the DXA registry values', () => {
  let db: Db;
  beforeEach(() => ({ db } = network()));

  it('sets, reads and deletes the three values with their types; names in any case, stored as documented', () => {
    expect(registryValues(db, 'EXCH01')).toEqual([]);
    const p = setRegistryValue(db, 'EXCH01', 'pausekicksdx', ['0x1']);
    expect(p).toMatchObject({ name: 'PauseKicksDX', type: 'REG_DWORD', data: 1, key: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX' });
    expect(stmt(db, 'select name, type, data from registry_value').all()).toEqual([{ name: 'PauseKicksDX', type: 'REG_DWORD', data: '1' }]);
    setRegistryValue(db, 'EXCH01', 'ResyncConnectionRDNs', ['NOV Requestor', ' OCT ']);
    expect(getRegistryValue(db, 'EXCH01', 'RESYNCCONNECTIONRDNS')).toMatchObject({ type: 'REG_MULTI_SZ', data: ['NOV Requestor', 'OCT'] });
    expect(stmt(db, "select data from registry_value where name = 'ResyncConnectionRDNs'").get()).toEqual({ data: 'NOV Requestor\nOCT' });
    setRegistryValue(db, 'EXCH01', 'GlobalMaxSeqInResync', ['4294967295']);
    expect(registryValues(db, 'EXCH01').map((v) => [v.name, v.data])).toEqual([
      ['PauseKicksDX', 1],
      ['ResyncConnectionRDNs', ['NOV Requestor', 'OCT']],
      ['GlobalMaxSeqInResync', 4294967295],
    ]);
    setRegistryValue(db, 'EXCH01', 'PauseKicksDX', ['0']);
    expect(getRegistryValue(db, 'EXCH01', 'PauseKicksDX').data).toBe(0);
    expect(deleteRegistryValue(db, 'EXCH01', 'pauseKicksDx').data).toBe(0);
    expect(refusedUnchanged(db, () => getRegistryValue(db, 'EXCH01', 'PauseKicksDX'))).toEqual({
      kind: 'notFound',
      message: 'EXCH01 has no value PauseKicksDX under HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX: set it with "dirsync reg set EXCH01 PauseKicksDX 1"',
    });
    expect(refusedUnchanged(db, () => deleteRegistryValue(db, 'EXCH01', 'PauseKicksDX')).kind).toBe('notFound');
  });

  it('says which versions read GlobalMaxSeqInResync', () => {
    expect(setRegistryValue(db, 'EXCH01', 'GlobalMaxSeqInResync', ['1']).note).toMatch(/5\.5 SP3 or later/);
    createExchangeServer(db, { organization: 'Old', site: 'Site', server: 'EXCH55', version: '5.5' });
    expect(setRegistryValue(db, 'EXCH55', 'GlobalMaxSeqInResync', ['1']).note).toMatch(/^ignored on 5\.5: only DXA 5\.5 SP3/);
  });

  it('refuses other names (listing the three), bad DWORDs and bad MULTI_SZ data', () => {
    expect(refusedUnchanged(db, () => setRegistryValue(db, 'EXCH01', 'Unique Display Names', ['0']))).toEqual({
      kind: 'usage',
      message: '"Unique Display Names" is not a value this model keeps under HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX: use PauseKicksDX, ResyncConnectionRDNs, GlobalMaxSeqInResync',
    });
    for (const bad of [['-1'], ['4294967296'], ['0x100000000'], ['one'], ['1.5'], ['1', '2'], []]) {
      expect(refusedUnchanged(db, () => setRegistryValue(db, 'EXCH01', 'PauseKicksDX', bad)).message, bad.join(' ')).toMatch(/^PauseKicksDX is a REG_DWORD: give /);
    }
    expect(refusedUnchanged(db, () => setRegistryValue(db, 'EXCH01', 'ResyncConnectionRDNs', [])).message).toMatch(/one or more strings/);
    expect(refusedUnchanged(db, () => setRegistryValue(db, 'EXCH01', 'ResyncConnectionRDNs', ['A', ' '])).message).toMatch(/string 2 is empty/);
    expect(refusedUnchanged(db, () => setRegistryValue(db, 'EXCH01', 'ResyncConnectionRDNs', ['A\nB'])).message).toMatch(/string 1 .* line break/);
  });
});

describe('the commands', () => {
  const { file } = network();

  it('exchange connection add|remove|list, text and --json', () => {
    expect(ok(file, 'exchange connection add EXCH01 POLY/MONT')).toBe(
      'Connection to POLY/MONT added on EXCH01: \\\\FSMONT\\MAILDATA; address space MS:POLY/MONT cost 1',
    );
    const json = JSON.parse(ok(file, ['exchange', 'connection', 'add', 'EXCH01', 'POLY/NOV', '--unc', '\\\\NW1\\SYS\\MAIL', '--json']));
    expect(json).toMatchObject({ postoffice: 'POLY/NOV', uncPath: '\\\\NW1\\SYS\\MAIL', addressSpace: { type: 'MS', address: 'POLY/NOV', cost: 1 } });
    expect(ok(file, 'exchange connection list EXCH01').split('\n')).toEqual([
      'Postoffice             Type      Connection                    Serviced by',
      'POLY/MONT              LAN       \\\\FSMONT\\MAILDATA             (no PC MTA)',
      'POLY/NOV               LAN       \\\\NW1\\SYS\\MAIL                (no PC MTA)',
    ]);
    expect(JSON.parse(ok(file, 'exchange connection list EXCH01 --json')).map((c: { postoffice: string }) => c.postoffice)).toEqual(['POLY/MONT', 'POLY/NOV']);
    expect(ok(file, 'exchange connection remove EXCH01 POLY/NOV')).toBe('Connection to POLY/NOV removed from EXCH01; address space MS:POLY/NOV removed');
  });

  it('exchange mta add|set|list|remove, text and --json', () => {
    expect(ok(file, 'exchange mta add EXCH01 "Microsoft PC MTA" --poll 1 --services POLY/MONT').split('\n')).toEqual([
      'Connector (PC) MTA "Microsoft PC MTA" created on EXCH01; its service is Stopped: start it with dirsync service start EXCH01 "Microsoft PC MTA"',
      '"Microsoft PC MTA"  Stopped  LAN, check for mail every 1 min, update configuration every 60 min, log sent off, received off; services POLY/MONT',
    ]);
    const set = JSON.parse(ok(file, 'exchange mta set EXCH01 "Microsoft PC MTA" --config-poll 30 --log-sent --no-log-received --json'));
    expect(set).toMatchObject({ serviceName: 'Microsoft PC MTA', configMinutes: 30, logSent: true, logReceived: false, services: ['POLY/MONT'] });
    expect(ok(file, 'exchange mta list EXCH01')).toBe(
      '"Microsoft PC MTA"  Stopped  LAN, check for mail every 1 min, update configuration every 30 min, log sent on, received off; services POLY/MONT',
    );
    expect(JSON.parse(ok(file, 'exchange mta list EXCH01 --json'))).toHaveLength(1);
    expect(ok(file, 'exchange mta remove EXCH01 "Microsoft PC MTA"')).toBe('Connector (PC) MTA "Microsoft PC MTA" and its service removed from EXCH01');
  });

  it('reg get|set|delete|list, text and --json', () => {
    expect(ok(file, 'reg list EXCH01').split('\n')).toEqual([
      'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX on EXCH01',
      '    (none of PauseKicksDX, ResyncConnectionRDNs, GlobalMaxSeqInResync is set)',
    ]);
    expect(ok(file, 'reg set EXCH01 pausekicksdx 1').split('\n')[0]).toBe('EXCH01: PauseKicksDX  REG_DWORD  0x1 (1)');
    expect(ok(file, 'reg set EXCH01 ResyncConnectionRDNs "NOV Requestor" OCT').split('\n')[0]).toBe(
      'EXCH01: ResyncConnectionRDNs  REG_MULTI_SZ  NOV Requestor\\0OCT',
    );
    // The registry takes it, and says this server (5.5 SP3) will not read it (registry-context.ts).
    expect(ok(file, 'reg get EXCH01 PauseKicksDX').split('\n')).toEqual([
      'PauseKicksDX  REG_DWORD  0x1 (1)',
      'Warning: EXCH01 will not read PauseKicksDX: EXCH01 runs Exchange 5.5 SP3: Pause already starts a cycle there, so only Exchange 4.0 needs this value.',
    ]);
    expect(JSON.parse(ok(file, 'reg get EXCH01 ResyncConnectionRDNs --json'))).toMatchObject({ type: 'REG_MULTI_SZ', data: ['NOV Requestor', 'OCT'] });
    expect(ok(file, 'reg list EXCH01').split('\n')).toEqual([
      'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX on EXCH01',
      '    PauseKicksDX  REG_DWORD  0x1 (1)',
      '      Warning: EXCH01 will not read PauseKicksDX: EXCH01 runs Exchange 5.5 SP3: Pause already starts a cycle there, so only Exchange 4.0 needs this value.',
      '    ResyncConnectionRDNs  REG_MULTI_SZ  NOV Requestor\\0OCT',
      "      Warning: EXCH01 will not read ResyncConnectionRDNs: EXCH01 is neither a dirsync server nor a requestor: only a dirsync server's DXA reads this value, so restarting it does nothing with it.",
    ]);
    expect(ok(file, 'reg delete EXCH01 PauseKicksDX')).toBe('EXCH01: PauseKicksDX deleted (was REG_DWORD  0x1 (1))');
    expect(JSON.parse(ok(file, 'reg list EXCH01 --json')).map((v: { name: string }) => v.name)).toEqual(['ResyncConnectionRDNs']);
  });

  it('refuses bad usage with exit 2, one stderr line, nothing changed', () => {
    for (const [line, pattern] of [
      ['exchange connection add EXCH01', /^dirsync exchange: exchange connection add needs <SERVER> <NET\/PO>/],
      ['exchange connection frob EXCH01 POLY/MONT', /^dirsync exchange: exchange connection needs add, modify, remove or list/],
      ['exchange connection add EXCH01 POLY/OCT --unc nopath', /^dirsync exchange: Postoffice Path "nopath" is not a UNC path/],
      ['exchange mta add EXCH01 "PC MTA 2"', /^dirsync exchange: Service Name "PC MTA 2" contains "2"/],
      ['exchange mta add EXCH01 Mta --poll 0', /^dirsync exchange: "Check for mail every" must be a whole number of minutes from 1 to 999; got "0"$/],
      ['exchange mta add EXCH01 Mta --config-poll 1000', /^dirsync exchange: "Update configuration every" must be/],
      ['exchange mta add EXCH01 Mta --log-sent --no-log-sent', /^dirsync exchange: give --log-sent or --no-log-sent, not both$/],
      ['exchange mta add EXCH01 Microsoft PC MTA', /one word too many: quote a name with spaces/],
      ['exchange mta set EXCH01 Nobody --poll 2', /^dirsync exchange: EXCH01 has no Connector \(PC\) MTA "Nobody"/],
      ['exchange mta set EXCH01 Nobody', /^dirsync exchange: exchange mta set needs something to change/],
      ['reg set EXCH01 PauseKicksDX', /^dirsync reg: reg set needs the data/],
      ['reg set EXCH01 PauseKicksDX 0x1FFFFFFFF', /^dirsync reg: PauseKicksDX is a REG_DWORD/],
      ['reg get EXCH01 Start', /^dirsync reg: "Start" is not a value this model keeps/],
      ['reg get EXCH01 PauseKicksDX 1', /^dirsync reg: reg get takes no data/],
      ['reg get NOSUCH PauseKicksDX', /^dirsync reg: there is no Exchange server NOSUCH/],
      ['reg frob EXCH01', /^dirsync reg: reg needs get, set, delete or list/],
    ] as const) {
      const before = dump(file);
      const r = cli(file, line);
      expect(r.code, line).toBe(2);
      expect(r.err, line).toMatch(pattern);
      expect(r.err.split('\n'), line).toHaveLength(1);
      expect(dump(file), line).toEqual(before);
    }
  });
});
