import { parseWholeNumber } from '@/lib/actions/form-fields';
import { routeServer } from '@/lib/console/route-server';
import { addressBookPage } from '@/lib/queries/address-book';

export const dynamic = 'force-dynamic';

/** The address-book picker's list: `?container=&name=&kind=mailbox&limit=` (lib/queries/address-book.ts), as JSON. */
export async function GET(request: Request, context: { params: Promise<{ server: string }> }) {
  const found = await routeServer(context.params);
  if (found instanceof Response) return found;
  const { db, server } = found;
  const p = new URL(request.url).searchParams;
  const limit = parseWholeNumber(p.get('limit') ?? '') || undefined;
  const page = addressBookPage(db, server, {
    container: p.get('container') ?? undefined,
    name: p.get('name') ?? undefined,
    kind: p.get('kind') === 'mailbox' ? 'mailbox' : undefined,
    limit,
  });
  return Response.json(page, { headers: { 'Cache-Control': 'no-store' } });
}
