import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { tempDbFile } from './helpers';

/** Issue 10 items 5 and 7 through the real server actions: what is stored and what is answered. */

const file = tempDbFile('prompt-action');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

beforeAll(async () => {
  const { sharedDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const { loadSampleNetwork } = await import('@/db/seed');
  const db = sharedDatabase();
  loadSampleNetwork(db);
  const a = createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true });
  token = createSession(db, a.id).token;
});

describe('the audit trail never holds a postoffice password', () => {
  it('masks -p in every audited prompt line, right and wrong guesses alike', async () => {
    const { runCommandAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { sharedDatabase } = await import('@/db/client');
    for (const line of ['listds admin -pPASSWORD -r', 'listds admin -pMyGuess1 -r', 'listds admin -p Guess2 -s']) {
      const r = await runCommandAction({ po: 'POLYNOMIAL/MONTGOMERY', line });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data.line).not.toMatch(/PASSWORD|MyGuess1|Guess2/);
    }
    const stored = JSON.stringify(sharedDatabase().$client.prepare('select * from audit_entry').all());
    expect(stored).toContain('listds admin -p**** -r');
    expect(stored).not.toMatch(/PASSWORD|MyGuess1|Guess2/);
  });

  it('bounds an entry and masks any field named like a password', async () => {
    const { recordAudit, auditTrail, MAX_AUDIT_JSON, MAX_AUDIT_TEXT } = await import('@/lib/auth/audit');
    const { sharedDatabase } = await import('@/db/client');
    const db = sharedDatabase();
    recordAudit(db, { accountName: 'admin', action: 'x'.repeat(10_000), object: 'o'.repeat(10_000), after: { password: 'hunter2', text: 'y'.repeat(1_000_000) } });
    const [row] = auditTrail(db, { limit: 1 });
    expect(row.action.length).toBeLessThanOrEqual(MAX_AUDIT_TEXT);
    expect(row.object.length).toBeLessThanOrEqual(MAX_AUDIT_TEXT);
    expect(row.after!.length).toBeLessThanOrEqual(MAX_AUDIT_JSON);
    expect(row.after).not.toContain('hunter2');
  });
});

describe('a refused huge value is not echoed back', () => {
  it('answers a 1 MB value with a short message', async () => {
    const { registerAction, runCommandAction, keepUpdatesAction } = await import('@/app/(console)/msmail/[po]/actions');
    const huge = 'A'.repeat(1024 * 1024);
    for (const answer of [
      await registerAction({ po: 'POLYNOMIAL/NOVEMBER', dss: huge, password: 'x' }),
      await runCommandAction({ po: 'POLYNOMIAL/NOVEMBER', line: huge }),
      await runCommandAction({ po: 'POLYNOMIAL/NOVEMBER', line: `listds ${huge}` }),
      await keepUpdatesAction({ po: 'POLYNOMIAL/MONTGOMERY', cycles: huge }),
    ]) {
      expect(answer.ok).toBe(false);
      expect(JSON.stringify(answer).length).toBeLessThan(2000);
    }
  });
});

describe('whole numbers are plain decimal digits', () => {
  it('refuses hex, exponent and other number forms, and takes digits', async () => {
    const { wholeNumber, revision, parseWholeNumber } = await import('@/lib/actions/form-fields');
    const field = wholeNumber('Trust level', 0, 100);
    for (const bad of ['0x10', '1e2', '0b1', '0o7', '1.0', '+5', 'Infinity', '', ' ', '١٢']) {
      expect(field.safeParse(bad).success, bad).toBe(false);
      expect(revision.safeParse(bad).success, `revision ${bad}`).toBe(false);
    }
    expect(field.parse(' 42 ')).toBe(42);
    expect(revision.parse('7')).toBe(7);
    expect(parseWholeNumber('100')).toBe(100);
    expect(z.object({ n: field }).safeParse({ n: '1e2' }).success).toBe(false);
  });

  it('the Keep Updates action refuses "1e2" (100 by Number())', async () => {
    const { keepUpdatesAction } = await import('@/app/(console)/msmail/[po]/actions');
    const r = await keepUpdatesAction({ po: 'POLYNOMIAL/MONTGOMERY', cycles: '1e2', revision: '0' });
    expect(r).toMatchObject({ ok: false, fieldErrors: { cycles: 'Keep Updates must be a whole number from 1 to 999' } });
  });
});

describe('the Files view\'s actions and download', () => {
  it('uploads, downloads byte for byte, copies and deletes; refuses traversal names and damaged files', async () => {
    const { uploadFileAction, copyFileAction, deleteFileAction } = await import('@/app/(console)/file-actions');
    const { GET } = await import('@/app/(console)/msmail/[po]/files/download/route');
    const { sharedDatabase } = await import('@/db/client');
    const { resyncExtract } = await import('@/lib/dirsync/resync-extract');
    const { readStoredFile, deleteStoredFile } = await import('@/lib/dirsync/stored-files');
    const { getFilesView } = await import('@/lib/queries/files-view');
    const db = sharedDatabase();
    resyncExtract(db, 'POLYNOMIAL/MONTGOMERY');
    const bytes = readStoredFile(db, 'POLYNOMIAL/MONTGOMERY', 'RESYNC.GLB')!;
    deleteStoredFile(db, 'POLYNOMIAL/MONTGOMERY', 'RESYNC.GLB');
    const content = Buffer.from(bytes).toString('base64');

    const damaged = Buffer.from(bytes);
    damaged[58] = 0xff;
    damaged[59] = 0xff;
    expect(await uploadFileAction({ place: 'POLYNOMIAL/OCTOBER', name: 'RESYNC.GLB', content: damaged.toString('base64') })).toMatchObject({ ok: false, error: expect.stringMatching(/^Fatal \[14\] Error processing RESYNC.GLB: record 1: length 65535 exceeds/) });
    expect(await uploadFileAction({ place: 'POLYNOMIAL/OCTOBER', name: '..\\X.TXT', content: 'QQ==' })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/is not a DOS file name/) } });
    expect(await uploadFileAction({ place: '/etc', name: 'X.TXT', content: 'QQ==' })).toMatchObject({ ok: false });
    expect((await uploadFileAction({ place: 'POLYNOMIAL/OCTOBER', name: 'BIG.TXT', content: 'A'.repeat(800_000) })).ok).toBe(false);
    expect(readStoredFile(db, 'POLYNOMIAL/OCTOBER', 'RESYNC.GLB')).toBeUndefined();

    expect(await uploadFileAction({ place: 'POLYNOMIAL/OCTOBER', name: 'resync.glb', content })).toMatchObject({ ok: true, data: { name: 'RESYNC.GLB', size: bytes.length } });
    const route = { params: Promise.resolve({ po: 'POLYNOMIAL~OCTOBER' }) };
    const got = await GET(new Request('http://localhost/msmail/POLYNOMIAL~OCTOBER/files/download?name=RESYNC.GLB'), route);
    expect(got.status).toBe(200);
    expect(got.headers.get('Content-Disposition')).toBe('attachment; filename="POLYNOMIAL-OCTOBER-RESYNC.GLB"');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    for (const name of ['../../../etc/passwd', '/etc/passwd', 'C:\\WINDOWS\\WIN.INI']) {
      const r = await GET(new Request(`http://localhost/x?name=${encodeURIComponent(name)}`), { params: Promise.resolve({ po: 'POLYNOMIAL~OCTOBER' }) });
      expect(r.status, name).toBe(400);
      expect(await r.text()).not.toContain('root:');
    }

    expect(await copyFileAction({ place: 'POLYNOMIAL/OCTOBER', name: 'RESYNC.GLB', to: 'POLYNOMIAL/MONTGOMERY' })).toMatchObject({ ok: true });
    expect(getFilesView(db, { po: 'POLYNOMIAL~MONTGOMERY' })!.warnings[0]).toMatch(/^RESYNC.GLB is still in the GLB directory of the dirsync server POLYNOMIAL\/MONTGOMERY/);
    expect(getFilesView(db, { po: 'POLYNOMIAL~OCTOBER' })!.warnings).toEqual([]);
    expect(await deleteFileAction({ place: 'POLYNOMIAL/MONTGOMERY', name: 'RESYNC.GLB' })).toMatchObject({ ok: true });
    expect(await deleteFileAction({ place: 'POLYNOMIAL/MONTGOMERY', name: 'REQTRANS.GLB' })).toMatchObject({ ok: false, error: expect.stringMatching(/one of the postoffice's own files/) });
    const view = getFilesView(db, { server: 'EXCH01' })!;
    expect(view.title).toBe('EXCH01 Dxadata');
    expect(view.targets.map((t) => t.place)).toContain('POLYNOMIAL/OCTOBER');
  });
});
