import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers';
import { parseEventLocation } from '@/lib/queries/event-search';
import { eventListPage } from '@/lib/queries/event-viewer';

export const dynamic = 'force-dynamic';

/** The Event Viewer's live feed: the first page of the same filter, as JSON (polled while the view is open). */
export async function GET(request: Request, context: { params: Promise<{ server: string }> }) {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const db = sharedDatabase();
  const server = findServer(db, decodeURIComponent((await context.params).server));
  if (!server) return Response.json({ error: 'There is no such Exchange server' }, { status: 404 });
  const at = parseEventLocation(new URL(request.url).searchParams);
  return Response.json(eventListPage(db, server.name, at.search, at.limit), { headers: { 'Cache-Control': 'no-store' } });
}
