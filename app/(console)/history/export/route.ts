import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { now } from '@/lib/core/clock';
import { allRuns, RUN_CSV_HEADER, runCsvLine } from '@/lib/history/query-runs';
import { parseRunHistorySearch, runFilterOf } from '@/lib/queries/run-history-view';

export const dynamic = 'force-dynamic';

/** Export as CSV: exactly the runs the view's filter selects (every page, newest first), streamed. */
export async function GET(request: Request) {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const db = sharedDatabase();
  const { filter, errors } = runFilterOf(parseRunHistorySearch(new URL(request.url).searchParams));
  if (errors.length) return Response.json({ error: errors.join('; ') }, { status: 400 });
  const runs = allRuns(db, { ...filter, before: undefined });
  const encoder = new TextEncoder();
  let header = true;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode(`${RUN_CSV_HEADER}\r\n`));
        return;
      }
      const lines: string[] = [];
      for (let k = 0; k < 500; k++) {
        const next = runs.next();
        if (next.done) break;
        lines.push(runCsvLine(next.value));
      }
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
      else controller.close();
    },
    cancel() {
      runs.return(undefined);
    },
  });
  const date = new Date(now(db)).toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="run-history-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
