import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDbFile, snapshot } from './helpers';

/**
 * Security (docs/console.md, "Every page, route and action checks for itself"): every page, route handler and server action refuses a request without a
 * session, and every mutating action refuses a View Only Admin — found by enumerating the files
 * under app/, so a new one cannot be missed.
 */

const file = tempDbFile('security');
process.env.DIRSYNC_DB = file;
let token: string | undefined;

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'dirsync_session' && token ? { name, value: token } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error('not found');
  },
}));

const root = path.resolve(__dirname, '..');
function filesUnder(dir: string, match: (f: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, match) : match(e.name) ? [full] : [];
  });
}
const rel = (f: string) => path.relative(root, f);

/** The security log's entries of a kind, oldest first. */
function securityEvents(kind: string): { account_name: string; detail: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select account_name, detail from security_event where kind = ? order by id').all(kind) as { account_name: string; detail: string }[];
  } finally {
    db.close();
  }
}

/** Pages that must work signed out: first-run setup and sign-in. */
const PUBLIC_PAGES = ['app/login/page.tsx', 'app/setup/page.tsx'];
/** Actions that run without a session: setup (only while no account exists), sign in, sign out. */
const PUBLIC_ACTION_MODULES = ['app/auth-actions.ts'];

const pages = filesUnder(path.join(root, 'app'), (f) => f === 'page.tsx');
const routes = filesUnder(path.join(root, 'app'), (f) => f === 'route.ts');
const actionModules = filesUnder(path.join(root, 'app'), (f) => /\.tsx?$/.test(f)).filter((f) => /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')));

/** Route parameters naming real objects of the sample, so only the session can be the reason for a refusal. */
const PAGE_PARAMS = { server: 'EXCH01', po: 'POLYNOMIAL~MONTGOMERY', tab: 'general', container: 'Recipients', alias: 'ADMIN', id: '1' };

let admin: string;
let viewer: string;

beforeAll(async () => {
  const { openDatabase } = await import('@/db/client');
  const { createAccount } = await import('@/lib/auth/accounts');
  const { createSession } = await import('@/lib/auth/sessions');
  const { loadSampleNetwork } = await import('@/db/seed');
  const db = openDatabase(file);
  loadSampleNetwork(db);
  // Resync Wizard 1, whose first step (import -s) has made its RESYNC.GLB: the wizard's pages and its file route have something to show.
  const { createWizard } = await import('@/lib/resync/wizard-state');
  const { runWizardStep } = await import('@/lib/resync/run-wizard-step');
  const wizard = createWizard(db, { direction: 'msmail-dss-to-msmail', dss: 'POLYNOMIAL/MONTGOMERY', requestors: ['POLYNOMIAL/NOVEMBER'] }, 'admin');
  runWizardStep(db, { id: wizard, position: 1, by: 'admin' });
  const a = createAccount(db, { name: 'admin', password: 'admin password', role: 'admin' }, { firstRun: true });
  const v = createAccount(db, { name: 'viewer', password: 'viewer password', role: 'viewer' });
  admin = createSession(db, a.id).token;
  viewer = createSession(db, v.id).token;
  db.$client.close();
});

describe('every page and route handler checks the session itself', () => {
  it('finds the pages', () => expect(pages.length).toBeGreaterThan(2));
  for (const page of pages.map(rel)) {
    it(page, () => {
      const source = fs.readFileSync(path.join(root, page), 'utf8');
      if (PUBLIC_PAGES.includes(page)) expect(source).not.toContain('requirePageSession');
      else expect(source).toMatch(/await requirePageSession\(/);
    });
    if (PUBLIC_PAGES.includes(page)) continue;
    it(`${page}: renders nothing without a session or with a forged one, but sends to sign in`, async () => {
      const { default: Page } = (await import(path.join(root, page))) as { default: (props: unknown) => Promise<unknown> };
      for (const forged of [undefined, 'forged-token']) {
        token = forged;
        await expect(Page({ params: Promise.resolve(PAGE_PARAMS), searchParams: Promise.resolve({}) }), `${page} with ${forged ?? 'no session'}`).rejects.toThrow(/^redirect \/login/);
      }
    });
  }
  for (const route of routes.map(rel)) {
    it(`${route}: every handler answers 401 without a session or with a forged one, and changes nothing`, async () => {
      const exports = await import(path.join(root, route));
      const handlers = Object.entries(exports).filter(([verb, v]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(verb) && typeof v === 'function') as [
        string,
        (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
      ][];
      expect(handlers.length, `${route} exports no handler`).toBeGreaterThan(0);
      const params = PAGE_PARAMS;
      const before = snapshot(file, true);
      for (const [verb, handler] of handlers) {
        for (const forged of [undefined, 'forged-token']) {
          token = forged;
          const response = await handler(new Request(`http://localhost/${route}`, { method: verb }), { params: Promise.resolve(params) });
          expect(response.status, `${route} ${verb} with ${forged ?? 'no session'}`).toBe(401);
        }
        token = admin;
        const signedIn = await handler(new Request(`http://localhost/${route}`, { method: verb }), { params: Promise.resolve(params) });
        expect(signedIn.status, `${route} ${verb} signed in`).toBeLessThan(400);
      }
      expect(snapshot(file, true)).toEqual(before);
    });
  }
});

describe('every server action checks the session and role itself', () => {
  it('finds the action modules', () => expect(actionModules.map(rel)).toEqual(expect.arrayContaining(PUBLIC_ACTION_MODULES)));
  for (const module of actionModules.map(rel).filter((m) => !PUBLIC_ACTION_MODULES.includes(m))) {
    it(`${module}: refuses without a session, and refuses a View Only Admin every change`, async () => {
      const { ACTION_SPECS, SIGN_IN_AGAIN, VIEW_ONLY } = await import('@/lib/actions/safe-action');
      const exports = await import(path.join(root, module));
      const actions = Object.entries(exports).filter(([, v]) => typeof v === 'function') as [string, (input: unknown) => Promise<{ ok: boolean; error?: string }>][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        const spec = ACTION_SPECS.get(action);
        expect(spec, `${module} ${name} must be made with defineAction`).toBeDefined();
        const before = snapshot(file, true);
        token = undefined;
        expect(await action({}), `${name} without a session`).toMatchObject({ ok: false, error: SIGN_IN_AGAIN });
        token = 'forged-token';
        expect(await action({}), `${name} with a forged session`).toMatchObject({ ok: false, error: SIGN_IN_AGAIN });
        token = viewer;
        const refusedBefore = securityEvents('action refused');
        const asViewer = await action({});
        if (spec!.mutates && spec!.selfService) {
          // Open to everyone, but only for the caller's own account: an empty form changes nothing.
          expect(asViewer, `${name} as a View Only Admin with an empty form`).toMatchObject({ ok: false });
        } else if (spec!.mutates) {
          expect(asViewer, `${name} as a View Only Admin`).toMatchObject({ ok: false, error: VIEW_ONLY });
          // The refusal is in the security log, naming the action and who tried.
          expect(securityEvents('action refused').slice(refusedBefore.length)).toEqual([expect.objectContaining({ account_name: 'viewer', detail: `${spec!.name}: View Only Admin` })]);
        }
        expect(snapshot(file, true)).toEqual(before);
        if (spec!.needsInput) {
          token = admin;
          // An Admin with an empty form gets the validation errors, and nothing changes either.
          expect(await action({})).toMatchObject({ ok: false });
          expect(snapshot(file, true)).toEqual(before);
        }
      }
    });
  }
});

/**
 * Lost updates (issue 10 item 6): every mutating action either checks the revision its form was
 * opened at (the wrapper refuses a save without one, before reading anything else) or says why it
 * edits no opened object. Those that say so are listed here, so a new one is a decision someone
 * reviews, not something missed.
 */
const EDITS_NO_OPENED_OBJECT = [
  'Clock: follow real time',
  'Clock: speed',
  'Clock: advance to the next scheduled event',
  'Clock: advance to the next poll only',
  'Edit: Delete',
  'MS Mail Connector: Create connection',
  'MS Mail Connector: Delete connection',
  'MS Mail Connector: Queue Delete',
  'MS Mail Connector: Queue Return',
  'Connector MTAs: New',
  'Connector MTAs: Remove',
  'New Other: Dirsync Server',
  'New Other: Dirsync Requestor',
  'New Other: Remote Dirsync Requestor',
  'Event Viewer: Clear All Events',
  'Registry: delete value',
  'Services',
  'Command prompt',
  'Mailbox: create',
  'Dir-Sync: Import/Export request',
  'Accounts: add',
  'Accounts: role',
  'Accounts: reset password',
  'Accounts: disable or enable',
  'Accounts: delete',
  'Accounts: end sessions',
  'Change own password',
  'Files: Copy to',
  'Files: Delete',
  'Files: Upload',
  'Resync Wizard: start',
  'New MS Mail Postoffice',
  'New Exchange Server',
  'Dir-Sync: Options',
  'Dir-Sync: Server Requestors: Create',
  'Dir-Sync: Server Requestors: Delete',
  'Health: fix',
];

describe('every mutating action checks the revision its form was opened at, or says why it edits none', () => {
  const seen: string[] = [];
  for (const module of actionModules.map(rel).filter((m) => !PUBLIC_ACTION_MODULES.includes(m))) {
    it(module, async () => {
      const { ACTION_SPECS, NO_REVISION } = await import('@/lib/actions/safe-action');
      const exports = await import(path.join(root, module));
      for (const [name, action] of Object.entries(exports).filter(([, v]) => typeof v === 'function') as [string, (input: unknown) => Promise<unknown>][]) {
        const spec = ACTION_SPECS.get(action)!;
        if (!spec.mutates) continue;
        seen.push(spec.name);
        if (spec.checksRevision) {
          expect(EDITS_NO_OPENED_OBJECT, `${name} checks a revision`).not.toContain(spec.name);
          // An Admin's save without the revision is refused whatever else it sends, and changes nothing.
          token = admin;
          const before = snapshot(file, true);
          for (const input of [{}, { ...PAGE_PARAMS, server: 'EXCH01', po: 'POLYNOMIAL/MONTGOMERY' }]) {
            expect(await action(input), `${name} without a revision`).toEqual({ ok: false, error: NO_REVISION });
          }
          expect(snapshot(file, true)).toEqual(before);
        } else {
          expect(spec.noRevision?.trim(), `${name}: say why it edits no opened object`).toBeTruthy();
          expect(EDITS_NO_OPENED_OBJECT, `${name} ("${spec.name}") checks no revision: make its form send one, or add it to the list with its reason`).toContain(spec.name);
        }
      }
    });
  }
  it('lists no action that is gone', () => {
    for (const name of EDITS_NO_OPENED_OBJECT) expect(seen, name).toContain(name);
  });
});

it('an action that changes something cannot be made without saying how its revision is checked', async () => {
  const { defineAction } = await import('@/lib/actions/safe-action');
  const { z } = await import('zod');
  expect(() => defineAction({ name: 'Unchecked', schema: z.object({}), run: () => 1 } as never)).toThrow(/revisionOf .* or noRevision/);
  expect(() => defineAction({ name: 'Unchecked', schema: z.object({}), noRevision: ' ', run: () => 1 })).toThrow(/revisionOf .* or noRevision/);
});
