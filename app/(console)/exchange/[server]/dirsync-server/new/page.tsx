import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { TextField } from '@/components/sheet/fields';
import { Hidden, ReadOnlyField, RoleTaken, SheetArea } from '@/components/dirsync/sheet-bits';
import { createDirsyncServerAction } from '../actions';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New Dirsync Server' };

/** File ▸ New Other ▸ Dirsync Server: give the object a name; OK makes this server the dirsync server. */
export default async function NewDirsyncServerPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.newDirsyncServer(server));
  const ctx = serverContext(sharedDatabase(), server);
  if (!ctx) notFound();
  if (ctx.role !== null) return <RoleTaken title="New Dirsync Server" server={ctx.server} role={ctx.role} wanted="server" />;
  return (
    <SheetArea>
      <PropertySheet title="New Dirsync Server" current="general" tabs={[{ id: 'general', label: 'General', href: routes.newDirsyncServer(ctx.server) }]}>
        <SheetForm
          action={createDirsyncServerAction}
          closeHref={routes.dirsyncServer(ctx.server)}
          readOnly={!canChange(session.role)}
          help={
            <p>
              Give the dirsync server object a name (typically &quot;Dirsync Server&quot; or &quot;DXA Server&quot;). OK makes {ctx.server} the dirsync server of its MS Mail
              system; its T2 then runs every day at 01:00 until you change the Schedule. Only one dirsync server per MS Mail system.
            </p>
          }
        >
          <Hidden values={{ server: ctx.server }} />
          <TextField label="Name" name="name" defaultValue="Dirsync Server" maxLength={64} />
          <ReadOnlyField label="Server" value={ctx.server} />
        </SheetForm>
      </PropertySheet>
    </SheetArea>
  );
}
