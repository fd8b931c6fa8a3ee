import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { viewScripts } from '@/app/login/view-scripts';

/** A build directory holding only what viewScripts reads, shaped as Next 16 writes it. */
function fakeBuild(pages: Record<string, { route: string; entries: Record<string, string[]> }>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'view-scripts-'));
  fs.writeFileSync(path.join(dir, 'app-path-routes-manifest.json'), JSON.stringify(Object.fromEntries(Object.entries(pages).map(([p, v]) => [p, v.route]))));
  for (const [page, { entries }] of Object.entries(pages)) {
    const file = path.join(dir, 'server', 'app', `${page}_client-reference-manifest.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(page)}] = ${JSON.stringify({ moduleLoading: { prefix: '' }, clientModules: { x: { chunks: ['{not this}'] } }, entryJSFiles: entries })};\n`,
    );
  }
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const root = ['static/chunks/root-a.js', 'static/chunks/root-b.js'];
const consoleLayout = [...root, 'static/chunks/console-1.js', 'static/chunks/console-2.js'];
const build = () =>
  fakeBuild({
    '/login/page': { route: '/login', entries: { '[project]/app/layout': root, '[project]/app/login/page': [...root, 'static/chunks/login.js'] } },
    // The catch-all first in the manifest, as a build may write it: it must still come last.
    '/(console)/[...missing]/page': {
      route: '/[...missing]',
      entries: { '[project]/app/(console)/[...missing]/page': [...consoleLayout, 'static/chunks/missing.js'] },
    },
    '/(console)/page': { route: '/', entries: { '[project]/app/layout': root, '[project]/app/(console)/page': [...consoleLayout, 'static/chunks/overview.js'] } },
    '/(console)/exchange/[server]/events/page': {
      route: '/exchange/[server]/events',
      entries: {
        '[project]/app/layout': root,
        // The console's "Not found" boundary is a segment of its own: its chunk comes with every console page.
        '[project]/app/(console)/not-found': [...root, 'static/chunks/console-1.js', 'static/chunks/not-found.js'],
        '[project]/app/(console)/exchange/[server]/events/page': [...consoleLayout, 'static/chunks/events.js'],
      },
    },
    '/(console)/exchange/[server]/dirsync-server/[tab]/page': {
      route: '/exchange/[server]/dirsync-server/[tab]',
      entries: { '[project]/app/(console)/exchange/[server]/dirsync-server/[tab]/page': [...consoleLayout, 'static/chunks/sheet.js'] },
    },
    '/(console)/exchange/[server]/dirsync-server/new/page': {
      route: '/exchange/[server]/dirsync-server/new',
      entries: { '[project]/app/(console)/exchange/[server]/dirsync-server/new/page': [...consoleLayout, 'static/chunks/new.js'] },
    },
  });

describe('viewScripts (the sign-in page loads the next view’s scripts)', () => {
  it('gives the chunks of the page an address opens, without those every page loads', () => {
    const dir = build();
    expect(viewScripts('/exchange/EXCH01/events?limit=100', dir)).toEqual([
      '/_next/static/chunks/console-1.js',
      '/_next/static/chunks/not-found.js',
      '/_next/static/chunks/console-2.js',
      '/_next/static/chunks/events.js',
    ]);
    expect(viewScripts('/', dir)).toEqual(['/_next/static/chunks/console-1.js', '/_next/static/chunks/console-2.js', '/_next/static/chunks/overview.js']);
    expect(viewScripts('/exchange/EXCH01/events/', dir)).toContain('/_next/static/chunks/events.js');
  });

  it('prefers a page named in full over a parameter (new, not a tab called “new”)', () => {
    const dir = build();
    expect(viewScripts('/exchange/EXCH01/dirsync-server/new', dir)).toContain('/_next/static/chunks/new.js');
    expect(viewScripts('/exchange/EXCH01/dirsync-server/general', dir)).toContain('/_next/static/chunks/sheet.js');
  });

  it('gives the catch-all ("Not found") only the addresses no other page answers, and nothing for the sign-in page itself', () => {
    const dir = build();
    expect(viewScripts('/exchange/EXCH01/events', dir)).toContain('/_next/static/chunks/events.js');
    expect(viewScripts('/nowhere/at/all', dir)).toEqual(['/_next/static/chunks/console-1.js', '/_next/static/chunks/console-2.js', '/_next/static/chunks/missing.js']);
    expect(viewScripts('/login', dir)).toEqual([]);
  });

  it('gives nothing, and does not throw, when the build has no such manifests', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'view-scripts-'));
    dirs.push(empty);
    expect(viewScripts('/exchange/EXCH01/events', empty)).toEqual([]);
    const broken = build();
    fs.writeFileSync(path.join(broken, 'server', 'app', '/(console)/exchange/[server]/events/page_client-reference-manifest.js'), 'globalThis.__RSC_MANIFEST = {};');
    expect(viewScripts('/exchange/EXCH01/events', broken)).toEqual([]);
  });
});
