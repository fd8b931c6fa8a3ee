import { NextResponse, type NextRequest } from 'next/server';
import { sharedDatabase } from '@/db/client';
import { originAllowed } from '@/lib/auth/origins';
import { ADDRESS_HEADER, CLIENT_COOKIE, CLIENT_COOKIE_OPTIONS, newClientKey, SESSION_COOKIE } from '@/lib/auth/cookies';
import { recordSecurity } from '@/lib/auth/security-log';
import { sessionFromToken } from '@/lib/auth/sessions';
import { step } from '@/lib/core/statements';

/**
 * The first check of every request (Next.js "Proxy", Node.js runtime, so it reads the database):
 *
 * - A change (any method but GET/HEAD: server actions, forms) must come from an allowed origin
 *   (lib/auth/origins.ts); others get 403 and a security-log entry.
 * - A page asked for without a valid session — no cookie, a forged or ended one, a disabled
 *   account — gets a real 307 to sign in (the stale cookie is removed). Route handlers fetched by
 *   scripts with a stale cookie answer 401 themselves, which their callers expect.
 * - The sign-in page hands the browser its own random key (the `dirsync_client` cookie) that
 *   sign-in throttling tells browsers apart by.
 *
 * It does not replace the checks behind it: every page, route handler and server action still
 * checks the session itself (lib/auth/request.ts, lib/actions/safe-action.ts).
 */
const PUBLIC = /^\/(login|setup)(\/|$)/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A malformed escape in the path fails Next's decoding of a view's segments with a bare 500.
  if (!decodable(pathname)) {
    return new NextResponse(
      `Bad address: ${pathname} has a "%" that is not followed by a valid escape (a "%" and two hexadecimal digits, together UTF-8). Correct the link, or start from the network overview at /.`,
      // The address is echoed: plain text, never sniffed as HTML.
      { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } },
    );
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const origin = request.headers.get('origin');
    if (originAllowed(origin)) return NextResponse.next();
    const db = sharedDatabase();
    step(db, () =>
      recordSecurity(db, { kind: 'origin refused', address: request.headers.get(ADDRESS_HEADER), detail: `${request.method} ${pathname} from origin ${origin ?? '(none)'}` }),
    );
    return new NextResponse(
      'Refused: changes are accepted only from the console’s own pages (the Origin header is missing or not allowed; see DIRSYNC_ALLOWED_ORIGINS in the README).',
      { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } },
    );
  }
  if (PUBLIC.test(pathname)) {
    const response = NextResponse.next();
    if (!request.cookies.has(CLIENT_COOKIE)) response.cookies.set(CLIENT_COOKIE, newClientKey(), { ...CLIENT_COOKIE_OPTIONS, secure: isHttps(request) });
    return response;
  }
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token !== undefined) {
    if (sessionFromToken(sharedDatabase(), token)) return NextResponse.next();
    // A stale cookie: only a page (a browser navigating) is sent to sign in here.
    if (!isPageRequest(request)) return NextResponse.next();
  }
  const to = new URL('/login', request.url);
  to.searchParams.set('next', pathname + search);
  const response = NextResponse.redirect(to, 307);
  if (token !== undefined) response.cookies.delete(SESSION_COOKIE);
  return response;
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const isHttps = (request: NextRequest) => request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:';

/** A browser asking for a page: a document navigation, an HTML request, or Next's client-side navigation (RSC). */
function isPageRequest(request: NextRequest): boolean {
  const h = request.headers;
  return h.get('sec-fetch-dest') === 'document' || (h.get('accept') ?? '').includes('text/html') || h.has('rsc');
}

export const config = {
  // Everything but Next's own assets, the icon and the static images in public/icons.
  matcher: ['/((?!_next/|icons/|icon\\.svg|favicon\\.ico).*)'],
};
