import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { snapshot, tempDbFile } from './helpers';

/**
 * Lost updates (issue 10 item 6), through the server actions as the console calls them: two
 * administrators open the same form, the first saves, the second is refused with "changed by
 * someone else since you opened it" and the first change stands. The revision each opens the
 * form at is read as the page reads it (lib/queries/revisions.ts).
 */

const file = tempDbFile('revisions');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let first: string;
let second: string;

beforeAll(async () => {
  const { openDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const { loadSampleNetwork } = await import('@/db/seed');
  const db = openDatabase(file);
  loadSampleNetwork(db);
  first = createSession(db, createAccount(db, { name: 'first', password: 'first password', role: 'admin' }, { firstRun: true }).id).token;
  second = createSession(db, createAccount(db, { name: 'second', password: 'second password', role: 'admin' }).id).token;
  db.$client.close();
});

async function withDb<T>(fn: (db: Db) => T): Promise<T> {
  const { openDatabase } = await import('@/db/client');
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

type Result = { ok: boolean; error?: string; conflict?: boolean; revision?: string };
type Action = (input: Record<string, unknown>) => Promise<Result>;

/**
 * Both open the form at the same revision; the first saves `mine`, the second `theirs`. Returns
 * what the first saved made the state, for the caller to check it stands.
 */
async function race(action: Action, open: (db: Db) => { revision: string | number }, mine: Record<string, unknown>, theirs: Record<string, unknown>) {
  const opened = String(await withDb((db) => open(db).revision));
  token = first;
  const saved = await action({ ...mine, revision: opened });
  expect(saved, 'the first save').toMatchObject({ ok: true });
  expect(saved.revision, 'the first save returns the revision its form carries on').toBe(String(await withDb((db) => open(db).revision)));
  expect(saved.revision).not.toBe(opened);
  const before = snapshot(file);
  token = second;
  const refused = await action({ ...theirs, revision: opened });
  expect(refused).toMatchObject({ ok: false, conflict: true });
  expect(refused.error).toMatch(/ was changed by someone else since you opened it: close it and open it again$/);
  expect(snapshot(file), 'the refused save changed nothing').toEqual(before);
  // The first administrator's form carries on from its own save.
  token = first;
  expect(await action({ ...theirs, revision: saved.revision })).toMatchObject({ ok: true });
  await action({ ...mine, revision: String(await withDb((db) => open(db).revision)) });
}

describe('a postoffice (app/(console)/msmail/[po])', () => {
  it('Keep Updates', async () => {
    const { keepUpdatesAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { keepUpdatesRevision } = await import('@/lib/queries/revisions');
    const { getPostofficeView } = await import('@/lib/queries/postoffice-view');
    const po = 'POLYNOMIAL/MONTGOMERY';
    const opened = String(await withDb((db) => keepUpdatesRevision(db, po).revision));
    token = first;
    expect(await keepUpdatesAction({ po, cycles: '20', revision: opened })).toMatchObject({ ok: true });
    token = second;
    const refused = await keepUpdatesAction({ po, cycles: '30', revision: opened });
    expect(refused).toMatchObject({ ok: false, conflict: true, error: 'Keep Updates of POLYNOMIAL/MONTGOMERY was changed by someone else since you opened it: close it and open it again' });
    expect(await withDb((db) => getPostofficeView(db, 'POLYNOMIAL~MONTGOMERY', undefined)!.keepUpdates)).toBe(20);
    await race(keepUpdatesAction as Action, (db) => keepUpdatesRevision(db, po), { po, cycles: '14' }, { po, cycles: '15' });
  });

  it('Types', async () => {
    const { typesAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { typesRevision } = await import('@/lib/queries/revisions');
    const { getPostofficeView } = await import('@/lib/queries/postoffice-view');
    const po = 'POLYNOMIAL/NOVEMBER';
    await race(typesAction as Action, (db) => typesRevision(db, po), { po, types: 'SMTP' }, { po, types: 'X400' });
    expect(await withDb((db) => getPostofficeView(db, 'POLYNOMIAL~NOVEMBER', undefined)!.reqconf.types)).toBe('PCM,SMTP');
  });

  it('Schedule', async () => {
    const { scheduleAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { scheduleRevision } = await import('@/lib/queries/revisions');
    const { getPostofficeView } = await import('@/lib/queries/postoffice-view');
    const po = 'POLYNOMIAL/OCTOBER';
    await race(scheduleAction as Action, (db) => scheduleRevision(db, po), { po, schedule: 'T1 Mon 10:00\nT3 Mon 11:00' }, { po, schedule: 'T1 Tue 09:00' });
    expect(await withDb((db) => getPostofficeView(db, 'POLYNOMIAL~OCTOBER', undefined)!.schedule)).toBe('T1 Mon 10:00\nT3 Mon 11:00');
  });

  it('Registration, the password included (and never readable from the revision)', async () => {
    const { registerAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { registrationRevision } = await import('@/lib/queries/revisions');
    const { reqconfOf } = await import('@/lib/dirsync/reqconf');
    const { resolvePo } = await import('@/lib/dirsync/postoffices');
    const po = 'POLYNOMIAL/NOVEMBER';
    const dss = 'POLYNOMIAL/MONTGOMERY';
    // Only the password differs: the second save would still have put back the old one.
    await race(registerAction as Action, (db) => registrationRevision(db, po), { po, dss, password: 'MINE' }, { po, dss, password: 'THEIRS' });
    expect(await withDb((db) => reqconfOf(db, resolvePo(db, po).id).password)).toBe('MINE');
    // Keyed per database: the same state hashes differently elsewhere, so a guess cannot be tested offline.
    const { stateRevision } = await import('@/lib/queries/revisions');
    const { openDatabase } = await import('@/db/client');
    const other = openDatabase(tempDbFile('revisions-other'));
    const state = ['registration', dss, 'MINE'];
    expect(await withDb((db) => stateRevision(db, state))).not.toBe(stateRevision(other, state));
    expect(await withDb((db) => stateRevision(db, state))).toBe(await withDb((db) => stateRevision(db, state)));
    other.$client.close();
  });
});

describe('EXCH01', () => {
  it('the MS Mail Connector Diagnostics Logging tab', async () => {
    const { connectorLoggingAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { loggingRevision } = await import('@/lib/queries/revisions');
    const { loggingLevels } = await import('@/lib/exchange/services/logging-levels');
    const tab = ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'] as const;
    const change = (service: string, category: string, level: number) => ({ server: 'EXCH01', changes: JSON.stringify([{ service, category, level }]) });
    // The second changes another service of the same tab: the tab was saved since it opened.
    await race(connectorLoggingAction as Action, (db) => loggingRevision(db, 'EXCH01', tab), change('MSExchangePCMTA', 'Sent', 5), change('MSExchangeMSMI', 'Routing', 3));
    const levels = await withDb((db) => loggingLevels(db, 'EXCH01').rows);
    expect(levels.find((r) => r.service === 'MSExchangePCMTA' && r.category === 'Sent')?.level).toBe(5);
  });

  it('the Directory Synchronization Diagnostics Logging tab', async () => {
    const { dxLoggingAction } = await import('@/app/(console)/exchange/[server]/directory-synchronization/actions');
    const { loggingRevision } = await import('@/lib/queries/revisions');
    const { loggingLevels } = await import('@/lib/exchange/services/logging-levels');
    const change = (category: string, level: number) => ({ server: 'EXCH01', changes: JSON.stringify([{ service: 'MSExchangeDX', category, level }]) });
    await race(dxLoggingAction as Action, (db) => loggingRevision(db, 'EXCH01', ['MSExchangeDX']), change('Startup', 5), change('Startup', 1));
    expect(await withDb((db) => loggingLevels(db, 'EXCH01', 'MSExchangeDX').rows.find((r) => r.category === 'Startup')?.level)).toBe(5);
  });

  it('Modify connection', async () => {
    const { modifyConnectionAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { connectionRevision } = await import('@/lib/queries/revisions');
    const { connections } = await import('@/lib/exchange/connector/connections');
    const key = { server: 'EXCH01', postoffice: 'POLYNOMIAL~MONTGOMERY', kind: 'LAN' };
    await race(
      modifyConnectionAction as Action,
      (db) => connectionRevision(db, 'EXCH01', 'POLYNOMIAL/MONTGOMERY'),
      { ...key, uncPath: '\\\\FS-MINE\\MAILDATA', connectAs: '' },
      { ...key, uncPath: '\\\\FS-THEIRS\\MAILDATA', connectAs: 'ADMIN' },
    );
    expect(await withDb((db) => connections(db, 'EXCH01').find((c) => c.postoffice === 'POLYNOMIAL/MONTGOMERY'))).toMatchObject({ uncPath: '\\\\FS-MINE\\MAILDATA', connectAs: '' });
  });

  it('a registry value, Add over someone else\'s Add included', async () => {
    const { setRegistryValueAction } = await import('@/app/(console)/exchange/[server]/registry/actions');
    const { registryValueRevision } = await import('@/lib/queries/revisions');
    const { getRegistryValue } = await import('@/lib/exchange/services/registry');
    await race(setRegistryValueAction as Action, (db) => registryValueRevision(db, 'EXCH01', 'PauseKicksDX'), { server: 'EXCH01', name: 'PauseKicksDX', data: '1' }, { server: 'EXCH01', name: 'PauseKicksDX', data: '0' });
    expect(await withDb((db) => getRegistryValue(db, 'EXCH01', 'PauseKicksDX').data)).toBe(1);
  });

  it('an object with a revision column keeps it: the connector sheet', async () => {
    const { saveConnectorAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { connectorRevision } = await import('@/lib/queries/revisions');
    const { msMailConnector } = await import('@/lib/exchange/connector/ms-mail-connector');
    const opened = await withDb((db) => connectorRevision(db, 'EXCH01').revision);
    expect(opened).toEqual(expect.any(Number));
    const general = (displayName: string) => ({ server: 'EXCH01', tab: 'general', displayName, messageSize: 'none', adminNote: '' });
    await race(saveConnectorAction as Action, (db) => connectorRevision(db, 'EXCH01'), general('Mine'), general('Theirs'));
    expect(await withDb((db) => msMailConnector(db, 'EXCH01').displayName)).toBe('Mine');
  });
});

describe('the wrapper', () => {
  it('refuses an edit sent without the revision its form was opened at, before anything else', async () => {
    const { keepUpdatesAction } = await import('@/app/(console)/msmail/[po]/actions');
    const { NO_REVISION } = await import('@/lib/actions/safe-action');
    token = first;
    const before = snapshot(file);
    for (const revision of [undefined, '', ['a', 'b']]) {
      expect(await keepUpdatesAction({ po: 'POLYNOMIAL/MONTGOMERY', cycles: '9', ...(revision === undefined ? {} : { revision }) })).toEqual({ ok: false, error: NO_REVISION });
    }
    expect(snapshot(file)).toEqual(before);
  });
});

describe('a property sheet\'s Apply (applySheetAction): every changed page in one transaction', () => {
  const general = (displayName: string, revision: string | number) => ({ server: 'EXCH01', tab: 'general', displayName, messageSize: 'none', adminNote: '', revision });
  const interchange = (language: string, revision: string | number) => ({ server: 'EXCH01', tab: 'interchange', administratorMailbox: '', primaryLanguage: language, revision });

  it('applies two pages of one object opened at the same revision, and gives both the new one', async () => {
    const { applySheetAction } = await import('@/app/(console)/sheet-actions');
    const { saveConnectorAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { connectorRevision, loggingRevision } = await import('@/lib/queries/revisions');
    const { connectorLoggingAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { msMailConnector } = await import('@/lib/exchange/connector/ms-mail-connector');
    const opened = await withDb((db) => connectorRevision(db, 'EXCH01').revision);
    const logging = await withDb((db) => loggingRevision(db, 'EXCH01', ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA']).revision);
    token = first;
    const r = await applySheetAction({
      items: [
        { action: saveConnectorAction, fields: general('Both Pages', opened) },
        { action: saveConnectorAction, fields: interchange('French', opened) },
        // Not changed: saved nothing, but told the revision it may save at now.
        { action: connectorLoggingAction, fields: { server: 'EXCH01', changes: '[]', revision: logging }, probe: true },
      ],
    } as never);
    const now = await withDb((db) => connectorRevision(db, 'EXCH01').revision);
    expect(r).toEqual({ ok: true, data: { revisions: [String(now), String(now), String(logging)] } });
    expect(await withDb((db) => msMailConnector(db, 'EXCH01'))).toMatchObject({ displayName: 'Both Pages', primaryLanguage: 'French' });
  });

  it('is all or nothing: a bad value on one page, or someone else\'s change, saves no page', async () => {
    const { applySheetAction } = await import('@/app/(console)/sheet-actions');
    const { saveConnectorAction, saveLocalPostofficeAction } = await import('@/app/(console)/exchange/[server]/connector/actions');
    const { connectorRevision } = await import('@/lib/queries/revisions');
    const opened = await withDb((db) => connectorRevision(db, 'EXCH01').revision);
    token = first;
    const before = snapshot(file);
    const bad = await applySheetAction({
      items: [
        { action: saveConnectorAction, fields: general('Not Saved', opened) },
        { action: saveConnectorAction, fields: interchange('Klingon', opened) },
      ],
    } as never);
    expect(bad).toMatchObject({ ok: false, item: 1, fieldErrors: { primaryLanguage: expect.stringMatching(/^Primary language/) } });
    expect(snapshot(file)).toEqual(before);
    const stale = await applySheetAction({
      items: [
        { action: saveConnectorAction, fields: general('Not Saved', Number(opened) - 1) },
        { action: saveLocalPostofficeAction, fields: { server: 'EXCH01', network: 'X', postoffice: 'Y', revision: opened } },
      ],
    } as never);
    expect(stale).toMatchObject({ ok: false, conflict: true, item: 0, error: 'The MS Mail Connector (EXCH01) was changed by someone else since you opened it: close it and open it again' });
    expect(snapshot(file)).toEqual(before);
    // Only the console's own edit actions, each with its revision.
    const { controlServiceAction } = await import('@/app/(console)/exchange/[server]/services/actions');
    expect(await applySheetAction({ items: [{ action: controlServiceAction, fields: { server: 'EXCH01', service: 'MSExchangeDX', action: 'stop', revision: '1' } }] } as never)).toMatchObject({ ok: false, item: 0 });
    expect(snapshot(file)).toEqual(before);
  });
});
