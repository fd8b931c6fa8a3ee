import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';
import { routes } from '@/lib/console/routes';

/** The Directory Synchronization object's sheet opens on its General tab. */
export default async function DirectorySynchronizationPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(routes.directorySync(server));
  redirect(routes.directorySync(server.toUpperCase()));
}
