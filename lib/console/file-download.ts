import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { ctime } from '@/lib/core/clock';
import { DirsyncError } from '@/lib/core/errors';
import { checkFileName } from '@/lib/dirsync/places';
import { listStoredFiles, readStoredFile } from '@/lib/dirsync/stored-files';
import { placeOfRoute } from '@/lib/queries/files-view';

/**
 * The Files view's Download: `…/files/download?name=RESYNC.GLB` answers the stored bytes as an
 * attachment; without a name, the directory as DIR would list it (text). The session is checked
 * first; the name must be a DOS name of a file kept in the model (never a host path).
 */
export async function fileDownload(request: Request, route: { po?: string; server?: string }): Promise<Response> {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  const db = sharedDatabase();
  const at = placeOfRoute(db, route);
  if (!at) return Response.json({ error: 'There is no such postoffice or Exchange server' }, { status: 404 });
  const asked = new URL(request.url).searchParams.get('name');
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (asked === null) {
    const files = listStoredFiles(db, at.place);
    const text = files.length ? files.map((f) => `${f.name.padEnd(12)} ${String(f.size).padStart(10)}  ${ctime(f.createdAt)}`).join('\r\n') : `No files in ${at.place}`;
    return new Response(`${text}\r\n`, { headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  let name: string;
  try {
    name = checkFileName(asked);
  } catch (e) {
    return Response.json({ error: e instanceof DirsyncError ? e.message : 'Bad file name' }, { status: 400 });
  }
  const bytes = readStoredFile(db, at.place, name);
  if (!bytes) return Response.json({ error: `There is no ${name} in ${at.place}` }, { status: 404 });
  const file = `${at.place.replace(/[/:]/g, '-')}-${name}`;
  return new Response(Buffer.from(bytes), {
    headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${file}"` },
  });
}
