import { sharedDatabase } from '@/db/client';
import { requireRouteSession } from '@/lib/auth/request';
import { clockView } from '@/lib/queries/clock-view';

export const dynamic = 'force-dynamic';

/** The simulation clock, for the console's clock display (polled). */
export async function GET() {
  const session = await requireRouteSession();
  if (session instanceof Response) return session;
  return Response.json(clockView(sharedDatabase()));
}
