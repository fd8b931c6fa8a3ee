import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, ok, snapshot, tempDb, tempDbFile } from './helpers';

/** Edit ▸ Delete's server action (app/(console)/delete-actions.ts) on the `exchange-dss` sample. */

const file = tempDbFile('delete-object');
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
  const { loadSampleNetwork } = await import('@/db/seed');
  const db = openDatabase(file);
  loadSampleNetwork(db, 'exchange-dss');
  admin = createSession(db, createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true }).id).token;
  viewer = createSession(db, createAccount(db, { name: 'viewer', password: 'viewer password', role: 'viewer' }).id).token;
  db.$client.close();
});

async function query(sql: string, args: unknown[]) {
  const { openDatabase } = await import('@/db/client');
  const db = openDatabase(file);
  try {
    return db.$client.prepare(sql).all(...args);
  } finally {
    db.$client.close();
  }
}

describe('deleteObjectAction', () => {
  it('refuses a View Only Admin and changes nothing', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    const before = snapshot(file);
    token = viewer;
    expect(await deleteObjectAction({ kind: 'recipient', server: 'EXCH01', alias: 'ANNA' })).toMatchObject({ ok: false, error: expect.stringMatching(/View Only Admin/) });
    expect(snapshot(file)).toEqual(before);
  });

  it('deletes a recipient, in the audit trail', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    expect(await deleteObjectAction({ kind: 'recipient', server: 'EXCH01', alias: 'anna' })).toEqual({ ok: true, data: { deleted: 'Anna Schmidt' } });
    expect(await query("select alias from recipient where alias = 'ANNA'", [])).toEqual([]);
    const audit = (await query('select action, object, after from audit_entry order by id desc limit 1', [])) as { action: string; object: string; after: string }[];
    expect(audit[0]).toMatchObject({ action: 'Edit: Delete', object: expect.stringContaining('ANNA') });
    // Gone: a second delete is refused with the engine's message.
    expect(await deleteObjectAction({ kind: 'recipient', server: 'EXCH01', alias: 'ANNA' })).toMatchObject({ ok: false, error: expect.stringContaining('no recipient with alias "ANNA"') });
  });

  it('refuses the hidden $SYSTEM recipient of a dirsync object', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    const before = snapshot(file);
    const r = await deleteObjectAction({ kind: 'recipient', server: 'EXCH01', alias: 'POLYNOMIAL.NOVEMBER.$SYSTEM' });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('delete that object instead') });
    expect(snapshot(file)).toEqual(before);
  });

  it('deletes a Remote Dirsync Requestor with its $SYSTEM recipient', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    expect(await deleteObjectAction({ kind: 'remote-requestor', server: 'EXCH01', postoffice: 'POLYNOMIAL/NOVEMBER' })).toEqual({ ok: true, data: { deleted: 'NOVEMBER' } });
    expect(await query("select name from dirsync_link where po = 'POLYNOMIAL/NOVEMBER'", [])).toEqual([]);
    expect(await query("select alias from recipient where alias = 'POLYNOMIAL.NOVEMBER.$SYSTEM'", [])).toEqual([]);
  });

  it('deletes the Dirsync Server only once no Remote Dirsync Requestor is left under it (KB Q180434)', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    const before = snapshot(file);
    const refused = await deleteObjectAction({ kind: 'dirsync-server', server: 'EXCH01' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('you must delete any requestor objects under it: MONTGOMERY, OCTOBER') });
    expect(snapshot(file)).toEqual(before);
    for (const po of ['POLYNOMIAL/MONTGOMERY', 'POLYNOMIAL/OCTOBER']) expect(await deleteObjectAction({ kind: 'remote-requestor', server: 'EXCH01', postoffice: po })).toMatchObject({ ok: true });
    expect(await deleteObjectAction({ kind: 'dirsync-server', server: 'EXCH01' })).toEqual({ ok: true, data: { deleted: 'Dirsync Server' } });
    expect(await query('select * from dirsync_server', [])).toEqual([]);
    expect(await query("select s.po_id from srvconf s join postoffice p on p.id = s.po_id where p.name = 'HQ'", [])).toEqual([]);
  });

  it('validates its input', async () => {
    const { deleteObjectAction } = await import('@/app/(console)/delete-actions');
    token = admin;
    expect(await deleteObjectAction({ kind: 'connector', server: 'EXCH01' })).toMatchObject({ ok: false });
  });
});

describe('deleteDirsyncRequestor', () => {
  it('makes the server no longer a requestor; the $SYSTEM recipient goes, imported recipients stay', async () => {
    const { loadSampleNetwork } = await import('@/db/seed');
    const { deleteDirsyncRequestor } = await import('@/lib/exchange/dxa/delete-dirsync-requestor');
    const { dxaRole, resolveServer } = await import('@/lib/exchange/servers/servers');
    const { db } = tempDb('delete-requestor');
    loadSampleNetwork(db);
    const server = resolveServer(db, 'EXCH01');
    expect(dxaRole(db, server)).toBe('requestor');
    const recipients = (db.$client.prepare("select count(*) as n from recipient where alias not like '%$SYSTEM'").get() as { n: number }).n;
    expect(deleteDirsyncRequestor(db, 'EXCH01')).toEqual({ name: 'MONTGOMERY Dirsync Requestor' });
    expect(dxaRole(db, server)).toBeNull();
    expect(db.$client.prepare("select alias from recipient where alias = 'POLYNOMIAL.MONTGOMERY.$SYSTEM'").all()).toEqual([]);
    expect((db.$client.prepare("select count(*) as n from recipient where alias not like '%$SYSTEM'").get() as { n: number }).n).toBe(recipients);
    expect(db.$client.prepare("select r.dss from reqconf r join postoffice p on p.id = r.po_id where p.name = 'HQ'").get()).toEqual({ dss: null });
    expect(() => deleteDirsyncRequestor(db, 'EXCH01')).toThrow(/has no Dirsync Requestor object/);
  });
});

describe('the same deletes from the command line (exchange dss|requestor <SERVER> --delete)', () => {
  it('deletes the Dirsync Server only once its Remote Dirsync Requestors are gone; --delete takes nothing else', async () => {
    const { openDatabase } = await import('@/db/client');
    const { loadSampleNetwork } = await import('@/db/seed');
    const dssFile = tempDbFile('delete-dss-cli');
    const db = openDatabase(dssFile);
    loadSampleNetwork(db, 'exchange-dss');
    db.$client.close();
    const before = snapshot(dssFile);
    const refused = cli(dssFile, 'exchange dss EXCH01 --delete');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/delete any requestor objects under it/);
    expect(cli(dssFile, 'exchange dss EXCH01 --delete --name X')).toMatchObject({ code: 2, err: expect.stringMatching(/--delete takes only the server: drop --name/) });
    expect(snapshot(dssFile)).toEqual(before);
    const remotes = JSON.parse(ok(dssFile, 'exchange remote-requestor list EXCH01 --json')) as { postoffice: string }[];
    expect(remotes.length).toBeGreaterThan(0);
    for (const r of remotes) ok(dssFile, ['exchange', 'remote-requestor', 'delete', 'EXCH01', r.postoffice]);
    expect(ok(dssFile, 'exchange dss EXCH01 --delete')).toMatch(/^Dirsync Server ".+" deleted from EXCH01$/);
    expect(cli(dssFile, 'exchange dss EXCH01 --delete').err).toMatch(/has no Dirsync Server object/);
  });

  it('deletes the Dirsync Requestor object of the requestor sample', async () => {
    const { openDatabase } = await import('@/db/client');
    const { loadSampleNetwork } = await import('@/db/seed');
    const reqFile = tempDbFile('delete-req-cli');
    const db = openDatabase(reqFile);
    loadSampleNetwork(db);
    db.$client.close();
    expect(JSON.parse(ok(reqFile, 'exchange requestor EXCH01 --delete --json'))).toEqual({ deleted: expect.any(String) });
    expect(cli(reqFile, 'exchange requestor EXCH01 --delete').err).toMatch(/has no Dirsync Requestor object/);
  });
});
