import { NextResponse, type NextRequest } from 'next/server';

/**
 * An optimistic first check (Next.js "Proxy"): a request with no session cookie at all is sent to
 * sign in with a real redirect before any page renders. It proves nothing about the cookie: every
 * page, route handler and server action still checks the session itself (lib/auth/request.ts,
 * lib/actions/safe-action.ts).
 */
const PUBLIC = /^\/(login|setup)(\/|$)/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.test(pathname) || request.cookies.has('dirsync_session')) return NextResponse.next();
  // Server actions answer for themselves (they return "sign in again" as data).
  if (request.method !== 'GET' && request.method !== 'HEAD') return NextResponse.next();
  const to = new URL('/login', request.url);
  to.searchParams.set('next', pathname + search);
  return NextResponse.redirect(to, 307);
}

export const config = {
  // Everything but Next's own assets and the icon.
  matcher: ['/((?!_next/|icon\\.svg|favicon\\.ico).*)'],
};
