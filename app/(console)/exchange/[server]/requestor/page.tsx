import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';
import { routes } from '@/lib/console/routes';

/** The Dirsync Requestor opens on its General tab. */
export default async function DirsyncRequestorIndex({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`${routes.exchange(server)}/requestor`);
  redirect(routes.requestor(server));
}
