import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { findServer } from '@/lib/exchange/servers';
import { CONNECTOR_LANGUAGES, MAX_MESSAGE_KB } from '@/lib/exchange/save-ms-mail-connector';
import {
  addressSpaceTab,
  connectionsTab,
  connectorHeader,
  localPostofficeTab,
  loggingTab,
  mtasTab,
  queueView,
  siteMailboxes,
} from '@/lib/queries/connector-sheet';
import { PropertySheet, SheetForm, type SheetTab } from '@/components/sheet/property-sheet';
import { CheckField, NumberField, RadioGroup, SelectField, TextField } from '@/components/sheet/fields';
import { DiagnosticsLogging } from '@/components/diagnostics/diagnostics-logging';
import { MailboxPickerField } from '@/components/addressbook/mailbox-picker-field';
import { ConnectionsTab } from '../_components/connections-tab';
import { CreateConnectionFields } from '../_components/create-connection-fields';
import { ModifyConnectionFields } from '../_components/modify-connection-fields';
import { MtaParameterFields } from '../_components/mta-parameter-fields';
import { Modal } from '@/components/ui/modal';
import { MtasTab } from '../_components/mtas-tab';
import { QueueViewer } from '../_components/queue-viewer';
import { FieldErrorNote } from '../_components/field-error-note';
import { RevisionField } from '@/components/ui/revision-field';
import { connectionRevision, loggingRevision } from '@/lib/queries/revisions';
import {
  configureMtaAction,
  connectorLoggingAction,
  createConnectionAction,
  modifyConnectionAction,
  newMtaAction,
  saveAddressSpaceAction,
  saveConnectorAction,
  saveLocalPostofficeAction,
} from '../actions';
import { routes } from '@/lib/console/routes';

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

type Params = { server: string; tab: string };
type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { server, tab } = await params;
  return { title: `MS Mail Connector (${server.toUpperCase()}) Properties - ${TABS.find(([id]) => id === tab)?.[1] ?? ''}` };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The MS Mail Connector (<SERVER>) Properties sheet (exchange-admin-reference.md 2). */
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
  const readOnly = !canChange(session.role);
  const c = header.connector;
  const revision = <RevisionField value={c.revision} />;
  const hidden = (tabName: string) => (
    <>
      <input type="hidden" name="server" value={server} />
      <input type="hidden" name="tab" value={tabName} />
      {revision}
    </>
  );

  // Every page of the sheet is made (a Windows property sheet keeps them all open); the dialogs only for the page shown.
  const render = (tab: Tab): { body: ReactNode; dialog: ReactNode } => {
    const tabHref = routes.connector(server, tab);
    let body: ReactNode = null;
    let dialog: ReactNode = null;
    switch (tab) {
      case 'general':
        body = (
          <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>The connector&apos;s name as the Administrator shows it, the largest message it transfers, and a note for administrators.</p>}>
            {hidden('general')}
            <TextField label="Display name" name="displayName" defaultValue={c.displayName} maxLength={256} />
            <div className="grid gap-2">
              <RadioGroup
                legend="Message size"
                name="messageSize"
                defaultValue={c.maxMessageKb === null ? 'none' : 'max'}
                options={[
                  { value: 'none', label: 'No limit' },
                  { value: 'max', label: 'Max (K)' },
                ]}
              />
              <NumberField label="Max (K)" name="maxMessageKb" defaultValue={c.maxMessageKb} hint={`1 to ${MAX_MESSAGE_KB.toLocaleString('en-US')} KB; used when Max (K) is chosen.`} />
            </div>
            <label className="grid gap-1">
              <span>Administrative note</span>
              <textarea name="adminNote" defaultValue={c.adminNote} maxLength={1024} rows={3} className="field" />
            </label>
            <p className="text-[12px] text-ink-muted">
              Server {server} in site {header.site} · Microsoft Exchange Server {header.version}
            </p>
          </SheetForm>
        );
        break;
      case 'interchange': {
        const mailboxes = siteMailboxes(db, server);
        body = (
          <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>The Administrator&apos;s mailbox receives delivery status messages (a &quot;Postmaster&quot; mailbox is a good choice). Maximize MS Mail 3.x compatibility affects only connections to MS Mail (PC).</p>}>
            {hidden('interchange')}
            <MailboxPickerField
              server={server}
              label="Administrator's mailbox"
              name="administratorMailbox"
              button="Change…"
              initial={mailboxes.find((m) => m.alias.toLowerCase() === c.administratorMailbox.toLowerCase()) ?? (c.administratorMailbox ? { alias: c.administratorMailbox, displayName: c.administratorMailbox } : null)}
            />
            <SelectField label="Primary language for clients" name="primaryLanguage" defaultValue={c.primaryLanguage} options={CONNECTOR_LANGUAGES.map((l) => ({ value: l, label: l }))} />
            <CheckField label="Maximize MS Mail 3.x compatibility" name="maximizeCompatibility" defaultChecked={c.maximizeCompatibility} />
            <CheckField label="Enable message tracking" name="messageTracking" defaultChecked={c.messageTracking} />
            <CheckField label="Enable Microsoft Mail Connector (AppleTalk) MTA" name="appleTalk" defaultChecked={c.appleTalk} />
          </SheetForm>
        );
        break;
      }
      case 'local-postoffice': {
        const lp = localPostofficeTab(db, server);
        body = (
          <SheetForm action={saveLocalPostofficeAction} closeHref={closeHref} readOnly={readOnly} help={<p>The connector postoffice&apos;s names as MS Mail sees them: at most ten letters or digits each (KB Q198898). New mailboxes get the MS address NETWORK/POSTOFFICE/ALIAS.</p>}>
            <input type="hidden" name="server" value={server} />
            {revision}
            <TextField label="Network name" name="network" defaultValue={lp.network} maxLength={10} />
            <TextField label="PostOffice name" name="postoffice" defaultValue={lp.postoffice} maxLength={10} />
            {lp.lockedBecause ? (
              <p className="border border-amber-700 bg-amber-50 px-2 py-1 text-[12px] text-amber-900">These names cannot be changed now: {lp.lockedBecause}.</p>
            ) : (
              <p className="text-[12px] text-ink-muted">Change them only before directory synchronization is set up: every address others hold for the connector postoffice uses them.</p>
            )}
          </SheetForm>
        );
        break;
      }
      case 'connections': {
        const ct = connectionsTab(db, server);
        body = (
          <div className="grid gap-3">
            <ConnectionsTab server={server} tabHref={tabHref} connections={ct.connections} confirm={c.confirmConnectionChanges} canChange={!readOnly} />
            <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>Connections to MS Mail (PC) postoffices: LAN, Async, X.25, or Indirect through a directly connected one. Queue… shows the messages waiting for a postoffice; Delete and Return take one out of the queue.</p>}>
              {hidden('connections')}
              <CheckField label="Confirm before connection changes are applied" name="confirmConnectionChanges" defaultChecked={c.confirmConnectionChanges} />
            </SheetForm>
          </div>
        );
        const create = one(search.create);
        const modify = one(search.modify)?.replace('~', '/').toUpperCase();
        const queue = one(search.queue)?.replace('~', '/').toUpperCase();
        if (create && !readOnly) {
          dialog = (
            <Modal title="Create Connection" closeHref={tabHref}>
              <SheetForm
                action={createConnectionAction}
                closeHref={tabHref}
                help={<p>LAN: the connector reads the names from the postoffice; Connect As only when it is in a non-trusted domain. Async and X.25: the remote postoffice&apos;s names and how to reach it. Indirect: a postoffice reached through a directly connected one.</p>}
              >
                <input type="hidden" name="server" value={server} />
                <CreateConnectionFields choices={ct.connectable} direct={ct.direct} attempts={ct.attempts} />
              </SheetForm>
            </Modal>
          );
        } else if (modify) {
          const conn = ct.connections.find((x) => x.postoffice === modify);
          if (conn) {
            dialog = (
              <Modal title={`Modify Connection - ${conn.postoffice}`} closeHref={tabHref}>
                <SheetForm action={modifyConnectionAction} closeHref={tabHref} readOnly={readOnly} help={<p>The postoffice and its Connection Parameters are fixed; the fields of its kind can change.</p>}>
                  <input type="hidden" name="server" value={server} />
                  <input type="hidden" name="postoffice" value={conn.postoffice} />
                  <RevisionField value={connectionRevision(db, server, conn.postoffice).revision} />
                  <ModifyConnectionFields conn={conn} direct={ct.direct.filter((d) => d !== conn.postoffice)} attempts={ct.attempts} />
                </SheetForm>
              </Modal>
            );
          }
        } else if (queue) {
          const q = ct.connections.some((x) => x.postoffice === queue) ? queueView(db, server, queue) : null;
          if (q) {
            dialog = (
              <Modal title={`Queue - ${q.postoffice}`} closeHref={tabHref} wide>
                <QueueViewer queue={q} closeHref={tabHref} canChange={!readOnly} />
              </Modal>
            );
          }
        }
        break;
      }
      case 'connector-mtas': {
        const mtas = mtasTab(db, server);
        const ct = connectionsTab(db, server);
        body = <MtasTab server={server} tabHref={tabHref} mtas={mtas} canChange={!readOnly} />;
        const which = one(search.mta);
        const mta = which === 'new' ? null : mtas.find((m) => m.serviceName.toLowerCase() === which?.toLowerCase());
        if (which === 'new' ? !readOnly : mta) {
          const services = new Set(mta?.services ?? []);
          dialog = (
            <Modal title={mta ? `Configure - ${mta.serviceName}` : 'New Connector (PC) MTA'} closeHref={tabHref}>
              <SheetForm
                action={mta ? configureMtaAction : newMtaAction}
                closeHref={tabHref}
                readOnly={readOnly}
                help={<p>Each Connector (PC) MTA is a Windows NT service of its own. A running service keeps the polling interval it read when it started.</p>}
              >
                <input type="hidden" name="server" value={server} />
                {mta ? (
                  <>
                    <input type="hidden" name="serviceName" value={mta.serviceName} />
                    <RevisionField value={mta.revision} />
                    <label className="grid gap-1">
                      <span>Service Name</span>
                      <input value={mta.serviceName} readOnly aria-readonly="true" className="field bg-chrome-light" />
                      <span className="text-[12px] text-ink-muted">If you are editing an existing Connector (PC) MTA, you cannot modify the service name.</span>
                    </label>
                  </>
                ) : (
                  <TextField label="Service Name" name="serviceName" maxLength={30} hint="Up to 30 characters: letters A–Z, a–z and spaces." />
                )}
                <fieldset className="grid gap-1">
                  <legend className="mb-1">Logging</legend>
                  <CheckField label="Sent at Serviced Postoffices" name="logSent" defaultChecked={mta?.logSent ?? false} />
                  <CheckField label="Received at Serviced Postoffices" name="logReceived" defaultChecked={mta?.logReceived ?? false} />
                </fieldset>
                <MtaParameterFields configMinutes={mta?.configMinutes ?? 60} pollMinutes={mta?.pollMinutes ?? 5} connectionType={mta?.connectionType ?? 'LAN'} comPort={mta?.comPort ?? 'COM1'} />
                {mta?.restartNeeded ? (
                  <p role="note" className="border border-amber-700 bg-amber-50 px-2 py-1 text-[12px] text-amber-900">
                    The running service checks for mail every {mta.runningPollMinutes} {mta.runningPollMinutes === 1 ? 'minute' : 'minutes'}: restart the service for the change to take effect.
                  </p>
                ) : null}
                <fieldset className="grid gap-1">
                  <legend className="mb-1">Postoffices Serviced</legend>
                  <input type="hidden" name="services" value="off" />
                  {ct.connections.length === 0 ? <p className="text-[12px] text-ink-muted">No connections yet: create one on the Connections tab.</p> : null}
                  {ct.connections
                    .filter((x) => x.kind !== 'Indirect')
                    .map((x) => (
                      <label key={x.postoffice} className="flex items-center gap-2">
                        <input type="checkbox" name="services" value={x.postoffice} defaultChecked={services.has(x.postoffice)} className="size-4" />
                        <span>
                          {x.postoffice} ({x.kind})
                        </span>
                      </label>
                    ))}
                  <FieldErrorNote name="services" />
                </fieldset>
              </SheetForm>
            </Modal>
          );
        }
        break;
      }
      case 'address-space': {
        const entries = addressSpaceTab(db, server);
        body = (
          <SheetForm action={saveAddressSpaceAction} closeHref={closeHref} readOnly={readOnly} help={<p>The addresses this connector reaches and what routing through it costs (1 to 100; the lowest cost wins). Each connection adds its MS entry.</p>}>
            <input type="hidden" name="server" value={server} />
            {revision}
            <table className="bevel-sunken w-full bg-white text-left">
              <thead className="bg-chrome text-[12px]">
                <tr>
                  <th className="px-2 py-0.5 font-semibold">Type</th>
                  <th className="px-2 py-0.5 font-semibold">Address</th>
                  <th className="px-2 py-0.5 font-semibold">Cost</th>
                  <th className="px-2 py-0.5 font-semibold">Remove</th>
                </tr>
              </thead>
              <tbody>
                {entries.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="px-2 py-1 text-ink-muted">
                      No address space: a connection adds its MS entry.
                    </td>
                  </tr>
                ) : null}
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className="px-2 py-0.5">{e.type}</td>
                    <td className="px-2 py-0.5 break-all">{e.address}</td>
                    <td className="px-2 py-0.5">
                      <input name={`cost:${e.id}`} defaultValue={e.cost} inputMode="numeric" aria-label={`Cost of ${e.type} ${e.address}`} className="field w-16" />
                    </td>
                    <td className="px-2 py-0.5">
                      {e.ofConnection ? (
                        <span className="text-[12px] text-ink-muted">with its connection</span>
                      ) : (
                        <input type="checkbox" name={`remove:${e.id}`} value="on" aria-label={`Remove ${e.type} ${e.address}`} className="size-4" />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <FieldErrorNote name="cost" />
            <fieldset className="grid items-start gap-2 sm:grid-cols-[6rem_1fr_6rem]">
              <legend className="mb-1">New address space</legend>
              <TextField label="Type" name="newType" defaultValue="MS" maxLength={8} />
              <TextField label="Address" name="newAddress" />
              <NumberField label="Cost" name="newCost" defaultValue={1} />
            </fieldset>
          </SheetForm>
        );
        break;
      }
      case 'diagnostics-logging': {
        const services = ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'] as const;
        const logging = loggingTab(db, server, [...services]);
        body = (
          <SheetForm
            action={connectorLoggingAction}
            closeHref={closeHref}
            readOnly={readOnly}
            help={<p>Under Category, select one or more categories; under Logging level, select a level. An event is written when its significance is at or below the level. On Exchange 4.0–5.5 a new level takes effect when the service is restarted.</p>}
          >
            <input type="hidden" name="server" value={server} />
            <RevisionField value={loggingRevision(db, server, services).revision} />
            <DiagnosticsLogging services={logging.services} version={logging.version} />
          </SheetForm>
        );
        break;
      }
    }

    return { body, dialog };
  };
  const rendered = Object.fromEntries(TABS.map(([id]) => [id, render(id)]));
  const pages = Object.fromEntries(TABS.map(([id]) => [id, rendered[id].body]));
  const { dialog } = rendered[tab];

  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <PropertySheet title={`${c.displayName} (${server}) Properties`} tabs={tabs} current={tab} panels={pages} closeHref={closeHref} readOnly={readOnly} />
      {dialog}
    </div>
  );
}
