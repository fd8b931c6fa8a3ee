import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every place under a folder that makes an engine error (`usage(…)`, `notFound(…)`, `conflict(…)`,
 * `denied(…)`, `fatal(…)`, `new DirsyncError(…)`), read from the source: the kind, the code and
 * field given in its options (undefined when there are none, `null` when not a string literal).
 */
export interface ErrorSite {
  file: string;
  line: number;
  kind: string;
  code: string | null | undefined;
  field: string | null | undefined;
  number: number | null | undefined;
}

const HELPERS: Record<string, string> = { usage: 'usage', notFound: 'notFound', conflict: 'conflict', denied: 'denied', fatal: 'fatal' };
export const root = path.resolve(__dirname, '..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const literal = (n: ts.Expression | undefined): string | null | undefined =>
  n === undefined ? undefined : ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : null;

function option(obj: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export function errorSites(dirs: string[]): ErrorSite[] {
  const out: ErrorSite[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(path.join(root, dir))) {
      if (file.endsWith(path.join('lib', 'core', 'errors.ts'))) continue;
      const src = fs.readFileSync(file, 'utf8');
      // Only modules that take the helpers from the errors module (an unrelated `usage(` is not one).
      if (!/from '[^']*errors'/.test(src)) continue;
      const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node) => {
        let kind: string | undefined;
        let opts: ts.Expression | undefined;
        let number: ts.Expression | undefined;
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && HELPERS[n.expression.text]) {
          kind = HELPERS[n.expression.text];
          opts = kind === 'fatal' ? n.arguments[3] : n.arguments[1];
          if (kind === 'fatal') number = n.arguments[0];
        } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'DirsyncError') {
          kind = literal(n.arguments?.[0]) ?? '?';
          const third = n.arguments?.[2];
          if (third && ts.isObjectLiteralExpression(third)) {
            opts = third;
            number = option(third, 'number');
          } else number = third;
        }
        if (kind) {
          const num = number === undefined ? undefined : ts.isNumericLiteral(number) ? Number(number.text) : null;
          out.push({
            file: path.relative(root, file),
            line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1,
            kind,
            code: opts ? literal(option(opts, 'code')) : undefined,
            field: opts ? literal(option(opts, 'field')) : undefined,
            number: num,
          });
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
  }
  return out;
}

/** docs/errors.md's table rows: | `code` | kind | field(s) | forms | meaning | what to do | */
export interface DocumentedCode {
  code: string;
  kind: string;
  fields: string[];
  forms: string[];
}

export function documentedCodes(): DocumentedCode[] {
  const text = fs.readFileSync(path.join(root, 'docs', 'errors.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => /^\| `[a-z0-9.-]+` \|/.test(l))
    .map((l) => {
      const cells = l.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
      const list = (c: string) => (c === '–' || c === '' ? [] : c.split(/,\s*/).map((x) => x.replace(/`/g, '').trim()));
      return { code: cells[0].replace(/`/g, ''), kind: cells[1].replace(/ .*/, ''), fields: list(cells[2]), forms: cells[3] === '–' ? [] : cells[3].split(/;\s*/).map((f) => f.trim()) };
    });
}
