import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { wizardFile } from '@/lib/resync/wizard-state';

export const dynamic = 'force-dynamic';

/** Files ▸ Download: the run's RESYNC.GLB (the one the DSS made, or the one uploaded), as an attachment. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const id = Number((await context.params).id);
  const db = sharedDatabase();
  if (!Number.isInteger(id) || !db.$client.prepare('select 1 from resync_wizard where id = ?').get(id)) {
    return Response.json({ error: 'There is no such Resync Wizard' }, { status: 404 });
  }
  const file = wizardFile(db, id);
  if (!file) return Response.json({ error: 'This Resync Wizard has no RESYNC.GLB yet: the step that makes it has not run' }, { status: 404 });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment; filename="RESYNC.GLB"',
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'no-store',
    },
  });
}
