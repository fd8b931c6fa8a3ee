import { fileDownload } from '@/lib/console/file-download';

export const dynamic = 'force-dynamic';

/** A file of the postoffice's GLB directory in the model, as a download (lib/console/file-download.ts). */
export async function GET(request: Request, context: { params: Promise<{ po: string }> }) {
  return fileDownload(request, { po: (await context.params).po });
}
