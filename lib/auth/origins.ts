/**
 * The origins the console accepts changes from (docs/console.md, "Allowed origins"). Written out
 * explicitly rather than taken from the request: Next.js compares `Origin` with `X-Forwarded-Host`
 * when there is one, and any client can send that header, so a foreign page could pass by naming
 * itself twice. By default only the loopback names (on the server's port, when known) are allowed;
 * `DIRSYNC_ALLOWED_ORIGINS` adds others, comma-separated (`console.example.com`,
 * `https://console.example.com:8443`).
 */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** `DIRSYNC_ALLOWED_ORIGINS` as hosts (`name` or `name:port`), lower case. */
export function configuredOriginHosts(env: Record<string, string | undefined> = process.env): string[] {
  return (env.DIRSYNC_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => {
      try {
        return /^[a-z][a-z0-9+.-]*:\/\//.test(s) ? new URL(s).host : s;
      } catch {
        return s;
      }
    });
}

/** Is a change from this `Origin` header allowed? A missing or opaque (`null`) origin is not. */
export function originAllowed(origin: string | null, env: Record<string, string | undefined> = process.env): boolean {
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.host.toLowerCase();
  if (configuredOriginHosts(env).includes(host)) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return LOOPBACK.includes(url.hostname.toLowerCase()) && (!env.DIRSYNC_PORT || env.DIRSYNC_PORT === port);
}
