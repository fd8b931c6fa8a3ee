import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers/servers';
import { loggingTab } from '@/lib/queries/connector-sheet';
import { getDirectorySynchronizationSheet, getDirectorySyncSettings } from '@/lib/queries/directory-synchronization-sheet';
import { PropertySheet, SheetForm, type SheetTab } from '@/components/sheet/property-sheet';
import { DiagnosticsLogging } from '@/components/diagnostics/diagnostics-logging';
import { RevisionField } from '@/components/ui/revision-field';
import { loggingRevision } from '@/lib/queries/revisions';
import { RestrictionField } from '@/components/directory-sync/restriction-field';
import { TemplateMapsField } from '@/components/directory-sync/template-maps-field';
import { deliveryRestrictionsAction, dxLoggingAction, templateMapsAction } from '../actions';
import { directorySyncAddressAction, directorySyncGeneralAction } from '../general-actions';
import { TextField } from '@/components/sheet/fields';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

const TABS = [
  ['general', 'General'],
  ['e-mail-addresses', 'E-mail Addresses'],
  ['delivery-restrictions', 'Delivery Restrictions'],
  ['incoming-templates', 'Incoming Templates'],
  ['outgoing-templates', 'Outgoing Templates'],
  ['diagnostics-logging', 'Diagnostics Logging'],
] as const;
type Tab = (typeof TABS)[number][0];

type Params = { server: string; tab: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { server, tab } = await params;
  return { title: `Directory Synchronization (${server.toUpperCase()}) Properties - ${TABS.find(([id]) => id === tab)?.[1] ?? ''}` };
}

/** The Directory Synchronization object of a server (docs/exchange.md, "The Directory Synchronization object: Delivery Restrictions and templates"). */
export default async function DirectorySynchronizationSheetPage({ params }: { params: Promise<Params> }) {
  const { server: serverParam, tab: tabParam } = await params;
  const session = await requirePageSession(routes.directorySync(serverParam, tabParam));
  const db = sharedDatabase();
  const found = findServer(db, serverParam);
  const tab = TABS.find(([id]) => id === tabParam)?.[0];
  if (!found || !tab) notFound();
  const sheet = getDirectorySynchronizationSheet(db, found.name);
  const tabs: SheetTab[] = TABS.map(([id, label]) => ({ id, label, href: routes.directorySync(sheet.server, id) }));
  const closeHref = routes.services(sheet.server);
  // Every page of the sheet goes to it: the sheet makes each when first shown and keeps it open until OK, Apply or Cancel.
  const render = (tab: Tab): ReactNode => {
    let body: ReactNode;
    if (tab === 'general') {
      body = (
        <SheetForm
          key={tab}
          action={directorySyncGeneralAction}
          closeHref={closeHref}
          readOnly={!canChange(session.role)}
          help={<p>The directory synchronization object on this server imports and exports information during directory synchronization. Its display name is what the Administrator shows for it.</p>}
        >
          <input type="hidden" name="server" value={sheet.server} />
          <RevisionField value={sheet.revision} />
          <TextField key={sheet.revision} label="Display name" name="displayName" defaultValue={sheet.displayName} maxLength={256} />
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-ink-muted">Server</dt>
            <dd>{sheet.server}</dd>
            <dt className="text-ink-muted">Site</dt>
            <dd>
              {sheet.site} ({sheet.organization})
            </dd>
            <dt className="text-ink-muted">Version</dt>
            <dd>Microsoft Exchange Server {sheet.version}</dd>
            <dt className="text-ink-muted">Role</dt>
            <dd>{sheet.role}</dd>
            <dt className="text-ink-muted">MS Mail address</dt>
            <dd className="break-all">{sheet.msAddress}</dd>
          </dl>
        </SheetForm>
      );
    } else if (tab === 'e-mail-addresses') {
      body = (
        <SheetForm
          key={tab}
          action={directorySyncAddressAction}
          closeHref={closeHref}
          readOnly={!canChange(session.role)}
          help={
            <p>
              The MS address is generated: $SYSTEM on a dirsync server, SYSTEM1 on a requestor (DXA on Exchange 2000) — KB Q150828. When two servers send as the same requestor address
              (…/SYSTEM1), edit the mailbox part here (KB Q187779); the network and postoffice are the MS Mail Connector&apos;s Local Postoffice names. Clear the box to go back to the
              generated address.
            </p>
          }
        >
          <input type="hidden" name="server" value={sheet.server} />
          <RevisionField value={sheet.revision} />
          <table aria-label="E-mail addresses" className="bevel-sunken w-full bg-white text-left">
            <thead className="bg-chrome text-[12px]">
              <tr>
                <th className="px-2 py-0.5 font-semibold">Type</th>
                <th className="px-2 py-0.5 font-semibold">Address</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="px-2 py-0.5">MS</td>
                <td className="px-2 py-0.5 break-all">{sheet.msAddress}</td>
              </tr>
            </tbody>
          </table>
          <TextField
            key={sheet.revision}
            label="MS address"
            name="msAddress"
            defaultValue={sheet.msAddress === sheet.generatedAddress ? '' : sheet.msAddress}
            maxLength={32}
            hint={`NET/PO/MAILBOX on the connector postoffice; empty: the generated ${sheet.generatedAddress}.`}
          />
          <p className="border border-amber-700 bg-amber-50 px-2 py-1 text-[12px] text-amber-900">
            Caution Many other Microsoft Exchange Server services use these default addresses. Changing or removing the default addresses can cause directory synchronization to fail.
          </p>
        </SheetForm>
      );
    } else if (tab === 'delivery-restrictions') {
      const s = getDirectorySyncSettings(db, sheet.server);
      body = (
        <SheetForm
          key={tab}
          action={deliveryRestrictionsAction}
          closeHref={closeHref}
          readOnly={!canChange(session.role)}
          help={
            <p>
              Directory synchronization messages from a sender that is not accepted are not processed: they are returned with a non-delivery report, and MSExchangeDX logs event 9024. Senders are
              matched by their MS Mail address, the <code>NET/PO/$SYSTEM</code> custom recipient of a requestor or dirsync server; distribution lists are not expanded.
            </p>
          }
        >
          <input type="hidden" name="server" value={sheet.server} />
          <RevisionField value={s.revision} />
          <div className="grid gap-3 sm:grid-cols-2">
            <RestrictionField key={`${s.revision}-a`} server={sheet.server} legend="Accept messages from" name="acceptFrom" options={['All', 'List']} defaultValue={s.acceptFrom} listName="accept" initial={s.accept} />
            <RestrictionField key={`${s.revision}-r`} server={sheet.server} legend="Reject messages from" name="rejectFrom" options={['None', 'List']} defaultValue={s.rejectFrom} listName="reject" initial={s.reject} />
          </div>
          <p>All rejected messages are returned to the original sender.</p>
        </SheetForm>
      );
    } else if (tab === 'incoming-templates' || tab === 'outgoing-templates') {
      const s = getDirectorySyncSettings(db, sheet.server);
      const direction = tab === 'incoming-templates' ? 'incoming' : 'outgoing';
      body = (
        <SheetForm
          key={tab}
          action={templateMapsAction}
          closeHref={closeHref}
          readOnly={!canChange(session.role)}
          help={
            <p>
              {direction === 'incoming'
                ? 'Incoming Templates map the template prompts MS Mail sends (Surname:, Department:) to Exchange attributes of the custom recipients directory synchronization imports, when the dirsync object receives template information.'
                : 'Outgoing Templates send Exchange attributes as MS Mail template lines (- Department:/Sales) with the addresses exported, when the dirsync object sends local template information; a changed attribute sends a Modify.'}{' '}
              Include the colon in the prompt (KB Q228601).
            </p>
          }
        >
          <input type="hidden" name="server" value={sheet.server} />
          <RevisionField value={s.revision} />
          <input type="hidden" name="direction" value={direction} />
          <TemplateMapsField key={s.revision} direction={direction} initial={s[direction]} attributes={s.attributes} />
        </SheetForm>
      );
    } else {
      const logging = loggingTab(db, sheet.server, ['MSExchangeDX']);
      body = (
        <SheetForm
          action={dxLoggingAction}
          closeHref={closeHref}
          readOnly={!canChange(session.role)}
          help={<p>Click MSExchangeDX, select the categories, then a level. On Exchange 4.0–5.5 a new level takes effect when the service is restarted.</p>}
        >
          <input type="hidden" name="server" value={sheet.server} />
          <RevisionField value={loggingRevision(db, sheet.server, ['MSExchangeDX']).revision} />
          <DiagnosticsLogging services={logging.services} version={logging.version} />
        </SheetForm>
      );
    }
    return body;
  };

  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <PropertySheet
        title={`${sheet.displayName} (${sheet.server}) Properties`}
        tabs={tabs}
        current={tab}
        panels={Object.fromEntries(TABS.map(([id]) => [id, render(id)]))}
        closeHref={closeHref}
        readOnly={!canChange(session.role)}
      />
    </div>
  );
}
