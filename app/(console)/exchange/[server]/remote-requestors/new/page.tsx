import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { LANGUAGES } from '@/lib/exchange/dxa/dirsync-links';
import { getRemoteRequestorChoices, serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, RadioGroup, SelectField, TextField } from '@/components/sheet/fields';
import { Group, Hidden, ReadOnlyField, SheetArea, Unavailable } from '@/components/dirsync/sheet-bits';
import { addRemoteRequestorAction } from '../actions';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New Remote Dirsync Requestor' };

/**
 * File ▸ New Other ▸ Remote Dirsync Requestor (reference §5.4): "A list of all of the MS Mail
 * postoffices is displayed" — pick one, fill in the General fields and the Import Container, OK.
 */
export default async function NewRemoteRequestorPage({ params }: { params: Promise<{ server: string }> }) {
  const { server } = await params;
  const session = await requirePageSession(routes.newRemoteRequestor(server));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx) notFound();
  if (ctx.role !== 'server') {
    return (
      <Unavailable
        title="New Remote Dirsync Requestor"
        links={[
          ...(ctx.role === null ? [{ href: routes.newDirsyncServer(ctx.server), label: 'New Dirsync Server…' }] : [{ href: routes.requestor(ctx.server), label: 'Dirsync Requestor' }]),
          { href: routes.services(ctx.server), label: 'Back' },
        ]}
      >
        <p role="alert">The Remote Dirsync Requestor command is unavailable until you set up a Microsoft Exchange Server dirsync server.</p>
        <p className="text-ink-muted">
          {ctx.role === 'requestor'
            ? `${ctx.server} is a dirsync requestor of an MS Mail dirsync server, so MS Mail postoffices cannot be its requestors.`
            : `Make ${ctx.server} the dirsync server first (File ▸ New Other ▸ Dirsync Server).`}
        </p>
      </Unavailable>
    );
  }
  const choices = getRemoteRequestorChoices(db, ctx.row);
  if (choices.length === 0) {
    return (
      <Unavailable title="New Remote Dirsync Requestor" links={[{ href: routes.remoteRequestors(ctx.server), label: 'Remote Dirsync Requestors' }]}>
        <p>Every MS Mail postoffice is already a Remote Dirsync Requestor of {ctx.server}.</p>
      </Unavailable>
    );
  }
  return (
    <SheetArea>
      <PropertySheet title="New Remote Dirsync Requestor" current="general" tabs={[{ id: 'general', label: 'General', href: routes.newRemoteRequestor(ctx.server) }]}>
        <SheetForm
          action={addRemoteRequestorAction}
          closeHref={routes.remoteRequestors(ctx.server)}
          readOnly={!canChange(session.role)}
          help={
            <p>
              Pick the MS Mail postoffice that is to be a requestor of this dirsync server. Its Password must be the one set on the MS Mail requestor (Config ▸ Dir-Sync ▸
              Requestor ▸ Registration). The import container cannot be changed later. Check Export on next cycle so the first T2 sends it every exported address.
            </p>
          }
        >
          <Hidden values={{ server: ctx.server }} />
          <RadioGroup
            legend="MS Mail postoffices"
            name="po"
            defaultValue={choices[0].name}
            options={choices.map((p) => ({ value: p.name, label: `${p.name} — ${p.role}${p.connected ? '' : ' (no connection from this server)'}` }))}
          />
          <TextField label="Name" name="name" maxLength={64} hint="Typically the same name as the postoffice; left empty, the postoffice name is used." />
          <CheckField label="Append to imported users' display name" name="appendName" />
          <TextField label="Password" name="password" type="password" />
          <ReadOnlyField label="Requestor address type" value="MS" />
          <SelectField label="Requestor language" name="language" defaultValue="English" options={LANGUAGES.map((l) => ({ value: l, label: l }))} />
          <Group title="Import Container">
            <SelectField label="Import container" name="importContainer" defaultValue="Recipients" options={ctx.containers.map((c) => ({ value: c, label: c }))} />
          </Group>
          <CheckField label="Export on next cycle" name="exportNext" />
        </SheetForm>
      </PropertySheet>
    </SheetArea>
  );
}
