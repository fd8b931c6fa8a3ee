import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, snapshot, tempDbFile } from './helpers';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { deletePostoffice } from '@/lib/dirsync/delete-postoffice';
import { deleteExchangeServer } from '@/lib/exchange/servers/delete-exchange-server';
import { deleteRecipient } from '@/lib/exchange/recipients/delete-recipient';

/**
 * Every rule in its verb (issue 11): the same refusal through the command line (the CLI's
 * in-process entry) and through the console's server action — the same message, the verb's code,
 * and nothing changed either way. A rule kept only in an action would let the CLI through.
 */

const file = tempDbFile('same-refusal');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

beforeAll(async () => {
  const { openDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const { loadSampleNetwork } = await import('@/db/seed');
  const db = openDatabase(file);
  loadSampleNetwork(db, 'msmail-dss');
  token = createSession(db, createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true }).id).token;
  db.$client.close();
});

/** The verb's refusal: its code and message (the verb run on its own, in a database of its own). */
async function verbRefusal(run: (db: import('@/db/client').Db) => unknown): Promise<{ code: string; message: string }> {
  const { openDatabase } = await import('@/db/client');
  const { DirsyncError } = await import('@/lib/core/errors');
  const db = openDatabase(file);
  try {
    db.$client.exec('begin');
    run(db);
  } catch (e) {
    if (e instanceof DirsyncError) return { code: e.code, message: e.message };
    throw e;
  } finally {
    if (db.$client.inTransaction) db.$client.exec('rollback');
    db.$client.close();
  }
  throw new Error('the verb did not refuse');
}

interface Case {
  title: string;
  code: string;
  /** The command line, and the command's name as its errors begin (`dirsync <name>: …`). */
  line: string;
  command: string;
  action: () => Promise<{ ok: boolean; error?: string }>;
  verb: (db: import('@/db/client').Db) => unknown;
}

const cases: Case[] = [
  {
    title: "deleting the hidden $SYSTEM recipient of a dirsync object (it goes with its object)",
    code: 'recipient.belongs-to-dirsync-object',
    line: 'exchange recipient delete EXCH01 Recipients POLYNOMIAL.MONTGOMERY.$SYSTEM',
    command: 'exchange',
    action: async () => (await import('@/app/(console)/delete-actions')).deleteObjectAction({ kind: 'recipient', server: 'EXCH01', alias: 'POLYNOMIAL.MONTGOMERY.$SYSTEM' }),
    verb: (db) => deleteRecipient(db, 'EXCH01', 'POLYNOMIAL.MONTGOMERY.$SYSTEM'),
  },
  {
    title: 'deleting the dirsync server postoffice',
    code: 'postoffice.is-dss',
    line: 'po delete POLYNOMIAL/MONTGOMERY',
    command: 'po',
    action: async () => (await import('@/app/(console)/delete-actions')).deleteObjectAction({ kind: 'postoffice', postoffice: 'POLYNOMIAL/MONTGOMERY' }),
    verb: (db) => deletePostoffice(db, 'POLYNOMIAL/MONTGOMERY'),
  },
  {
    title: 'deleting an Exchange server that still has its Dirsync Requestor',
    code: 'exchange-server.has-dirsync-link',
    line: 'exchange delete EXCH01',
    command: 'exchange',
    action: async () => (await import('@/app/(console)/delete-actions')).deleteObjectAction({ kind: 'exchange-server', server: 'EXCH01' }),
    verb: (db) => deleteExchangeServer(db, 'EXCH01'),
  },
  {
    title: 'a postoffice with a network name MS Mail does not allow',
    code: 'postoffice.network-invalid',
    line: 'po create BAD-NET/ALPHA --password secret',
    command: 'po',
    action: async () => (await import('@/app/(console)/build-actions')).createPostofficeAction({ network: 'BAD-NET', postoffice: 'ALPHA', password: 'secret' }),
    verb: (db) => createPostoffice(db, { name: 'BAD-NET/ALPHA', password: 'secret' }),
  },
  {
    title: 'a mailbox name that is not 1 to 10 letters or digits',
    code: 'mailbox.name-invalid',
    line: 'user add -dPOLYNOMIAL/NOVEMBER BAD! "Ann Bad"',
    command: 'user',
    action: async () => (await import('@/app/(console)/msmail/[po]/build-actions')).createMailboxAction({ po: 'POLYNOMIAL/NOVEMBER', fullName: 'Ann Bad', mailbox: 'BAD!', dirsync: 'on' }),
    verb: (db) => addMailbox(db, 'POLYNOMIAL/NOVEMBER', 'BAD!', 'Ann Bad'),
  },
];

describe('the same refusal through the CLI and through the action', () => {
  for (const c of cases) {
    it(c.title, async () => {
      const refused = await verbRefusal(c.verb);
      expect(refused.code).toBe(c.code);

      const before = snapshot(file);
      const byCli = cli(file, c.line);
      expect(byCli.code, byCli.err || byCli.out).toBe(2);
      expect(byCli.err).toBe(`dirsync ${c.command}: ${refused.message}`);
      expect(snapshot(file)).toEqual(before);

      const byAction = await c.action();
      expect(byAction).toMatchObject({ ok: false, error: refused.message });
      expect(snapshot(file)).toEqual(before);
    });
  }
});

describe('Diagnostics Logging: a tab sets only its own categories', () => {
  it('the verb and both tabs’ actions refuse a category of another tab, and change nothing', async () => {
    const { openDatabase } = await import('@/db/client');
    const { saveDiagnosticsLogging } = await import('@/lib/exchange/services/save-diagnostics-logging');
    const { DirsyncError } = await import('@/lib/core/errors');
    const { loggingRevision } = await import('@/lib/queries/revisions');
    const { connectorLoggingAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { dxLoggingAction } = await import('@/app/(console)/exchange/[server]/directory-synchronization/actions');
    const db = openDatabase(file);
    const rev = (services: readonly ('MSExchangeMSMI' | 'MSExchangePCMTA' | 'MSExchangeATMTA' | 'MSExchangeDX')[]) => loggingRevision(db, 'EXCH01', services).revision;
    const revisions = { connector: String(rev(['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'])), dx: String(rev(['MSExchangeDX'])) };
    const before = snapshot(file);
    try {
      // A level of a category on the tab it is not on; and a valid one first, which must not stay.
      const onConnector = [{ service: 'MSExchangeMSMI', category: 'NDR', level: 5 }, { service: 'MSExchangeDX', category: 'Startup', level: 5 }];
      let err: unknown;
      try {
        saveDiagnosticsLogging(db, 'EXCH01', 'connector', onConnector);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DirsyncError);
      expect(err).toMatchObject({ code: 'logging.not-on-tab', message: "MSExchangeDX Startup is not a category of the MS Mail Connector's Diagnostics Logging tab" });
      expect(snapshot(file)).toEqual(before);

      const r1 = await connectorLoggingAction({ server: 'EXCH01', revision: revisions.connector, changes: JSON.stringify(onConnector) });
      expect(r1).toMatchObject({ ok: false, error: "MSExchangeDX Startup is not a category of the MS Mail Connector's Diagnostics Logging tab" });
      // `*` is the command line's "every category"; a tab names each one.
      const r2 = await dxLoggingAction({ server: 'EXCH01', revision: revisions.dx, changes: JSON.stringify([{ service: 'MSExchangeDX', category: '*', level: 5 }]) });
      expect(r2).toMatchObject({ ok: false, error: "MSExchangeDX * is not a category of the Directory Synchronization object's Diagnostics Logging tab" });
      expect(snapshot(file)).toEqual(before);
    } finally {
      db.$client.close();
    }
  });
});

describe('one list of site mailboxes', () => {
  it('a hidden mailbox is offered by both pickers and accepted by both verbs', async () => {
    const { openDatabase } = await import('@/db/client');
    const { siteMailboxes } = await import('@/lib/exchange/recipients/recipients');
    const { resolveServer } = await import('@/lib/exchange/servers/servers');
    const { getDirsyncServerSheet } = await import('@/lib/queries/dirsync-objects');
    const { saveMsMailConnector } = await import('@/lib/exchange/connector/save-ms-mail-connector');
    const { msMailConnector } = await import('@/lib/exchange/connector/ms-mail-connector');
    const db = openDatabase(file);
    db.$client.exec('begin');
    try {
      db.$client.prepare("update recipient set hidden = 1 where alias = 'ANNA'").run();
      const server = resolveServer(db, 'EXCH01');
      expect(siteMailboxes(db, server).map((m) => m.alias)).toContain('ANNA');
      // The connector's Administrator's mailbox takes it (its picker lists siteMailboxes).
      const saved = saveMsMailConnector(db, 'EXCH01', { administratorMailbox: 'ANNA', revision: msMailConnector(db, 'EXCH01').revision });
      expect(saved.administratorMailbox).toBe('ANNA');
      // The Dirsync Server sheet (on a server that is one) offers the same list.
      const sheet = getDirsyncServerSheet(db, server);
      if (sheet) expect(sheet.mailboxes).toEqual(siteMailboxes(db, server));
    } finally {
      db.$client.exec('rollback');
      db.$client.close();
    }
  });
});
