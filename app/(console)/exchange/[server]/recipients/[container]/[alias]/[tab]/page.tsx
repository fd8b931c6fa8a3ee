import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { serverContext } from '@/lib/queries/dirsync-objects';
import { getRecipientSheet } from '@/lib/queries/recipients-view';
import { PropertySheet, SheetForm } from '@/components/sheet/property-sheet';
import { CheckField, NumberField, TextField } from '@/components/sheet/fields';
import { Hidden, ReadOnlyField, SheetArea } from '@/components/dirsync/sheet-bits';
import { saveRecipientAction } from '../../actions';
import { TEMPLATE_ATTRIBUTES, VALUE_MAX } from '@/lib/exchange/dxa/template-attributes';
import { routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

const TABS = [
  { id: 'general', label: 'General' },
  { id: 'advanced', label: 'Advanced' },
] as const;

type Params = { params: Promise<{ server: string; container: string; alias: string; tab: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).alias)} Properties` };
}

/** A mailbox's or custom recipient's property sheet: General (Display name, the directory attributes; Alias fixed) and Advanced (Trust level, Hide from address book). */
export default async function RecipientPage({ params }: Params) {
  const { server, container, alias, tab } = await params;
  const containerName = decodeURIComponent(container);
  const aliasName = decodeURIComponent(alias);
  const session = await requirePageSession(
    routes.recipient(server, containerName, aliasName, tab),
  );
  const db = sharedDatabase();
  const ctx = serverContext(db, server);
  if (!ctx || !TABS.some((t) => t.id === tab)) notFound();
  const r = getRecipientSheet(db, ctx.row, containerName, aliasName);
  if (!r) notFound();
  const list = routes.recipients(ctx.server, r.container);
  const here = `${list}/${encodeURIComponent(r.alias)}`;
  // Every page of the sheet goes to it: the sheet makes each when first shown and keeps it open until OK, Apply or Cancel.
  const page = (tab: string) => (
    <SheetForm
      key={tab}
      action={saveRecipientAction}
      closeHref={list}
      readOnly={!canChange(session.role)}
      help={
        <p>
          {tab === 'general'
            ? 'The display name is what address books show; the alias cannot be changed once the recipient exists.'
            : 'Trust levels are used by directory synchronization with MS Mail only: a recipient is exported when its trust level is at or below the export trust level. Hiding a recipient does not send a Delete to MS Mail (KB Q200062).'}
        </p>
      }
    >
      <Hidden values={{ tab, server: ctx.server, alias: r.alias, revision: r.revision }} />
      {tab === 'general' ? (
        <>
          <TextField label="Display name" name="displayName" defaultValue={r.displayName} maxLength={256} />
          <ReadOnlyField label="Alias" value={r.alias} />
          <ReadOnlyField label="Type" value={r.type} />
          <ReadOnlyField label="E-mail address" value={r.emailAddress ?? '(none)'} />
          <ReadOnlyField label="Container" value={r.container} />
          <fieldset className="grid gap-2 border border-chrome-shadow/60 px-3 pt-1 pb-3">
            <legend className="px-1">Directory attributes</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {TEMPLATE_ATTRIBUTES.map((a) => (
                <TextField key={a} label={a} name={`attr.${a}`} defaultValue={r.attributes[a] ?? ''} maxLength={VALUE_MAX} />
              ))}
            </div>
            <span className="text-[12px] text-ink-muted">Sent to MS Mail and read from it as template information where the Directory Synchronization object maps them (Outgoing and Incoming Templates).</span>
          </fieldset>
          {r.importedBy ? <p className="text-[12px] text-ink-muted">Imported by directory synchronization from {r.importedBy}: the next import that includes it overwrites changes made here.</p> : null}
        </>
      ) : (
        <>
          <NumberField label="Trust level" name="trust" defaultValue={r.trust} hint="0 to 100." />
          <CheckField label="Hide from address book" name="hidden" defaultChecked={r.hidden} />
        </>
      )}
    </SheetForm>
  );
  return (
    <SheetArea>
      <PropertySheet title={`${r.displayName} Properties`} current={tab} tabs={TABS.map((t) => ({ ...t, href: `${here}/${t.id}` }))} panels={Object.fromEntries(TABS.map((t) => [t.id, page(t.id)]))} closeHref={list} readOnly={!canChange(session.role)} />
    </SheetArea>
  );
}
