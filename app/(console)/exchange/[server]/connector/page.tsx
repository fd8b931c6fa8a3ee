import { redirect } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** The connector's sheet opens on its General tab. */
export default async function ConnectorPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  await requirePageSession(`/exchange/${encodeURIComponent(server)}/connector/general`);
  redirect(`/exchange/${encodeURIComponent(server.toUpperCase())}/connector/general`);
}
