import { queueView } from '@/lib/queries/connector-sheet';
import { connectionRevision } from '@/lib/queries/revisions';
import { SheetForm } from '@/components/sheet/property-sheet';
import { CheckField } from '@/components/sheet/fields';
import { Modal } from '@/components/ui/modal';
import { RevisionField } from '@/components/ui/revision-field';
import { createConnectionAction, modifyConnectionAction, saveConnectorAction } from '../actions';
import { ConnectionsTab } from './connections-tab';
import { CreateConnectionFields } from './create-connection-fields';
import { ModifyConnectionFields } from './modify-connection-fields';
import { QueueViewer } from './queue-viewer';
import { ConnectorFormHidden, one, readConnections, type ConnectorTabProps } from './tab-props';

/** The connector sheet's Connections page: the list with Create…, Modify…, Delete, Queue…, and the confirm option. */
export function ConnectionsPage({ db, server, header, closeHref, readOnly }: ConnectorTabProps) {
  const c = header.connector;
  const ct = readConnections(db, server);
  return (
    <div className="grid gap-3">
      <ConnectionsTab server={server} connections={ct.connections} confirm={c.confirmConnectionChanges} canChange={!readOnly} />
      <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>Connections to MS Mail (PC) postoffices: LAN, Async, X.25, or Indirect through a directly connected one. Queue… shows the messages waiting for a postoffice; Delete and Return take one out of the queue.</p>}>
        <ConnectorFormHidden server={server} tab="connections" revision={c.revision} />
        <CheckField label="Confirm before connection changes are applied" name="confirmConnectionChanges" defaultChecked={c.confirmConnectionChanges} />
      </SheetForm>
    </div>
  );
}

/** The Connections page's dialog at its URL: Create Connection (`?create`), Modify Connection (`?modify=NET~PO`) or a connection's Queue (`?queue=NET~PO`). */
export function ConnectionsDialog({ db, server, sheetHref, readOnly, search }: ConnectorTabProps) {
  const create = one(search.create);
  const modify = one(search.modify)?.replace('~', '/').toUpperCase();
  const queue = one(search.queue)?.replace('~', '/').toUpperCase();
  // The sheet renders every page's dialog: read the connections only when the address asks for one.
  if (!(create && !readOnly) && !modify && !queue) return null;
  const ct = readConnections(db, server);
  if (create && !readOnly) {
    return (
      <Modal title="Create Connection" closeHref={sheetHref}>
        <SheetForm
          action={createConnectionAction}
          closeHref={sheetHref}
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
      return (
        <Modal title={`Modify Connection - ${conn.postoffice}`} closeHref={sheetHref}>
          <SheetForm action={modifyConnectionAction} closeHref={sheetHref} readOnly={readOnly} help={<p>The postoffice and its Connection Parameters are fixed; the fields of its kind can change.</p>}>
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
      return (
        <Modal title={`Queue - ${q.postoffice}`} closeHref={sheetHref} wide>
          <QueueViewer queue={q} closeHref={sheetHref} canChange={!readOnly} />
        </Modal>
      );
    }
  }
  return null;
}
