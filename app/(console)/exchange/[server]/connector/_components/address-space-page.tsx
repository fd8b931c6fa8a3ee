import { addressSpaceTab } from '@/lib/queries/connector-sheet';
import { SheetForm } from '@/components/sheet/property-sheet';
import { NumberField, TextField } from '@/components/sheet/fields';
import { RevisionField } from '@/components/ui/revision-field';
import { saveAddressSpaceAction } from '../actions';
import { FieldErrorNote } from './field-error-note';
import type { ConnectorTabProps } from './tab-props';

/** The connector sheet's Address Space page: the addresses it reaches and their costs; new entries. */
export function AddressSpacePage({ db, server, header, closeHref, readOnly }: ConnectorTabProps) {
  const entries = addressSpaceTab(db, server);
  return (
    <SheetForm action={saveAddressSpaceAction} closeHref={closeHref} readOnly={readOnly} help={<p>The addresses this connector reaches and what routing through it costs (1 to 100; the lowest cost wins). Each connection adds its MS entry.</p>}>
      <input type="hidden" name="server" value={server} />
      <RevisionField value={header.connector.revision} />
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
}
