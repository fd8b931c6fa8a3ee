import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getFilesView } from '@/lib/queries/files-view';
import { ChildWindow } from '@/components/console/child-window';
import { FilesView } from '@/components/files/files-view';
import { copyFileAction, deleteFileAction, uploadFileAction } from '@/app/(console)/file-actions';
import { StatusBar, StatusPane } from '@/components/ui/window';
import { PostofficeIcon } from '@/components/ui/icons';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ po: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Files of ${decodeURIComponent((await params).po).replace('~', '/')}` };
}

/** A postoffice's GLB directory in the model: its queues (shown as LISTQ dumps) and its files. */
export default async function PostofficeFilesPage({ params }: Props) {
  const { po } = await params;
  const session = await requirePageSession(routes.postofficeFiles(po));
  const view = getFilesView(sharedDatabase(), { po });
  if (!view) notFound();
  return (
    <ChildWindow
      title={`Files - ${view.title}`}
      icon={<PostofficeIcon />}
      status={
        <StatusBar>
          <StatusPane grow>{view.title}</StatusPane>
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
