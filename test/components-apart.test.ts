import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Components stand apart from routes (docs/console.md, "Where components live"): nothing under
 * components/ imports from app/ — a shared component gets its server actions from its route (a
 * prop, or the root layout's ConsoleActionsProvider); a route-only one sits in the route's _components/.
 */
const root = path.resolve(__dirname, '..');
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));

/** Every module a file imports, as written (static imports, re-exports, dynamic imports). */
const importsOf = (source: string) => [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('components stand apart from routes', () => {
  const files = filesUnder(path.join(root, 'components'));

  it('finds the components (the walk itself works)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf("import { x } from '@/app/(console)/sheet-actions';\nexport { y } from \"../../app/z\";")).toEqual(['@/app/(console)/sheet-actions', '../../app/z']);
  });

  it('no file under components/ imports from app/', () => {
    const offending = files.flatMap((file) =>
      importsOf(fs.readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('@/app/') || (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(root, 'app') + path.sep)))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
