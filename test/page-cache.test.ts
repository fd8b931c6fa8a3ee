import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the server (scripts/page-cache.mjs), without types
import { withPageCache } from '../scripts/page-cache.mjs';

// The page cache in front of Next's handler (scripts/serve.mjs): a stand-in handler counts its
// renders, the database version is a variable the tests move.

let version = 1;
let clock = 0;
let renders = 0;
/** What the stand-in answers: a streamed HTML page by default. */
let respond: (req: http.IncomingMessage, res: http.ServerResponse) => void;
const page = (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.writeHead(200, { 'X-Render': String(renders) });
  res.write(`<p>${req.url} for ${req.headers.cookie}`);
  res.end(` render ${renders}</p>`);
};

let server: http.Server;
let base = '';
beforeAll(async () => {
  const handler = withPageCache(
    (req: http.IncomingMessage, res: http.ServerResponse) => {
      renders++;
      respond(req, res);
    },
    { version: () => version, ttlMs: 5_000, now: () => clock },
  );
  server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  version++;
  renders = 0;
  respond = page;
});

const SESSION = 'dirsync_session=abc';
const get = async (path: string, headers: Record<string, string> = { cookie: SESSION }, method = 'GET') => {
  const r = await fetch(base + path, { headers, method, redirect: 'manual' });
  return { status: r.status, body: await r.text(), render: r.headers.get('x-render'), type: r.headers.get('content-type') };
};

describe('the page cache', () => {
  it('answers the same page to the same session from memory until the database changes', async () => {
    const first = await get('/exchange/EXCH01/connections');
    const second = await get('/exchange/EXCH01/connections');
    expect(renders).toBe(1);
    expect(second).toEqual(first);
    expect(second.type).toBe('text/html; charset=utf-8');
    version++;
    const third = await get('/exchange/EXCH01/connections');
    expect(renders).toBe(2);
    expect(third.body).toContain('render 2');
    expect(first.body).toContain('render 1');
  });

  it('never gives one session the page rendered for another, nor one URL for another', async () => {
    await get('/a', { cookie: SESSION });
    const other = await get('/a', { cookie: 'dirsync_session=xyz' });
    await get('/a?x=1', { cookie: SESSION });
    expect(renders).toBe(3);
    expect(other.body).toContain('dirsync_session=xyz');
  });

  it('always renders server actions, client navigation (RSC), prefetches, HEAD and requests without a session', async () => {
    await get('/a', { cookie: SESSION });
    await get('/a', { cookie: SESSION, rsc: '1' });
    await get('/a', { cookie: SESSION, 'next-router-prefetch': '1' });
    await get('/a', { cookie: SESSION, 'next-action': 'x' }, 'POST');
    await get('/a', { cookie: SESSION }, 'HEAD');
    await get('/a', {});
    await get('/a', { cookie: 'other=1' });
    expect(renders).toBe(7);
  });

  it('keeps only 200 HTML pages that set no cookie', async () => {
    for (const [status, type, cookie] of [
      [404, 'text/html', undefined],
      [200, 'application/json', undefined],
      [200, 'text/html', 'x=1'],
    ] as const) {
      respond = (_req, res) => {
        res.statusCode = status;
        res.setHeader('Content-Type', type);
        if (cookie) res.setHeader('Set-Cookie', cookie);
        res.end('x');
      };
      await get('/b');
      await get('/b');
    }
    expect(renders).toBe(6);
  });

  it('does not keep a page rendered while the database changed, and lets a kept page age out', async () => {
    respond = (req, res) => {
      version++; // a commit lands while the page renders
      page(req, res);
    };
    await get('/c');
    await get('/c');
    expect(renders).toBe(2);
    respond = page;
    await get('/d');
    clock += 4_999;
    await get('/d');
    expect(renders).toBe(3);
    clock += 1;
    await get('/d');
    expect(renders).toBe(4);
  });
});
