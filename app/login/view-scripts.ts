import fs from 'node:fs';
import path from 'node:path';

/**
 * The script chunks the view at `next` needs that the sign-in page does not load itself, read from
 * the build's manifests, so the sign-in page can load and run them while the user types: signing in
 * then waits for the action and the first render only (docs/benchmarks.md, B7, "after sign-in").
 *
 * The manifests are Next's own build output (`app-path-routes-manifest.json` and each page's
 * `_client-reference-manifest.js`); should a Next version write them otherwise, the answer is an
 * empty list and signing in works as before, only the scripts come after the click (the e2e spec
 * "sign-in loads the view's scripts" notices).
 */
export function viewScripts(next: string, distDir = defaultDistDir()): string[] {
  const page = pageOf(new URL(next, 'http://console.invalid').pathname, routesOf(distDir));
  if (!page) return [];
  const key = `${distDir}\n${page}`;
  let scripts = cache.get(key);
  if (!scripts) {
    const entries = entryScripts(distDir, page);
    const own = new Set([...(entries['[project]/app/layout'] ?? []), ...(entryScripts(distDir, '/login/page')['[project]/app/login/page'] ?? [])]);
    scripts = (entries[`[project]/app${page}`] ?? []).filter((s) => !own.has(s)).map((s) => `/_next/${s}`);
    cache.set(key, scripts);
  }
  return scripts;
}

const cache = new Map<string, string[]>();
const routeCache = new Map<string, { page: string; pattern: RegExp; dynamic: number }[]>();

// Not traced into the build: the directory is the build's own output, read at run time.
const defaultDistDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR ?? '.next');

/** The console's pages and the addresses they answer, the most specific (fewest parameters) first. */
function routesOf(distDir: string) {
  let routes = routeCache.get(distDir);
  if (!routes) {
    const manifest = readJson<Record<string, string>>(path.join(distDir, 'app-path-routes-manifest.json')) ?? {};
    routes = Object.entries(manifest)
      .filter(([page]) => page.endsWith('/page') && page.startsWith('/(console)/'))
      .map(([page, route]) => ({ page, pattern: patternOf(route), dynamic: (route.match(/\[/g) ?? []).length }))
      .sort((a, b) => a.dynamic - b.dynamic);
    routeCache.set(distDir, routes);
  }
  return routes;
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

function pageOf(pathname: string, routes: { page: string; pattern: RegExp }[]): string | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return routes.find((r) => r.pattern.test(trimmed))?.page ?? null;
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
