/**
 * The page to come back to after signing in: `next` resolved against the console's own origin as
 * a browser would resolve it, keeping only its path and query. Anything that leaves the origin
 * (`//host`, `/\host`, `/<TAB>/host`, `https://host`, `javascript:`) comes back to the home page.
 * The path never starts with `//` (which a browser reads as another host).
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  const origin = 'http://console.invalid';
  let url: URL;
  try {
    url = new URL(next, `${origin}/`);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  return url.pathname.replace(/^\/+/, '/') + url.search;
}
