import { CONNECTOR_LANGUAGES } from '@/lib/exchange/connector/ms-mail-connector';
import { siteMailboxes } from '@/lib/exchange/recipients/recipients';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, SelectField } from '@/components/sheet/fields';
import { MailboxPickerField } from '@/components/addressbook/mailbox-picker-field';
import { saveConnectorAction } from '../actions';
import { ConnectorFormHidden, type ConnectorTabProps } from './tab-props';

/** The connector sheet's Interchange page: the Administrator's mailbox, the clients' language, the options. */
export function InterchangePage({ db, server, header, closeHref, readOnly }: ConnectorTabProps) {
  const c = header.connector;
  const mailboxes = siteMailboxes(db, resolveServer(db, server));
  return (
    <SheetForm action={saveConnectorAction} closeHref={closeHref} readOnly={readOnly} help={<p>The Administrator&apos;s mailbox receives delivery status messages (a &quot;Postmaster&quot; mailbox is a good choice). Maximize MS Mail 3.x compatibility affects only connections to MS Mail (PC).</p>}>
      <ConnectorFormHidden server={server} tab="interchange" revision={c.revision} />
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
}
