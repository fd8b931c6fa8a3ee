import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';
import { routes } from '@/lib/console/routes';

/** The connector's sheet opens on its General tab. */
export default async function ConnectorPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(routes.connector(server));
  redirect(routes.connector(server.toUpperCase()));
}
