import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getFilesView } from '@/lib/queries/files-view';
import { ChildWindow } from '@/components/console/child-window';
import { FilesView } from '@/components/files/files-view';
import { copyFileAction, deleteFileAction, uploadFileAction } from '@/app/(console)/file-actions';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { ServerIcon } from '@/components/ui/icons';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ server: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Dxadata of ${decodeURIComponent((await params).server).toUpperCase()}` };
}

/** An Exchange server's \Exchsrvr\Dxadata folder in the model (where a RESYNC.GLB is placed for an Exchange requestor). */
export default async function ServerFilesPage({ params }: Props) {
  const { server } = await params;
  const session = await requirePageSession(routes.serverFiles(server));
  const view = getFilesView(sharedDatabase(), { server });
  if (!view) notFound();
  return (
    <ChildWindow
      title={`Files - ${view.title}`}
      icon={<ServerIcon />}
      status={
        <StatusBar>
          <StatusPane grow>\Exchsrvr\Dxadata on {view.place.replace(':Dxadata', '')}</StatusPane>
          <StatusPane>
            {view.files.length} {view.files.length === 1 ? 'file' : 'files'}
          </StatusPane>
        </StatusBar>
      }
    >
      <FilesView view={view} readOnly={!canChange(session.role)} actions={{ copy: copyFileAction, remove: deleteFileAction, upload: uploadFileAction }} />
    </ChildWindow>
  );
}
