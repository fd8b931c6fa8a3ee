import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { documentedCodes, errorSites, root, type ErrorSite } from './error-scan';

/**
 * One error contract (docs/errors.md): every engine error made in lib/ and app/ has a stable
 * literal code; every code is documented, with the field it names; every form listed for a field
 * maps it; and no action marks fields by reading the English message.
 */

vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const sites = errorSites(['lib', 'app']);
const docs = documentedCodes();
const where = (s: ErrorSite) => `${s.file}:${s.line}`;

describe('error codes', () => {
  it('finds the errors (the scan works)', () => {
    expect(sites.length).toBeGreaterThan(300);
    expect(sites.some((s) => s.code === 'recipient.belongs-to-dirsync-object' && s.file === 'lib/exchange/recipients/delete-recipient.ts')).toBe(true);
    // The scan walks sub-folders: every area folder of lib/exchange has errors it finds, and the
    // kernel (lib/core) is read too, only its errors module itself is left out.
    const folders = new Set(sites.map((s) => path.dirname(s.file)));
    const areas = fs.readdirSync(path.join(root, 'lib', 'exchange'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(areas.length).toBeGreaterThan(3);
    for (const area of areas) expect(folders.has(`lib/exchange/${area.name}`), `lib/exchange/${area.name}`).toBe(true);
    expect(errorSites(['lib/core']).filter((s) => s.file === 'lib/core/errors.ts')).toEqual([]);
  });

  it('every error made in lib/ and app/ has a literal code', () => {
    const uncoded = sites.filter((s) => typeof s.code !== 'string').map(where);
    expect(uncoded, 'give these a { code } (and a field when they are about one input), and list the code in docs/errors.md').toEqual([]);
  });

  it('a code means one kind of error: one kind, one MS Mail number', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of sites) {
      if (typeof s.code !== 'string') continue;
      const sig = `${s.kind}/${s.number ?? ''}`;
      const had = seen.get(s.code);
      if (had !== undefined && had !== sig) clashes.push(`${s.code}: ${had} and ${sig} (${where(s)})`);
      seen.set(s.code, had ?? sig);
    }
    expect(clashes).toEqual([]);
  });

  it('every code raised is documented in docs/errors.md, with its kind, and every documented code is raised', () => {
    const raised = new Set(sites.map((s) => s.code).filter((c): c is string => typeof c === 'string'));
    const listed = new Map(docs.map((d) => [d.code, d]));
    expect([...raised].filter((c) => !listed.has(c)).sort(), 'not in docs/errors.md').toEqual([]);
    expect([...listed.keys()].filter((c) => !raised.has(c)).sort(), 'documented but raised nowhere').toEqual([]);
    expect(docs.length, 'a code listed twice').toBe(listed.size);
    const wrongKind = sites.filter((s) => typeof s.code === 'string' && listed.get(s.code)!.kind !== s.kind).map((s) => `${s.code} is ${s.kind} at ${where(s)}`);
    expect(wrongKind).toEqual([]);
  });

  it('every field an error names is documented for its code', () => {
    const listed = new Map(docs.map((d) => [d.code, d]));
    const missing = sites
      .filter((s) => typeof s.code === 'string' && typeof s.field === 'string' && !listed.get(s.code)?.fields.includes(s.field))
      .map((s) => `${s.code}: field ${s.field} (${where(s)})`);
    expect(missing).toEqual([]);
    // A field given by an expression (the attribute, the minutes box) is listed by name in the docs.
    const computed = sites.filter((s) => typeof s.code === 'string' && s.field === null && !listed.get(s.code)?.fields.length).map(where);
    expect(computed).toEqual([]);
  });

  describe('forms', () => {
    type Spec = { name: string; fields?: readonly string[] | Readonly<Record<string, string>>; otherErrorsAt?: string };
    const specs = new Map<string, Spec>();
    let formFieldOf: typeof import('@/lib/actions/safe-action').formFieldOf;
    let DirsyncError: typeof import('@/lib/core/errors').DirsyncError;

    beforeAll(async () => {
      const safe = await import('@/lib/actions/safe-action');
      formFieldOf = safe.formFieldOf;
      DirsyncError = (await import('@/lib/core/errors')).DirsyncError;
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
      const modules = walk(path.join(root, 'app')).filter((f) => /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')));
      for (const m of modules) {
        for (const value of Object.values(await import(m))) {
          const spec = typeof value === 'function' ? safe.ACTION_SPECS.get(value) : undefined;
          if (spec) specs.set(spec.name, spec);
        }
      }
    });

    it('the action list is read (every form below is one of them)', () => {
      expect(specs.size).toBeGreaterThan(40);
    });

    it('every form listed for a field marks that field when the error names it', () => {
      const unmapped: string[] = [];
      for (const d of docs) {
        for (const form of d.forms) {
          const spec = specs.get(form);
          if (!spec) {
            unmapped.push(`${d.code}: no action named "${form}"`);
            continue;
          }
          for (const field of d.fields) {
            // `<attribute>`: each recipient attribute (Department, Title, …) is its own field.
            const names = field === '<attribute>' ? ['Department', 'Title'] : [field];
            for (const f of names) {
              const e = new DirsyncError(d.kind as 'usage', 'x', { code: d.code, field: f });
              if (!formFieldOf(e, spec.fields, spec.otherErrorsAt)) unmapped.push(`${d.code}: "${form}" does not map ${f}`);
            }
          }
        }
      }
      expect(unmapped).toEqual([]);
    });

    it('every field a form maps is a field some code names, and that form is listed for it', () => {
      const dead: string[] = [];
      for (const spec of specs.values()) {
        const keys = Array.isArray(spec.fields) ? (spec.fields as string[]) : Object.keys(spec.fields ?? {});
        for (const k of keys) {
          const codes = docs.filter((d) => d.fields.includes(k) || (d.fields.includes('<attribute>') && /^[A-Z]/.test(k)));
          if (!codes.length) dead.push(`${spec.name}: ${k} (no code names it)`);
          else if (!codes.some((d) => d.forms.includes(spec.name))) dead.push(`${spec.name}: ${k} (docs/errors.md lists no code with this form)`);
        }
      }
      expect(dead).toEqual([]);
    });
  });
});
