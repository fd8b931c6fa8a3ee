import type { ConnectionDto } from '@/lib/exchange/connector/connections';
import { NumberField, SelectField, TextField } from '@/components/sheet/fields';

/**
 * Modify… : the fields of the connection's own kind. The postoffice and Connection Parameters
 * are shown, not editable (fixed once created, as in the old program).
 */
export function ModifyConnectionFields({ conn, direct, attempts }: { conn: ConnectionDto; direct: string[]; attempts: { min: number; max: number } }) {
  return (
    <>
      <input type="hidden" name="kind" value={conn.kind} />
      <p>
        Postoffice: <strong>{conn.postoffice}</strong> · Connection Parameters: <strong>{conn.kind}</strong>
        {conn.servicedBy.length ? ` · serviced by ${conn.servicedBy.join(', ')}` : ''}
        {conn.routes.length ? ` · routes ${conn.routes.join(', ')}` : ''}
      </p>
      <p className="text-[12px] text-ink-muted">To connect this postoffice another way, delete the connection and create it again.</p>
      {conn.kind === 'LAN' ? (
        <>
          <TextField label="Postoffice Path" name="uncPath" defaultValue={conn.uncPath} />
          <TextField label="Connect As" name="connectAs" defaultValue={conn.connectAs} />
        </>
      ) : null}
      {conn.kind === 'Async' ? <TextField label="Phone number" name="phoneNumber" defaultValue={conn.phoneNumber} /> : null}
      {conn.kind === 'X.25' ? <TextField label="X.121 address" name="x121Address" defaultValue={conn.x121Address} hint="Digits only, up to 15." /> : null}
      {conn.kind === 'Async' || conn.kind === 'X.25' ? (
        <NumberField label="Connection attempts" name="connectionAttempts" defaultValue={conn.connectionAttempts} hint={`${attempts.min} to ${attempts.max}.`} />
      ) : null}
      {conn.kind === 'Indirect' ? (
        <SelectField label="Indirect via" name="via" defaultValue={conn.via ?? ''} options={direct.map((d) => ({ value: d, label: d }))} />
      ) : null}
    </>
  );
}
