import { SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, TextField } from '@/components/sheet/fields';
import { Modal } from '@/components/ui/modal';
import { RevisionField } from '@/components/ui/revision-field';
import { configureMtaAction, newMtaAction } from '../actions';
import { FieldErrorNote } from './field-error-note';
import { MtaParameterFields } from './mta-parameter-fields';
import { MtasTab } from './mtas-tab';
import { one, readConnections, readMtas, type ConnectorTabProps } from './tab-props';

/** The connector sheet's Connector MTAs page: the Connector (PC) MTA services with New…, Configure…, Remove. */
export function ConnectorMtasPage({ db, server, readOnly }: ConnectorTabProps) {
  return <MtasTab server={server} mtas={readMtas(db, server)} canChange={!readOnly} />;
}

/** The Connector MTAs page's dialog at its URL: New Connector (PC) MTA (`?mta=new`) or Configure (`?mta=<service>`). */
export function ConnectorMtaDialog({ db, server, sheetHref, readOnly, search }: ConnectorTabProps) {
  const which = one(search.mta);
  // The sheet renders every page's dialog: read the services only when the address asks for one.
  if (!which) return null;
  const mta = which === 'new' ? null : readMtas(db, server).find((m) => m.serviceName.toLowerCase() === which.toLowerCase());
  if (!(which === 'new' ? !readOnly : mta)) return null;
  const ct = readConnections(db, server);
  const services = new Set(mta?.services ?? []);
  return (
    <Modal title={mta ? `Configure - ${mta.serviceName}` : 'New Connector (PC) MTA'} closeHref={sheetHref}>
      <SheetForm
        action={mta ? configureMtaAction : newMtaAction}
        closeHref={sheetHref}
        readOnly={readOnly}
        messageOnce
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
