import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** The Dirsync Requestor opens on its General tab. */
export default async function DirsyncRequestorIndex({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/requestor`);
  redirect(`/exchange/${encodeURIComponent(server)}/requestor/general`);
}
