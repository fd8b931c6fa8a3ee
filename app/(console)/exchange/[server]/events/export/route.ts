import { routeServer } from '@/lib/console/route-server';
import { now } from '@/lib/core/clock';
import { parseEventLocation } from '@/lib/queries/event-search';
import { eventsCsv, eventsText } from '@/lib/queries/event-viewer';

export const dynamic = 'force-dynamic';

/**
 * Log ▸ Save As…: exactly the filtered events (every page, following the cursor), newest first, as
 * CSV (`?format=csv`) or NT's text form (`?format=txt`), downloaded as
 * `<SERVER>-Application-<YYYY-MM-DD>.csv|txt` (the simulation date). Streamed a page at a time.
 */
export async function GET(request: Request, context: { params: Promise<{ server: string }> }) {
  const found = await routeServer(context.params);
  if (found instanceof Response) return found;
  const { db, server } = found;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'txt') return Response.json({ error: 'format must be csv or txt' }, { status: 400 });
  const at = parseEventLocation(url.searchParams);
  const chunks = format === 'csv' ? eventsCsv(db, server.name, at.search) : eventsText(db, server.name, at.search);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const date = new Date(now(db)).toISOString().slice(0, 10);
  const file = `${server.name}-Application-${date}.${format === 'csv' ? 'csv' : 'txt'}`;
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
    },
  });
}
