import { sharedDatabase, type Db } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import type { Session } from '@/lib/auth/sessions';
import { findServer, type ServerRow } from '@/lib/exchange/servers/servers';

/**
 * The first lines of every `/exchange/[server]/…` route handler: the session, then the server the
 * URL names; otherwise the Response to return as it is (401 signed out, 404 no such server).
 */
export async function routeServer(params: Promise<{ server: string }>): Promise<{ session: Session; db: Db; server: ServerRow } | Response> {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const db = sharedDatabase();
  const server = findServer(db, decodeURIComponent((await params).server));
  if (!server) return Response.json({ error: 'There is no such Exchange server' }, { status: 404 });
  return { session, db, server };
}
