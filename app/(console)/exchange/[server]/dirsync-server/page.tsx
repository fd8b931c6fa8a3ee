import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** The Dirsync Server opens on its General tab. */
export default async function DirsyncServerIndex({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/dirsync-server`);
  redirect(`/exchange/${encodeURIComponent(server)}/dirsync-server/general`);
}
