import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { formatLogLine, type LogLineRow } from '@/lib/dirsync/log';
import { findPo } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';
import { logFileOf, poFromSegment } from '@/lib/queries/postoffice-logs';

export const dynamic = 'force-dynamic';

/** A postoffice log file as the file holds it (oldest line first, as `dirsync log` prints it), as a download. */
export async function GET(request: Request, context: { params: Promise<{ po: string }> }) {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const db = sharedDatabase();
  const name = poFromSegment((await context.params).po);
  const po = name ? findPo(db, name) : undefined;
  if (!po || po.kind !== 'msmail') return Response.json({ error: 'There is no such MS Mail postoffice' }, { status: 404 });
  const file = logFileOf(new URL(request.url).searchParams.get('file') ?? undefined);
  const lines = stmt(db, 'select at, severity, number, text from log_line where po_id = ? and file = ? order by id').all(po.id, file) as LogLineRow[];
  return new Response(lines.map((l) => `${formatLogLine(l)}\r\n`).join(''), {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${po.network}-${po.name}-${file}.LOG"`,
      'Cache-Control': 'no-store',
    },
  });
}
