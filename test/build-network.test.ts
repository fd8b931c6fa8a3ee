import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, ok, snapshot, tempDbFile } from './helpers';

/**
 * Building the network from the console (docs/console.md, "Building the network"): the engine
 * verb that deletes an Exchange server, the postoffice name checked part by part, and the server
 * actions of New Postoffice, Mailbox ▸ Create / Delete, Dir-Sync Options and Server ▸ Requestors
 * — the same verbs the CLI calls, so the same refusals.
 */

const file = tempDbFile('build-network');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let admin: string;
let viewer: string;

beforeAll(async () => {
  const { openDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const db = openDatabase(file);
  admin = createSession(db, createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true }).id).token;
  viewer = createSession(db, createAccount(db, { name: 'viewer', password: 'viewer password', role: 'viewer' }).id).token;
  db.$client.close();
});

describe('exchange delete', () => {
  it('deletes a server with its connector postoffice, connections and site; refused while dirsync knows it', () => {
    const f = tempDbFile('exchange-delete');
    ok(f, 'po create POLY/MONT --password SECRET');
    ok(f, 'ds server -dM on');
    ok(f, 'exchange create POLYNOMIAL HQ EXCH01');
    ok(f, 'exchange connection add EXCH01 POLY/MONT');
    ok(f, 'ds requestor create -dM POLYNOMIAL/HQ --password HQPW');
    const before = snapshot(f);
    const refused = cli(f, 'exchange delete EXCH01');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('lists POLYNOMIAL/HQ as a requestor: remove it there (Server ▸ Requestors) before deleting EXCH01');
    expect(snapshot(f)).toEqual(before);

    ok(f, 'ds requestor delete -dM POLYNOMIAL/HQ');
    ok(f, 'exchange dss EXCH01');
    expect(cli(f, 'exchange delete EXCH01').err).toContain('EXCH01 has a Dirsync Server object');
    ok(f, 'exchange dss EXCH01 --delete');

    expect(ok(f, 'exchange delete exch01')).toBe('Exchange server EXCH01 deleted with its MS Mail Connector postoffice; site HQ had no other server and was removed');
    const after = snapshot(f) as Record<string, Record<string, unknown>[]>;
    expect(after.exchange_server ?? []).toEqual([]);
    expect(after.exchange_site ?? []).toEqual([]);
    expect((after.postoffice ?? []).map((p) => `${p.network}/${p.name}`)).toEqual(['POLY/MONT']);
    expect(after.connector_connection ?? []).toEqual([]);
    expect(after.address_space ?? []).toEqual([]);
    // The name is free again.
    ok(f, 'exchange create POLYNOMIAL HQ EXCH01');
  });

  it('keeps the site while another server is in it', () => {
    const f = tempDbFile('exchange-delete-site');
    ok(f, 'exchange create POLYNOMIAL HQ EXCH01');
    ok(f, 'exchange create POLYNOMIAL HQ EXCH02 --network POLYNOMIAL --postoffice HQ2');
    expect(ok(f, 'exchange delete EXCH02')).toBe('Exchange server EXCH02 deleted with its MS Mail Connector postoffice');
    const after = snapshot(f) as Record<string, Record<string, unknown>[]>;
    expect(after.exchange_site).toHaveLength(1);
    expect(after.exchange_server.map((s) => s.name)).toEqual(['EXCH01']);
    expect(cli(f, 'exchange delete NOSUCH').err).toContain('there is no Exchange server NOSUCH');
  });
});

describe('po create names the part that is wrong', () => {
  it('refuses a bad network or postoffice part with its own number and creates nothing', () => {
    const f = tempDbFile('po-parts');
    const net = cli(f, 'po create BAD-NET/PO --password x');
    expect(net.code).toBe(2);
    expect(net.err).toContain('Network name "BAD-NET" must be 1 to 10 letters or digits');
    expect(cli(f, 'po create NET/TOOLONGNAME1 --password x').err).toContain('PostOffice name "TOOLONGNAME1" must be 1 to 10 letters or digits');
    expect(snapshot(f).postoffice ?? []).toEqual([]);
  });
});

describe('the building actions', () => {
  it('New Postoffice: the reason goes next to the field; a View Only Admin changes nothing', async () => {
    const { createPostofficeAction } = await import('@/app/(console)/build-actions');
    token = admin;
    const bad = await createPostofficeAction({ network: 'TEST NET', postoffice: 'ALPHA', password: 'pw' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { network: expect.stringContaining('Network name "TEST NET"') } });
    const drive = await createPostofficeAction({ network: 'TESTNET', postoffice: 'ALPHA', password: 'pw', drive: '7' });
    expect(drive).toMatchObject({ ok: false, fieldErrors: { drive: expect.stringContaining('drive "7" is not a letter') } });
    expect(await createPostofficeAction({ network: 'TESTNET', postoffice: 'ALPHA', password: '' })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    token = viewer;
    expect(await createPostofficeAction({ network: 'TESTNET', postoffice: 'ALPHA', password: 'pw' })).toMatchObject({ ok: false, error: expect.stringMatching(/View Only Admin/) });
    expect(snapshot(file).postoffice ?? []).toEqual([]);
    token = admin;
    expect(await createPostofficeAction({ network: 'testnet', postoffice: 'alpha', password: 'pw' })).toEqual({ ok: true, data: { name: 'TESTNET/ALPHA', drive: 'M', href: '/msmail/TESTNET~ALPHA' } });
    expect(await createPostofficeAction({ network: 'TESTNET', postoffice: 'ALPHA', password: 'pw' })).toMatchObject({ ok: false, fieldErrors: { postoffice: 'postoffice TESTNET/ALPHA already exists' } });
  });

  it('builds a DSS with a requestor and mailboxes; Delete goes through Edit ▸ Delete', async () => {
    const { createPostofficeAction } = await import('@/app/(console)/build-actions');
    const { dirsyncServerAction, createRequestorAction, deleteRequestorAction, createMailboxAction } = await import('@/app/(console)/msmail/[po]/build-actions');
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    await createPostofficeAction({ network: 'TESTNET', postoffice: 'BETA', password: 'pw' });
    expect(await dirsyncServerAction({ po: 'TESTNET/ALPHA', server: 'yes' })).toEqual({ ok: true, data: { server: true } });
    // One DSS per network: the engine's refusal, next to the control.
    expect(await dirsyncServerAction({ po: 'TESTNET/BETA', server: 'yes' })).toMatchObject({ ok: false, fieldErrors: { server: expect.stringContaining('already has a dirsync server, TESTNET/ALPHA') } });
    expect(await createRequestorAction({ po: 'TESTNET/ALPHA', requestor: 'TESTNET/BETA/X', password: 'B' })).toMatchObject({ ok: false, fieldErrors: { requestor: expect.stringContaining('is not a postoffice name') } });
    expect(await createRequestorAction({ po: 'TESTNET/BETA', requestor: 'TESTNET/ALPHA', password: 'B' })).toMatchObject({ ok: false, error: expect.stringContaining('Server ▸ Requestors') });
    expect(await createRequestorAction({ po: 'TESTNET/ALPHA', requestor: 'testnet/beta', password: 'BPW' })).toEqual({ ok: true, data: { requestor: 'TESTNET/BETA' } });
    expect(await createRequestorAction({ po: 'TESTNET/ALPHA', requestor: 'TESTNET/BETA', password: 'BPW' })).toMatchObject({ ok: false, fieldErrors: { requestor: 'TESTNET/BETA is already a requestor of TESTNET/ALPHA' } });

    expect(await createMailboxAction({ po: 'TESTNET/ALPHA', fullName: 'Ann Alpha', mailbox: 'BAD NAME', dirsync: 'on' })).toMatchObject({ ok: false, fieldErrors: { mailbox: expect.stringContaining('mailbox name "BAD NAME"') } });
    expect(await createMailboxAction({ po: 'TESTNET/ALPHA', fullName: 'x'.repeat(31), mailbox: 'ANN', dirsync: 'on' })).toMatchObject({ ok: false, fieldErrors: { fullName: expect.stringContaining('exceeds 30 characters') } });
    expect(await createMailboxAction({ po: 'TESTNET/ALPHA', fullName: 'Ann Alpha', mailbox: 'ann', dirsync: ['off', 'on'] })).toEqual({ ok: true, data: { mailbox: 'ANN' } });
    expect(await createMailboxAction({ po: 'TESTNET/ALPHA', fullName: 'Quiet', mailbox: 'QUIET', dirsync: 'off' })).toEqual({ ok: true, data: { mailbox: 'QUIET' } });
    const rows = snapshot(file) as Record<string, Record<string, unknown>[]>;
    expect(rows.mailbox.map((m) => [m.name, m.dirsync])).toEqual([
      ['ANN', 1],
      ['QUIET', 0],
    ]);
    // Only the participating mailbox is a T0 change.
    expect(rows.reqtrans.map((r) => r.txn)).toEqual([expect.stringContaining('PCM:TESTNET/ALPHA/ANN')]);

    expect(await deleteObjectAction({ kind: 'mailbox', postoffice: 'TESTNET/ALPHA', mailbox: 'QUIET' })).toEqual({ ok: true, data: { deleted: 'QUIET' } });
    // The DSS cannot be deleted while it is one; Dir-Sync Options ▸ No first.
    expect(await deleteObjectAction({ kind: 'postoffice', postoffice: 'TESTNET/ALPHA' })).toMatchObject({ ok: false, error: expect.stringContaining('is the dirsync server: turn that off first') });
    expect(await deleteRequestorAction({ po: 'TESTNET/ALPHA', requestor: 'TESTNET/BETA' })).toEqual({ ok: true, data: { requestor: 'TESTNET/BETA' } });
    expect(await dirsyncServerAction({ po: 'TESTNET/ALPHA', server: 'no' })).toEqual({ ok: true, data: { server: false } });
    expect(await deleteObjectAction({ kind: 'postoffice', postoffice: 'TESTNET/ALPHA' })).toEqual({ ok: true, data: { deleted: 'TESTNET/ALPHA' } });
    expect(((snapshot(file) as Record<string, Record<string, unknown>[]>).postoffice ?? []).map((p) => p.name)).toEqual(['BETA']);
  });

  it('New Exchange Server, then Edit ▸ Delete on it', async () => {
    const { createExchangeServerAction } = await import('@/app/(console)/build-actions');
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    expect(await createExchangeServerAction({ organization: 'ACME', site: 'HQ', server: 'BAD NAME', version: '5.5 SP3' })).toMatchObject({ ok: false, fieldErrors: { server: expect.stringContaining('server name "BAD NAME"') } });
    expect(await createExchangeServerAction({ organization: 'ACME', site: 'HQ', server: 'X1', version: '5.5 SP3', network: 'SMTP' })).toMatchObject({ ok: false, fieldErrors: { network: 'SMTP is a reserved network name. Enter a different name.' } });
    expect(await createExchangeServerAction({ organization: 'ACME', site: 'HQ', server: 'x1', version: '5.5 SP3' })).toEqual({
      ok: true,
      data: { name: 'X1', postoffice: 'ACME/HQ', href: '/exchange/X1/connector/connections' },
    });
    expect(await deleteObjectAction({ kind: 'exchange-server', server: 'X1' })).toEqual({ ok: true, data: { deleted: 'X1' } });
    expect((snapshot(file) as Record<string, unknown[]>).exchange_server ?? []).toEqual([]);
  });
});

describe('Directory Synchronization ▸ General and E-mail Addresses', () => {
  it('edits the display name and the MS address (the mailbox part only), refusing the rest and changing nothing', () => {
    const f = tempDbFile('dxa-general');
    ok(f, 'exchange create POLYNOMIAL HQ EXCH01');
    expect(ok(f, 'exchange ds EXCH01 general')).toBe('Display name: Directory Synchronization');
    expect(ok(f, ['exchange', 'ds', 'EXCH01', 'general', '--display-name', 'DXA of HQ'])).toBe('Display name: DXA of HQ');
    expect(cli(f, ['exchange', 'ds', 'EXCH01', 'general', '--display-name', '  ']).err).toContain('Display name is required');
    expect(ok(f, 'exchange ds EXCH01 addresses')).toBe('MS: POLYNOMIAL/HQ/SYSTEM1 (generated)');
    const before = snapshot(f);
    expect(cli(f, 'exchange ds EXCH01 addresses --ms OTHER/PO/SYSTEM4').err).toContain('The MS address must be on POLYNOMIAL/HQ, the MS Mail Connector\'s Local Postoffice');
    expect(cli(f, 'exchange ds EXCH01 addresses --ms POLYNOMIAL/HQ/BAD-ONE').err).toContain('MS address mailbox "BAD-ONE" must be 1 to 10 letters, digits or $');
    expect(snapshot(f)).toEqual(before);
    expect(ok(f, 'exchange ds EXCH01 addresses --ms polynomial/hq/system4')).toBe('MS: POLYNOMIAL/HQ/SYSTEM4');
    // The edited mailbox stays when the role changes; clearing it goes back to the generated one, which follows the role.
    ok(f, 'exchange dss EXCH01');
    expect(ok(f, 'exchange ds EXCH01 addresses')).toBe('MS: POLYNOMIAL/HQ/SYSTEM4');
    expect(ok(f, ['exchange', 'ds', 'EXCH01', 'addresses', '--ms', ''])).toBe('MS: POLYNOMIAL/HQ/$SYSTEM (generated)');
  });

  it('the sheet actions refuse a save over someone else\'s and a View Only Admin', async () => {
    const { createExchangeServerAction } = await import('@/app/(console)/build-actions');
    const { directorySyncGeneralAction, directorySyncAddressAction } = await import('@/app/(console)/exchange/[server]/directory-synchronization/general-actions');
    token = admin;
    await createExchangeServerAction({ organization: 'ACME', site: 'EAST', server: 'X2', version: '5.5' });
    expect(await directorySyncGeneralAction({ server: 'X2', revision: '0', displayName: 'East DXA' })).toEqual({ ok: true, data: { revision: 1 }, revision: '1' });
    expect(await directorySyncAddressAction({ server: 'X2', revision: '0', msAddress: 'ACME/EAST/SYSTEM2' })).toMatchObject({ ok: false, conflict: true, error: expect.stringContaining('changed by someone else') });
    expect(await directorySyncAddressAction({ server: 'X2', revision: '1', msAddress: 'ACME/EAST/SYS TEM' })).toMatchObject({ ok: false, fieldErrors: { msAddress: expect.stringContaining('must be 1 to 10 letters') } });
    expect(await directorySyncAddressAction({ server: 'X2', revision: '1', msAddress: 'ACME/EAST/SYSTEM2' })).toEqual({ ok: true, data: { revision: 2 }, revision: '2' });
    token = viewer;
    expect(await directorySyncGeneralAction({ server: 'X2', revision: '2', displayName: 'Viewer' })).toMatchObject({ ok: false, error: expect.stringMatching(/View Only Admin/) });
  });
});
