/**
 * Whole rendered console pages, kept per session and URL until the database changes.
 *
 * Every console page is rendered from the database alone (and the signed-in account), so the
 * same URL asked for again by the same session, with nothing committed in between, renders the
 * same bytes. Rendering one costs ~7–12 ms of CPU (docs/benchmarks.md, B4); sending a kept copy
 * costs almost nothing. `version()` must change whenever anything is committed to the database
 * by anyone — SQLite's `PRAGMA data_version` on a connection of its own does exactly that (it
 * moves on every commit made by any other connection, in this process or another).
 *
 * What is never kept: anything but a plain GET of a page (server actions, React Server Component
 * requests of client-side navigation, prefetches), a request without a session cookie, and a
 * response that is not a 200 HTML page or that sets a cookie. A page rendered while the database
 * changed is not kept either. A kept page also ages out after `ttlMs` so a session that ends by
 * the wall clock is never answered from the cache for long (the page checks it again).
 */

/** Request headers that make Next answer with something other than the page's HTML. */
const NOT_A_PAGE = ['rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-url'];

/** The cache key of a request, or null when the request must always be rendered. */
export function pageKey(req) {
  if (req.method !== 'GET') return null;
  if (!req.url || req.url.startsWith('/_next/')) return null;
  if (NOT_A_PAGE.some((h) => req.headers[h] !== undefined)) return null;
  const cookie = req.headers.cookie;
  if (!cookie || !/(?:^|;\s*)dirsync_session=/.test(cookie)) return null;
  return `${req.url}\u0000${cookie}\u0000${req.headers['accept-encoding'] ?? ''}`;
}

/**
 * Wrap a Node request handler (Next's `getRequestHandler()`) with the cache.
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} handle
 * @param {{ version: () => number | bigint, ttlMs?: number, maxEntries?: number, now?: () => number }} options
 */
export function withPageCache(handle, { version, ttlMs = 5_000, maxEntries = 300, now = Date.now }) {
  /** @type {Map<string, { version: number | bigint, at: number, status: number, headers: Record<string, string | string[]>, body: Buffer }>} */
  const entries = new Map();
  return (req, res) => {
    const key = pageKey(req);
    if (key === null) return handle(req, res);
    const v = version();
    const hit = entries.get(key);
    if (hit && hit.version === v && now() - hit.at < ttlMs) {
      res.writeHead(hit.status, { ...hit.headers, 'content-length': hit.body.length });
      res.end(hit.body);
      return;
    }
    if (hit) entries.delete(key);
    capture(res, (entry) => {
      if (version() !== v) return; // the database changed while it rendered
      entries.set(key, { ...entry, version: v, at: now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value);
    });
    return handle(req, res);
  };
}

/** Record what is sent (after Next's compression, which wraps these methods later) and hand it over when it is a keepable page. */
function capture(res, keep) {
  const chunks = [];
  let headArgs = {};
  const { writeHead, write, end } = res;
  res.writeHead = function (status, ...rest) {
    const headers = rest.find((r) => r && typeof r === 'object');
    if (headers) headArgs = Array.isArray(headers) ? Object.fromEntries(pairs(headers)) : headers;
    return writeHead.call(this, status, ...rest);
  };
  res.write = function (chunk, encoding, cb) {
    if (chunk) chunks.push(toBuffer(chunk, encoding));
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    if (chunk && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    const result = end.call(this, chunk, encoding, cb);
    const headers = lowerKeys({ ...headArgs, ...res.getHeaders() });
    const type = String(headers['content-type'] ?? '');
    if (res.statusCode === 200 && type.startsWith('text/html') && headers['set-cookie'] === undefined) {
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers['date'];
      keep({ status: 200, headers, body: Buffer.concat(chunks) });
    }
    return result;
  };
}

/** A copy: the caller may reuse its buffer after write() returns. */
const toBuffer = (chunk, encoding) =>
  typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk.buffer ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : chunk);
const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k], flat[2 * k + 1]]);
const lowerKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
