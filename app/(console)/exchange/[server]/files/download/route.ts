import { fileDownload } from '@/lib/console/file-download';

export const dynamic = 'force-dynamic';

/** A file of the server's Dxadata folder in the model, as a download (lib/console/file-download.ts). */
export async function GET(request: Request, context: { params: Promise<{ server: string }> }) {
  return fileDownload(request, { server: (await context.params).server });
}
