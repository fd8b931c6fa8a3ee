import { localPostofficeTab } from '@/lib/queries/connector-sheet';
import { SheetForm } from '@/components/sheet/property-sheet';
import { TextField } from '@/components/sheet/fields';
import { RevisionField } from '@/components/ui/revision-field';
import { saveLocalPostofficeAction } from '../actions';
import type { ConnectorTabProps } from './tab-props';

/** The connector sheet's Local Postoffice page: the connector postoffice's network and postoffice names. */
export function LocalPostofficePage({ db, server, header, closeHref, readOnly }: ConnectorTabProps) {
  const lp = localPostofficeTab(db, server);
  return (
    <SheetForm action={saveLocalPostofficeAction} closeHref={closeHref} readOnly={readOnly} help={<p>The connector postoffice&apos;s names as MS Mail sees them: at most ten letters or digits each (KB Q198898). New mailboxes get the MS address NETWORK/POSTOFFICE/ALIAS.</p>}>
      <input type="hidden" name="server" value={server} />
      <RevisionField value={header.connector.revision} />
      <TextField label="Network name" name="network" defaultValue={lp.network} maxLength={10} />
      <TextField label="PostOffice name" name="postoffice" defaultValue={lp.postoffice} maxLength={10} />
      {lp.lockedBecause ? (
        <p className="border border-amber-700 bg-amber-50 px-2 py-1 text-[12px] text-amber-900">These names cannot be changed now: {lp.lockedBecause}.</p>
      ) : (
        <p className="text-[12px] text-ink-muted">Change them only before directory synchronization is set up: every address others hold for the connector postoffice uses them.</p>
      )}
    </SheetForm>
  );
}
