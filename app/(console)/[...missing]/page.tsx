import { notFound } from 'next/navigation';
import { requirePageSession } from '@/lib/auth/request';

/** Any address no view has: checked like every page, then "Not found" inside the frame (../not-found.tsx). */
export default async function NoSuchView({ params }: { params: Promise<{ missing?: string[] }> }) {
  const { missing = [] } = await params;
  await requirePageSession(`/${missing.join('/')}`);
  notFound();
}
