import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** A recipient opens on its General tab. */
export default async function RecipientIndex({ params }: { params: Promise<{ server: string; container: string; alias: string }> }) {
  const { server, container, alias } = await params;
  const path = `/exchange/${encodeURIComponent(server)}/recipients/${container}/${alias}`;
  await requirePageSession(path);
  redirect(`${path}/general`);
}
