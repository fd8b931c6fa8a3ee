import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { getRemoteRequestorSheet, serverContext } from '@/lib/queries/dirsync-objects';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, SelectField, TextField } from '@/components/sheet/fields';
import { ExportContainersTab, ImportContainerTab } from '@/components/dirsync/link-tabs';
import { Hidden, ReadOnlyField, SheetArea } from '@/components/dirsync/sheet-bits';
import { saveRemoteRequestorAction } from '../../actions';
import { ResyncWizardLink } from '@/components/wizard/resync-wizard-link';
import { poFromSegment, routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

const TABS = [
  { id: 'general', label: 'General' },
  { id: 'import-container', label: 'Import Container' },
  { id: 'export-containers', label: 'Export Containers' },
] as const;

type Params = { params: Promise<{ server: string; po: string; tab: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Remote Dirsync Requestor ${poFromSegment((await params).po)}` };
}

const HELP: Record<string, string> = {
  general:
    'An MS Mail postoffice that is a requestor of this dirsync server. The Password must equal the one defined on the MS Mail requestor; it is never shown, and an empty field keeps it. The Dirsync address must be the hidden custom recipient NET/PO/$SYSTEM. Export on next cycle sends this requestor every exported address at the next T2.',
  'import-container': 'Addresses imported from this requestor become custom recipients in the import container, with the trust level given here.',
  'export-containers': 'Recipients in these containers, at or below the trust level, are sent to this requestor.',
};

/** Remote Dirsync Requestor property sheet (reference §5.4). */
export default async function RemoteRequestorPage({ params }: Params) {
  const { server, po: slug, tab } = await params;
  const session = await requirePageSession(routes.remoteRequestor(server, slug, tab));
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx || !TABS.some((t) => t.id === tab)) notFound();
  const po = poFromSegment(slug);
  const sheet = getRemoteRequestorSheet(db, ctx.row, po);
  if (!sheet) notFound();
  // Every page of the sheet goes to it: the sheet makes each when first shown and keeps it open until OK, Apply or Cancel.
  const page = (tab: string) => (
    <SheetForm key={tab} action={saveRemoteRequestorAction} closeHref={routes.remoteRequestors(ctx.server)} readOnly={!canChange(session.role)} help={<p>{HELP[tab]}</p>}>
      <Hidden values={{ tab, server: ctx.server, po: sheet.postoffice, revision: sheet.revision }} />
      {tab === 'general' ? (
        <>
          <TextField label="Name" name="name" defaultValue={sheet.name} maxLength={64} />
          <CheckField label="Append to imported users' display name" name="appendName" defaultChecked={sheet.appendName} />
          <TextField
            label="Password"
            name="password"
            type="password"
            hint={sheet.hasPassword ? 'A password is set. Leave the field empty to keep it.' : 'No password is set.'}
          />
          {sheet.hasPassword ? <CheckField label="Clear the password" name="clearPassword" /> : null}
          <ReadOnlyField label="Dirsync address" value={sheet.dirsyncAddress} hint="The hidden MS Mail custom recipient of the requestor's $SYSTEM mailbox." />
          <ReadOnlyField label="Requestor address type" value={sheet.addressType} />
          <SelectField label="Requestor language" name="language" defaultValue={sheet.language} options={sheet.languages.map((l) => ({ value: l, label: l }))} />
          <CheckField label="Export on next cycle" name="exportNext" defaultChecked={sheet.exportNext} />
        </>
      ) : tab === 'import-container' ? (
        <ImportContainerTab sheet={sheet} />
      ) : (
        <ExportContainersTab sheet={sheet} site={ctx.site} containers={ctx.containers} />
      )}
    </SheetForm>
  );
  return (
    <SheetArea>
      <ResyncWizardLink dss={ctx.server} requestor={sheet.postoffice} />
      <PropertySheet title={`${sheet.name} Properties`} current={tab} tabs={TABS.map((t) => ({ ...t, href: routes.remoteRequestor(ctx.server, sheet.postoffice, t.id) }))} panels={Object.fromEntries(TABS.map((t) => [t.id, page(t.id)]))} closeHref={routes.remoteRequestors(ctx.server)} readOnly={!canChange(session.role)} />
    </SheetArea>
  );
}
