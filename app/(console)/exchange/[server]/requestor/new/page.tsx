import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getDirsyncServerChoices, serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { RadioGroup, TextField } from '@/components/sheet/fields';
import { Hidden, RoleTaken, SheetArea, Unavailable } from '@/components/dirsync/sheet-bits';
import { createDirsyncRequestorAction } from '../actions';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New Dirsync Requestor' };

/** File ▸ New Other ▸ Dirsync Requestor: pick the MS Mail dirsync server postoffice, name the object, OK. */
export default async function NewDirsyncRequestorPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.newRequestor(server));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  if (ctx.role !== null) return <RoleTaken title="New Dirsync Requestor" server={ctx.server} role={ctx.role} wanted="requestor" />;
  const choices = getDirsyncServerChoices(db, ctx.row);
  if (choices.length === 0) {
    return (
      <Unavailable title="New Dirsync Requestor" links={[{ href: '/', label: 'MS Mail postoffices' }]}>
        <p>No MS Mail postoffice is a dirsync server: make one the dirsync server first (MS Mail Administrator, Config ▸ Dir-Sync ▸ Options).</p>
      </Unavailable>
    );
  }
  return (
    <SheetArea>
      <PropertySheet title="New Dirsync Requestor" current="general" tabs={[{ id: 'general', label: 'General', href: routes.newRequestor(ctx.server) }]}>
        <SheetForm
          action={createDirsyncRequestorAction}
          closeHref={routes.requestor(ctx.server)}
          readOnly={!canChange(session.role)}
          help={
            <p>
              Pick the MS Mail postoffice that is the dirsync server. The first time, all local directory information is exported and all available information from the
              dirsync server is imported. The import container is Recipients; choose the export containers on the sheet afterwards.
            </p>
          }
        >
          <Hidden values={{ server: ctx.server }} />
          <RadioGroup
            legend="Dirsync server postoffice"
            name="dss"
            defaultValue={choices[0].name}
            options={choices.map((p) => ({ value: p.name, label: `${p.name}${p.connected ? '' : ' (no connection from this server)'}` }))}
          />
          <TextField label="Name" name="name" maxLength={64} hint="Up to 64 characters; left empty, “<postoffice> Dirsync Requestor”." />
          <TextField label="Dirsync password" name="password" type="password" hint="Optional; if used, set the same password on the dirsync server." />
        </SheetForm>
      </PropertySheet>
    </SheetArea>
  );
}
