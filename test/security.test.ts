import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDbFile, snapshot } from './helpers';

/**
 * quality.md "Security": every page, route handler and server action refuses a request without a
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
        const asViewer = await action({});
        if (spec!.mutates) expect(asViewer, `${name} as a View Only Admin`).toMatchObject({ ok: false, error: VIEW_ONLY });
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
