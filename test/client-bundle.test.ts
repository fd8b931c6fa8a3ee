import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What the browser downloads: every module a `'use client'` file reaches through imports that
 * survive compilation (not `import type`, not an import of types only) is bundled into the page's
 * scripts. None of them may reach the database or a Node module: one value imported from a read
 * model once put the whole engine (and a browser copy of `crypto`, ~0.5 MB) into every page
 * (docs/architecture.md, "What the browser loads"). A `'use server'` file is a boundary: a client
 * gets only references to its actions.
 */

const root = path.resolve(__dirname, '..');
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return files(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : path.posix.join(path.posix.dirname(from), spec);
  for (const ext of EXTENSIONS) {
    const p = path.join(root, base + ext);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return base + ext;
  }
  return null;
}

const source = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const directive = (file: string, d: string) => new RegExp(`^\\s*['"]${d}['"]`).test(source(file));

/** The specifiers a file imports at run time: type-only imports and re-exports are left out, as the compiler leaves them out. */
function runtimeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, source(file), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typesOnly = !!c && (c.isTypeOnly || (!c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typesOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every way from a client file to something that cannot run in a browser, as "a → b → … → what". */
function serverOnlyReached(start: string): string[] {
  const parent = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  const found: string[] = [];
  const chain = (f: string) => {
    const names: string[] = [];
    for (let x: string | null | undefined = f; x; x = parent.get(x)) names.unshift(x);
    return names.join(' → ');
  };
  while (queue.length) {
    const file = queue.shift()!;
    if (file !== start && directive(file, 'use server')) continue;
    if (file.startsWith('db/')) {
      found.push(chain(file));
      continue;
    }
    for (const spec of runtimeImports(file)) {
      if (NODE.has(spec) || spec === 'better-sqlite3' || spec.startsWith('drizzle-orm')) {
        found.push(`${chain(file)} → ${spec}`);
        continue;
      }
      if (!spec.startsWith('@/') && !spec.startsWith('.')) continue;
      const to = resolveLocal(file, spec);
      if (to && !parent.has(to)) {
        parent.set(to, file);
        queue.push(to);
      }
    }
  }
  return found;
}

const clientFiles = [...files('app'), ...files('components')].filter((f) => directive(f, 'use client'));

describe("the browser's scripts", () => {
  it('finds the client components it checks', () => {
    expect(clientFiles).toContain('components/console/clock.tsx');
    expect(clientFiles.length).toBeGreaterThan(20);
  });

  it('never reach the database or a Node module from a client component', () => {
    const found = clientFiles.flatMap(serverOnlyReached);
    expect([...new Set(found)]).toEqual([]);
  });

  it('would catch a client import of a read model (the check can fail)', () => {
    // lib/queries/clock-view.ts reads the database; a client file importing it must be caught.
    expect(serverOnlyReached('lib/queries/clock-view.ts').length).toBeGreaterThan(0);
  });
});
