import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Fragment, type ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers/servers';
import { connectorHeader } from '@/lib/queries/connector-sheet';
import { routes } from '@/lib/console/routes';
import { PropertySheet, type SheetTab } from '@/components/sheet/property-sheet';
import { AddressSpacePage } from '../_components/address-space-page';
import { ConnectionsDialog, ConnectionsPage } from '../_components/connections-page';
import { ConnectorMtaDialog, ConnectorMtasPage } from '../_components/connector-mtas-page';
import { DiagnosticsLoggingPage } from '../_components/diagnostics-logging-page';
import { GeneralPage } from '../_components/general-page';
import { InterchangePage } from '../_components/interchange-page';
import { LocalPostofficePage } from '../_components/local-postoffice-page';
import type { ConnectorTabProps } from '../_components/tab-props';

export const dynamic = 'force-dynamic';

const TABS = [
  ['general', 'General'],
  ['interchange', 'Interchange'],
  ['local-postoffice', 'Local Postoffice'],
  ['connections', 'Connections'],
  ['connector-mtas', 'Connector MTAs'],
  ['address-space', 'Address Space'],
  ['diagnostics-logging', 'Diagnostics Logging'],
] as const;
type Tab = (typeof TABS)[number][0];

/** Each page of the sheet, and the dialog it opens at its URL (`?mta=`, `?create`, …). */
const PAGES: Record<Tab, { Page: (p: ConnectorTabProps) => ReactNode; Dialog?: (p: ConnectorTabProps) => ReactNode }> = {
  general: { Page: GeneralPage },
  interchange: { Page: InterchangePage },
  'local-postoffice': { Page: LocalPostofficePage },
  connections: { Page: ConnectionsPage, Dialog: ConnectionsDialog },
  'connector-mtas': { Page: ConnectorMtasPage, Dialog: ConnectorMtaDialog },
  'address-space': { Page: AddressSpacePage },
  'diagnostics-logging': { Page: DiagnosticsLoggingPage },
};

type Params = { server: string; tab: string };
type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { server, tab } = await params;
  return { title: `MS Mail Connector (${server.toUpperCase()}) Properties - ${TABS.find(([id]) => id === tab)?.[1] ?? ''}` };
}

/** The MS Mail Connector (<SERVER>) Properties sheet (docs/console.md, "Connections, the MS Mail Connector sheet, Directory Synchronization"): one component per page (../_components/*-page.tsx). */
export default async function ConnectorSheetPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { server: serverParam, tab: tabParam } = await params;
  const search = await searchParams;
  const session = await requirePageSession(routes.connector(serverParam, tabParam));
  const db = sharedDatabase();
  const found = findServer(db, serverParam);
  const tab = TABS.find(([id]) => id === tabParam)?.[0];
  if (!found || !tab) notFound();
  const header = connectorHeader(db, found.name);
  const server = header.server;
  const tabs: SheetTab[] = TABS.map(([id, label]) => ({ id, label, href: routes.connector(server, id) }));
  const closeHref = routes.connections(server);
  const props: ConnectorTabProps = { db, server, header, closeHref, sheetHref: routes.connector(server, tab), readOnly: !canChange(session.role), search };

  // Every page of the sheet goes to it (made when first shown, then kept open), and every page's
  // dialog its address asks for, on this page's route: a dialog opened from another page of the
  // sheet than the one it was opened at (useSheetPath) leaves the sheet, and its edits, open, and
  // closes back to it.
  const pages = Object.fromEntries(TABS.map(([id]) => [id, PAGES[id].Page(props)]));
  const dialogs = TABS.map(([id]) => PAGES[id].Dialog).filter((d) => d !== undefined);

  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <PropertySheet title={`${header.connector.displayName} (${server}) Properties`} tabs={tabs} current={tab} panels={pages} closeHref={closeHref} readOnly={!canChange(session.role)} />
      {dialogs.map((Dialog, k) => (
        <Fragment key={k}>{Dialog(props)}</Fragment>
      ))}
    </div>
  );
}
