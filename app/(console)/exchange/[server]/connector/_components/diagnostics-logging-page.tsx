import { loggingTab } from '@/lib/queries/connector-sheet';
import { loggingRevision } from '@/lib/queries/revisions';
import { SheetForm } from '@/components/sheet/property-sheet';
import { DiagnosticsLogging } from '@/components/diagnostics/diagnostics-logging';
import { RevisionField } from '@/components/ui/revision-field';
import { connectorLoggingAction } from '../actions';
import { one, type ConnectorTabProps } from './tab-props';

/** The connector sheet's Diagnostics Logging page: its three services' categories and levels (`?service=` chooses one). */
export function DiagnosticsLoggingPage({ db, server, closeHref, readOnly, search }: ConnectorTabProps) {
  const services = ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'] as const;
  const logging = loggingTab(db, server, [...services]);
  return (
    <SheetForm
      action={connectorLoggingAction}
      closeHref={closeHref}
      readOnly={readOnly}
      help={<p>Under Category, select one or more categories; under Logging level, select a level. An event is written when its significance is at or below the level. On Exchange 4.0–5.5 a new level takes effect when the service is restarted.</p>}
    >
      <input type="hidden" name="server" value={server} />
      <RevisionField value={loggingRevision(db, server, services).revision} />
      <DiagnosticsLogging services={logging.services} version={logging.version} initialService={one(search.service)} />
    </SheetForm>
  );
}
