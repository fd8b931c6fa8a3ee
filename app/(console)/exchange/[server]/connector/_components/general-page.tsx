import { MAX_MESSAGE_KB } from '@/lib/exchange/connector/ms-mail-connector';
import { SheetForm } from '@/components/sheet/property-sheet';
import { NumberField, RadioGroup, TextField } from '@/components/sheet/fields';
import { saveConnectorAction } from '../actions';
import { ConnectorFormHidden, type ConnectorTabProps } from './tab-props';

/** The connector sheet's General page: display name, message size, administrative note. */
export function GeneralPage({ server, header, closeHref, readOnly }: ConnectorTabProps) {
  const c = header.connector;
  return (
    <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>The connector&apos;s name as the Administrator shows it, the largest message it transfers, and a note for administrators.</p>}>
      <ConnectorFormHidden server={server} tab="general" revision={c.revision} />
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
}
