import { routeServer } from '@/lib/console/route-server';
import { parseEventLocation } from '@/lib/queries/event-search';
import { eventListPage } from '@/lib/queries/event-viewer';

export const dynamic = 'force-dynamic';

/** The Event Viewer's live feed: the first page of the same filter, as JSON (polled while the view is open). */
export async function GET(request: Request, context: { params: Promise<{ server: string }> }) {
  const found = await routeServer(context.params);
  if (found instanceof Response) return found;
  const { db, server } = found;
  const at = parseEventLocation(new URL(request.url).searchParams);
  return Response.json(eventListPage(db, server.name, at.search, at.limit), { headers: { 'Cache-Control': 'no-store' } });
}
