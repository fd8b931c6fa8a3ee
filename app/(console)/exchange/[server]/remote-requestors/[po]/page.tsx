import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** A Remote Dirsync Requestor opens on its General tab. */
export default async function RemoteRequestorIndex({ params }: { params: Promise<{ server: string; po: string }> }) {
  const { server, po } = await params;
  const path = `/exchange/${encodeURIComponent(server)}/remote-requestors/${encodeURIComponent(po)}`;
  await requirePageSession(path);
  redirect(`${path}/general`);
}
