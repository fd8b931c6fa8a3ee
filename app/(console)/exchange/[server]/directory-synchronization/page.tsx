import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** The Directory Synchronization object's sheet opens on its General tab. */
export default async function DirectorySynchronizationPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/directory-synchronization/general`);
  redirect(`/exchange/${encodeURIComponent(server.toUpperCase())}/directory-synchronization/general`);
}
