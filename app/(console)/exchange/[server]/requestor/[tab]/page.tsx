import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getDirsyncRequestorSheet, serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, SelectField, TextField } from '@/components/sheet/fields';
import { ExportContainersTab, ImportContainerTab } from '@/components/dirsync/link-tabs';
import { ScheduleField } from '@/components/dirsync/schedule-field';
import { Group, Hidden, ReadOnlyField, SheetArea, Unavailable } from '@/components/dirsync/sheet-bits';
import { saveDirsyncRequestorAction } from '../actions';
import { ResyncWizardLink } from '@/components/wizard/resync-wizard-link';
import { PreviewLink } from '@/components/wizard/preview-link';
import { DeleteGuardForm } from '@/components/guard/delete-guard-form';
import { deleteGuardAction } from '@/app/(console)/guard-actions';
import { deleteGuardOf } from '@/lib/dirsync/delete-guard';
import { deleteGuardRevision, guardTarget } from '@/lib/guard/guard-target';

const serverConnectorPoId = (db: Parameters<typeof guardTarget>[0], server: string) => guardTarget(db, server).po.id;
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

const TABS = [
  { id: 'general', label: 'General' },
  { id: 'import-container', label: 'Import Container' },
  { id: 'export-containers', label: 'Export Containers' },
  { id: 'settings', label: 'Settings' },
  { id: 'schedule', label: 'Schedule' },
] as const;

/** Foreign address types an MS Mail gateway may carry (the check list offers these and any already chosen). */
const FOREIGN_TYPES = ['FAX', 'MCI', 'MHS', 'OV', 'PROFS', 'SMTP', 'SNADS', 'X400'];

type Params = { params: Promise<{ server: string; tab: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Dirsync Requestor on ${decodeURIComponent((await params).server).toUpperCase()}` };
}

const HELP: Record<string, string> = {
  general:
    'Exchange as a requestor of an MS Mail dirsync server. By default the Dirsync address is the hidden $SYSTEM mailbox of the dirsync server; generally you should not specify another. Do not select a foreign address type unless the access component for that gateway is installed on the connector postoffice.',
  'import-container': 'Addresses received from the dirsync server become custom recipients in the import container, with the trust level given here.',
  'export-containers': 'Recipients in these containers, at or below the trust level, are sent to the dirsync server at T1.',
  settings:
    'Using a password for a dirsync requestor is optional. If used, you must also set the password on the dirsync server. Import on next cycle requests every address available on the dirsync server at the next cycle; Export on next cycle sends every exported local address at the next T1.',
  schedule: 'T1 (send updates) is scheduled here. As for T3, the requestor applies the changes as soon as they arrive. Arrow keys move through the grid; Space toggles an hour.',
};

/** The Dirsync Requestor object's property sheet (reference §5.5). */
export default async function DirsyncRequestorPage({ params }: Params) {
  const { server, tab } = await params;
  const session = await requirePageSession(routes.requestor(server, tab));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx || !TABS.some((t) => t.id === tab)) notFound();
  const sheet = getDirsyncRequestorSheet(db, ctx.row);
  if (!sheet) {
    return (
      <Unavailable
        title={`${ctx.server} has no Dirsync Requestor`}
        links={[
          ...(ctx.role === null ? [{ href: routes.newRequestor(ctx.server), label: 'New Dirsync Requestor…' }] : []),
          ...(ctx.role === 'server' ? [{ href: routes.dirsyncServer(ctx.server), label: 'Dirsync Server' }] : []),
          { href: routes.services(ctx.server), label: 'Back' },
        ]}
      >
        <p>
          {ctx.role === 'server'
            ? `${ctx.server} is the dirsync server: a server is either the dirsync server or a requestor.`
            : `Make ${ctx.server} a requestor of an MS Mail dirsync server with File ▸ New Other ▸ Dirsync Requestor.`}
        </p>
      </Unavailable>
    );
  }
  const types = [...new Set([...FOREIGN_TYPES, ...sheet.addressTypes])].sort();
  // Every page of the sheet goes to it: the sheet makes each when first shown and keeps it open until OK, Apply or Cancel.
  const page = (tab: string) => (
    <SheetForm key={tab} action={saveDirsyncRequestorAction} closeHref={routes.connections(ctx.server)} readOnly={!canChange(session.role)} help={<p>{HELP[tab]}</p>}>
      <Hidden values={{ tab, server: ctx.server, revision: sheet.revision }} />
      {tab === 'general' ? (
        <>
          <TextField label="Name" name="name" defaultValue={sheet.name} maxLength={64} hint="Up to 64 characters, unique in Connections." />
          <CheckField label="Append to imported users' display name" name="appendName" defaultChecked={sheet.appendName} />
          <ReadOnlyField label="Dirsync address" value={sheet.dirsyncAddress} hint={`The hidden mailbox of the dirsync server ${sheet.postoffice}.`} />
          <fieldset className="grid gap-1">
            <legend className="mb-1">Address types</legend>
            <input type="hidden" name="addressTypes" value="" />
            <div className="bevel-sunken grid max-h-36 grid-cols-2 gap-x-4 gap-y-1 overflow-auto bg-white p-2 sm:grid-cols-4">
              {types.map((t) => (
                <label key={t} className="flex items-center gap-2">
                  <input type="checkbox" name="addressTypes" value={t} defaultChecked={sheet.addressTypes.includes(t)} className="size-4" />
                  <span>{t}</span>
                </label>
              ))}
            </div>
            <span className="text-[12px] text-ink-muted">MS addresses are always received.</span>
          </fieldset>
          <SelectField label="Requestor language" name="language" defaultValue={sheet.language} options={sheet.languages.map((l) => ({ value: l, label: l }))} />
          <ReadOnlyField label="Server" value={ctx.server} hint={`Runs as the Directory Synchronization object of ${ctx.server}; its postoffice is ${sheet.requestorPostoffice}.`} />
        </>
      ) : tab === 'import-container' ? (
        <ImportContainerTab sheet={sheet} />
      ) : tab === 'export-containers' ? (
        <ExportContainersTab sheet={sheet} site={ctx.site} containers={ctx.containers} />
      ) : tab === 'settings' ? (
        <>
          <TextField
            label="Dirsync password"
            name="password"
            type="password"
            hint={sheet.hasPassword ? 'A password is set. Leave the field empty to keep it.' : 'No password is set (optional).'}
          />
          {sheet.hasPassword ? <CheckField label="Clear the password" name="clearPassword" /> : null}
          <Group title="Participation">
            <CheckField label="Send updates" name="sendUpdates" defaultChecked={sheet.sendUpdates} />
            <CheckField label="Receive updates" name="receiveUpdates" defaultChecked={sheet.receiveUpdates} />
          </Group>
          <Group title="Template information">
            <CheckField label="Send local template information" name="sendTemplates" defaultChecked={sheet.sendTemplates} />
            <CheckField label="Receive template information" name="receiveTemplates" defaultChecked={sheet.receiveTemplates} />
          </Group>
          <Group title="Dirsync information">
            <CheckField label="Import on next cycle" name="importNext" defaultChecked={sheet.importNext} />
            <CheckField label="Export on next cycle" name="exportNext" defaultChecked={sheet.exportNext} />
          </Group>
          <p className="text-[12px] text-ink-muted">
            ReqSync={sheet.reqSync} SrvSync={sheet.srvSync} ImpSync={sheet.impSync}. Import and Export on next cycle are cleared once the cycle has acted on them.
          </p>
        </>
      ) : (
        <ScheduleField style={sheet.style} grid={sheet.grid} note="T1 (send updates) starts at the top of each selected hour." />
      )}
    </SheetForm>
  );
  return (
    <SheetArea>
      <ResyncWizardLink requestor={ctx.server} before={<PreviewLink requestor={ctx.server} />} />
      <PropertySheet title={`${sheet.name} Properties`} current={tab} tabs={TABS.map((t) => ({ ...t, href: routes.requestor(ctx.server, t.id) }))} panels={Object.fromEntries(TABS.map((t) => [t.id, page(t.id)]))} closeHref={routes.connections(ctx.server)} readOnly={!canChange(session.role)} />
      {/* Under the sheet whatever its tab (a tab switch does not make this page again): the sheet is what the user opened, and its OK and Apply stay in view. */}
      <section aria-label="Delete guard of the Import Container" className="bevel-raised mx-auto mt-3 grid w-full max-w-2xl gap-1 bg-chrome p-2">
        <DeleteGuardForm action={deleteGuardAction} target={ctx.server} guard={deleteGuardOf(db, serverConnectorPoId(db, ctx.server))} revision={deleteGuardRevision(db, ctx.server).revision} disabled={!canChange(session.role)} />
      </section>
    </SheetArea>
  );
}
