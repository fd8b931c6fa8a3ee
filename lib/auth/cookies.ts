import { randomBytes } from 'node:crypto';

/**
 * Names shared by the proxy (proxy.ts), the request helpers (request.ts) and scripts/serve.mjs;
 * free of next/headers so the proxy can use them.
 */

/** The session cookie: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
export const SESSION_COOKIE = 'dirsync_session';

/**
 * The browser's own random key (lib/auth/sign-in.ts): sign-in throttling is kept per name and
 * client, and behind one address this tells browsers apart. Set by proxy.ts on the sign-in page,
 * or by the sign-in action when it is missing. It grants nothing by itself.
 */
export const CLIENT_COOKIE = 'dirsync_client';
export const CLIENT_COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 365 * 24 * 60 * 60 } as const;
export const newClientKey = () => randomBytes(24).toString('base64url');

/**
 * The client address as the server's socket saw it: scripts/serve.mjs sets this header on every
 * request and overwrites whatever a client sent under that name. Without it (e.g. `next dev`) the
 * address is "unknown" and the browser key alone tells clients apart.
 */
export const ADDRESS_HEADER = 'x-dirsync-client-address';
