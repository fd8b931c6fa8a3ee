import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';
import { routes } from '@/lib/console/routes';

/** The Dirsync Server opens on its General tab. */
export default async function DirsyncServerIndex({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`${routes.exchange(server)}/dirsync-server`);
  redirect(routes.dirsyncServer(server));
}
