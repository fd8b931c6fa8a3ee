import fs from 'node:fs';
import path from 'node:path';

/**
 * The script chunks the view at `next` needs that the sign-in page does not load itself, so the
 * sign-in page can load and run them while the user types: signing in then waits for the action
 * and the first render only (docs/benchmarks.md, B7, "after sign-in").
 *
 * The table is read from the build alone, once (Next's own `app-path-routes-manifest.json` and every
 * console page's `_client-reference-manifest.js`); `next`, which the browser sends, only looks it
 * up, so it never decides which file is read or whether one is. Should a Next version write the
 * manifests otherwise, the answer is an empty list and signing in works as before, only the scripts
 * come after the click (the e2e spec "sign-in loads the view's scripts" notices).
 */
export function viewScripts(next: string, distDir = defaultDistDir()): string[] {
  const pathname = new URL(next, 'http://console.invalid').pathname;
  // Trailing slashes off by a scan, not /\/+$/: `next` comes from the browser, and that regex is
  // quadratic on a long run of slashes that does not end the path (~0.1 s for 16 kB).
  let end = pathname.length;
  while (end > 1 && pathname[end - 1] === '/') end--;
  const trimmed = pathname.slice(0, end);
  return scriptTable(distDir).find((r) => r.pattern.test(trimmed))?.scripts ?? [];
}

interface ViewEntry {
  pattern: RegExp;
  scripts: string[];
}
const tables = new Map<string, ViewEntry[]>();

// Not traced into the build: the directory is the build's own output, read at run time.
const defaultDistDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR ?? '.next');

/**
 * Every console page's address pattern and extra scripts, the most specific first, as Next's router
 * chooses: fewest parameters first, and a catch-all (`[...x]`, the "Not found" of any other
 * address) after every page that names its segments.
 */
function scriptTable(distDir: string): ViewEntry[] {
  let table = tables.get(distDir);
  if (!table) {
    const routes = readJson<Record<string, string>>(path.join(distDir, 'app-path-routes-manifest.json')) ?? {};
    // What the sign-in page loads already: every segment of its own (the root layout, the error
    // boundaries, the page).
    const own = new Set(Object.values(entryScripts(distDir, '/login/page')).flat());
    table = Object.entries(routes)
      // Pages outside the console (sign-in, setup) stay in the table with no scripts, so that their
      // addresses do not fall to the console's catch-all.
      .filter(([page]) => page.endsWith('/page'))
      .map(([page, route]) => {
        if (!page.startsWith('/(console)/')) return { pattern: patternOf(route), rank: 0, scripts: [] };
        // Every segment the page renders in (layouts, the console's "Not found" boundary, the page),
        // once each, in the manifest's order. A page without its own entry is unreadable: none.
        const entries = entryScripts(distDir, page);
        const scripts = entries[`[project]/app${page}`]
          ? [...new Set(Object.values(entries).flat())].filter((s) => !own.has(s)).map((s) => `/_next/${s}`)
          : [];
        const rank = (route.match(/\[/g) ?? []).length + (route.includes('[...') ? 1000 : 0);
        return { pattern: patternOf(route), rank, scripts };
      })
      .sort((a, b) => a.rank - b.rank)
      .map(({ pattern, scripts }) => ({ pattern, scripts }));
    tables.set(distDir, table);
  }
  return table;
}

/** `/exchange/[server]/events` → a pattern for its addresses (`[x]` one segment, `[...x]` one or more, `[[...x]]` none or more). */
function patternOf(route: string): RegExp {
  const body = route
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith('[[...') ? '(?:/[^/]+)*' : s.startsWith('[...') ? '(?:/[^/]+)+' : s.startsWith('[') ? '/[^/]+' : `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    .join('');
  return new RegExp(`^${body || '/'}$`);
}

/** A page's `entryJSFiles` (segment → its chunks) from its client reference manifest, or {} when it cannot be read. */
function entryScripts(distDir: string, page: string): Record<string, string[]> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(distDir, 'server', 'app', `${page}_client-reference-manifest.js`), 'utf8');
  } catch {
    return {};
  }
  // The file assigns one object: `globalThis.__RSC_MANIFEST["<page>"] = {…};`
  const assigned = text.indexOf(`${JSON.stringify(page)}]`);
  const start = assigned < 0 ? -1 : text.indexOf('{', assigned);
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return {};
  try {
    const manifest = JSON.parse(text.slice(start, end + 1)) as { entryJSFiles?: Record<string, string[]> };
    return manifest.entryJSFiles ?? {};
  } catch {
    return {};
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}
