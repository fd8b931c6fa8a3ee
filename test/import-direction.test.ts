import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import-direction rule of docs/architecture.md, checked on every import (static, dynamic and
 * `export … from`) of every .ts/.tsx/.mjs file of the repository, the way test/security.test.ts
 * walks app/. A new file or import that breaks the rule fails here with the file and the import.
 */

const root = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'data', 'test-results', 'public']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name) || e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

const EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js', '.json', '/index.ts', '/index.tsx'];

/** A local specifier's file (repository-relative), or null when it names nothing. */
function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : path.posix.join(path.posix.dirname(from), spec);
  if (fs.existsSync(path.join(root, base)) && fs.statSync(path.join(root, base)).isFile()) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(path.join(root, base + ext))) return base + ext;
  return null;
}

interface Import {
  from: string;
  spec: string;
  /** The local file it names; undefined for a package. */
  to?: string | null;
}

const files = sourceFiles(root);
const imports: Import[] = files.flatMap((from) => {
  const info = ts.preProcessFile(fs.readFileSync(path.join(root, from), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    const local = spec.startsWith('@/') || spec.startsWith('.');
    return { from, spec, to: local ? resolveLocal(from, spec) : undefined };
  });
});

/** The layer a file belongs to: `lib/<folder>` under lib/, else its top folder (or root file). */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'lib') return `lib/${parts[1]}`;
  if (file === 'db/seed.ts' || file === 'db/story.ts') return 'db/seed';
  if (parts.length === 1) return file.replace(/\.(ts|tsx|mjs)$/, '');
  return parts[0];
}

/** The engine, lowest first: each folder may import only those before it (resync and scheduler not each other). */
const ENGINE_ORDER = ['lib/core', 'lib/history', 'lib/dirsync', 'lib/exchange', 'lib/guard', 'lib/resync', 'lib/manual', 'lib/scheduler', 'lib/health', 'lib/topology'];
const below = (layer: string) => ['db', ...ENGINE_ORDER.slice(0, ENGINE_ORDER.indexOf(layer))].filter((l) => !(layer === 'lib/scheduler' && l === 'lib/resync'));
const ENGINE = new Set(ENGINE_ORDER);

/** Which local layers each layer may import (its own always). Layers not listed are consumers (tests, benches, scripts). */
const MAY_IMPORT: Record<string, string[]> = {
  db: [],
  ...Object.fromEntries(ENGINE_ORDER.map((l) => [l, below(l)])),
  'lib/auth': ['db', 'lib/core'],
  'lib/queries': ['db', ...ENGINE_ORDER],
  'lib/cli': ['db', ...ENGINE_ORDER, 'lib/auth', 'lib/queries'],
  'lib/actions': ['db', ...ENGINE_ORDER, 'lib/auth', 'lib/queries'],
  'lib/console': ['db', ...ENGINE_ORDER, 'lib/auth', 'lib/queries', 'lib/cli'],
  'db/seed': ['db', ...ENGINE_ORDER, 'lib/auth'],
  // components never import from app/: a shared component takes its server actions from its route (docs/architecture.md).
  components: [...ENGINE_ORDER, 'lib/queries', 'lib/actions', 'lib/auth', 'lib/console'],
  app: ['db', 'components', ...ENGINE_ORDER, 'lib/auth', 'lib/queries', 'lib/actions', 'lib/console'],
  proxy: ['db', 'lib/core', 'lib/auth'],
};

/**
 * Leaf modules: they import nothing (checked below), so any layer may use them without breaking the
 * direction. The route helper is one: the read models and Health hand out the console's URLs, built
 * in one place (docs/architecture.md).
 */
const LEAVES = new Set(['lib/console/routes.ts']);

/** Packages of the web framework: never in the engine, the read models or the command line. */
const FRAMEWORK = /^(next|react|react-dom|@tanstack\/[^/]+|zod)(\/|$)/;
const FRAMEWORK_FREE = new Set([...ENGINE_ORDER, 'db', 'lib/queries', 'lib/cli']);
/** lib/auth is framework-free but for the one file that reads the request's cookies and headers. */
const FRAMEWORK_FILES = new Set(['lib/auth/request.ts']);

describe('import direction (docs/architecture.md)', () => {
  it('walks the whole tree', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(imports.length).toBeGreaterThan(1500);
    expect(files).toContain('lib/core/statements.ts');
  });

  it('every local import names a file that exists', () => {
    const missing = imports.filter((i) => i.to === null).map((i) => `${i.from}: ${i.spec}`);
    expect(missing).toEqual([]);
  });

  it('each layer imports only the layers below it', () => {
    const bad = imports
      .filter((i) => i.to)
      .filter((i) => {
        const from = layerOf(i.from);
        const to = layerOf(i.to!);
        const allowed = MAY_IMPORT[from];
        if (!allowed || from === to || LEAVES.has(i.to!)) return false;
        return !allowed.includes(to);
      })
      .map((i) => `${i.from} (${layerOf(i.from)}) imports ${i.to} (${layerOf(i.to!)})`);
    expect(bad).toEqual([]);
  });

  it('nothing in lib/, db/ or components/ imports tests, benchmarks, scripts or e2e', () => {
    const bad = imports
      .filter((i) => i.to && /^(lib|db|components|app)\//.test(i.from) && /^(test|e2e|bench|scripts)\//.test(i.to))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(bad).toEqual([]);
  });

  it('the engine, the read models and the command line use no web framework', () => {
    const bad = imports
      .filter((i) => i.to === undefined && FRAMEWORK.test(i.spec) && FRAMEWORK_FREE.has(layerOf(i.from)))
      .map((i) => `${i.from} imports ${i.spec}`);
    const auth = imports
      .filter((i) => i.to === undefined && FRAMEWORK.test(i.spec) && layerOf(i.from) === 'lib/auth' && !FRAMEWORK_FILES.has(i.from))
      .map((i) => `${i.from} imports ${i.spec}`);
    expect([...bad, ...auth]).toEqual([]);
  });

  it('the command line reaches no web framework, not even through what it imports', () => {
    const byFile = new Map<string, Import[]>();
    for (const i of imports) byFile.set(i.from, [...(byFile.get(i.from) ?? []), i]);
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of byFile.get(file) ?? []) {
        if (i.to) visit(i.to, [...via, file]);
        else if (i.to === undefined && FRAMEWORK.test(i.spec)) reached.push(`${[...via, file].join(' → ')} imports ${i.spec}`);
      }
    };
    visit('lib/cli/main.ts', []);
    expect(seen.size).toBeGreaterThan(50);
    expect(reached).toEqual([]);
  });

  it('the engine folders are the ones the rule names', () => {
    const libFolders = fs.readdirSync(path.join(root, 'lib'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `lib/${e.name}`);
    // A new lib/ folder must take its place in MAY_IMPORT (and in docs/architecture.md).
    expect(libFolders.filter((f) => !MAY_IMPORT[f])).toEqual([]);
    expect([...ENGINE].every((l) => libFolders.includes(l))).toBe(true);
  });

  it('a leaf module imports nothing', () => {
    const bad = imports.filter((i) => LEAVES.has(i.from)).map((i) => `${i.from} imports ${i.spec}`);
    expect(bad).toEqual([]);
    for (const leaf of LEAVES) expect(files).toContain(leaf);
  });
});
