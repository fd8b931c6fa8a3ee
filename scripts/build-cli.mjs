#!/usr/bin/env node
// Bundles the `dirsync` command (lib/cli/main.ts and everything it imports) into one JavaScript
// file, so a run starts without compiling TypeScript (docs/cli.md, "Start-up"). Run by `npm install`
// (the "prepare" script) and, when the bundle is missing or older than a source, by bin/dirsync.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(root, '.cli', 'dirsync.mjs');
/** Folders whose files go into the bundle; a newer file in any of them makes the bundle stale. */
const SOURCES = ['lib', 'db/schema', 'db/client.ts', 'db/seed.ts', 'tsconfig.json', 'package-lock.json'];

/** Newest modification time (ms) among the sources, walking folders. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

export function bundleIsFresh() {
  const st = fs.statSync(BUNDLE, { throwIfNoEntry: false });
  return !!st && st.mtimeMs >= newestSource();
}

export async function buildCli() {
  const esbuild = await import('esbuild');
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  esbuild.buildSync({
    entryPoints: [path.join(root, 'lib', 'cli', 'bundle-entry.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    // The native addon stays a package; bundled CommonJS code gets a real `require`.
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __dirsyncRequire } from 'node:module'; const require = __dirsyncRequire(import.meta.url);" },
    logLevel: 'error',
    legalComments: 'none',
    minify: true,
    keepNames: true,
  });
  // Renamed into place so a concurrent run never imports a half-written bundle.
  fs.renameSync(tmp, BUNDLE);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
