import { MailboxPickerField } from '@/components/addressbook/mailbox-picker-field';
import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getDirsyncServerSheet, serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, TextField } from '@/components/sheet/fields';
import { ScheduleField } from '@/components/dirsync/schedule-field';
import { Hidden, ReadOnlyField, SheetArea, Unavailable } from '@/components/dirsync/sheet-bits';
import { saveDirsyncServerAction } from '../actions';
import { ResyncWizardLink } from '@/components/wizard/resync-wizard-link';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

const TABS = [
  { id: 'general', label: 'General' },
  { id: 'schedule', label: 'Schedule' },
] as const;

type Params = { params: Promise<{ server: string; tab: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Dirsync Server on ${decodeURIComponent((await params).server).toUpperCase()}` };
}

/** The Dirsync Server object's property sheet (reference §5.3): General and Schedule. */
export default async function DirsyncServerPage({ params }: Params) {
  const { server, tab } = await params;
  const session = await requirePageSession(routes.dirsyncServer(server, tab));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx || !TABS.some((t) => t.id === tab)) notFound();
  const sheet = getDirsyncServerSheet(db, ctx.row);
  if (!sheet) {
    return (
      <Unavailable
        title={`${ctx.server} has no Dirsync Server`}
        links={[
          ...(ctx.role === null ? [{ href: routes.newDirsyncServer(ctx.server), label: 'New Dirsync Server…' }] : []),
          ...(ctx.role === 'requestor' ? [{ href: routes.requestor(ctx.server), label: 'Dirsync Requestor' }] : []),
          { href: routes.services(ctx.server), label: 'Back' },
        ]}
      >
        <p>
          {ctx.role === 'requestor'
            ? `${ctx.server} is a dirsync requestor: a server is either the dirsync server or a requestor.`
            : `Make ${ctx.server} the dirsync server with File ▸ New Other ▸ Dirsync Server.`}
        </p>
      </Unavailable>
    );
  }
  const readOnly = !canChange(session.role);
  const hidden = (tab: string) => <Hidden values={{ tab, server: ctx.server, revision: sheet.revision }} />;
  // Every page of the sheet goes to it: the sheet makes each when first shown and keeps it open until OK, Apply or Cancel.
  const page = (tab: string) =>
    tab === 'general' ? (
      <SheetForm
        action={saveDirsyncServerAction}
        closeHref={routes.remoteRequestors(ctx.server)}
        readOnly={readOnly}
        help={
          <p>
            The Dirsync Server makes {ctx.server}&apos;s directory synchronization agent the dirsync server of the MS Mail system. Copies of incoming and outgoing dirsync
            messages go to the Dirsync administrator when the boxes are checked (useful for troubleshooting).
          </p>
        }
      >
        {hidden(tab)}
        <TextField label="Name" name="name" defaultValue={sheet.name} maxLength={64} />
        <MailboxPickerField
          server={ctx.server}
          label="Dirsync administrator"
          name="administrator"
          button="Dirsync Admin…"
          initial={sheet.mailboxes.find((m) => m.alias.toLowerCase() === sheet.administrator.toLowerCase()) ?? (sheet.administrator ? { alias: sheet.administrator, displayName: sheet.administrator } : null)}
        />
        <CheckField label="Copy administrator on outgoing messages" name="copyAdministrator" defaultChecked={sheet.copyAdministrator} />
        <CheckField label="Forward incoming dirsync messages to administrator" name="forwardToAdministrator" defaultChecked={sheet.forwardToAdministrator} />
        <ReadOnlyField label="Server" value={ctx.server} hint="The Directory Synchronization object of this server runs the dirsync server." />
        <p className="text-[12px]">
          <Link href={routes.remoteRequestors(ctx.server)} className="underline">
            Remote Dirsync Requestors ({sheet.remoteRequestors})
          </Link>
        </p>
      </SheetForm>
    ) : (
      <SheetForm
        action={saveDirsyncServerAction}
        closeHref={routes.remoteRequestors(ctx.server)}
        readOnly={readOnly}
        help={
          <p>
            Highlight the hour when T2 (process updates) should begin. Directory synchronization messages are sent at the beginning of each hour selected in the
            schedule grid. Arrow keys move through the grid; Space toggles an hour.
          </p>
        }
      >
        {hidden(tab)}
        <ScheduleField style={sheet.style} grid={sheet.grid} note="T2 will only spawn at the top of the hour." />
      </SheetForm>
    );
  return (
    <SheetArea>
      <ResyncWizardLink dss={ctx.server} />
      <PropertySheet title={`${sheet.name} Properties`} current={tab} tabs={TABS.map((t) => ({ ...t, href: routes.dirsyncServer(ctx.server, t.id) }))}
        panels={Object.fromEntries(TABS.map((t) => [t.id, page(t.id)]))}
        closeHref={routes.remoteRequestors(ctx.server)}
        readOnly={readOnly}
      />
    </SheetArea>
  );
}
