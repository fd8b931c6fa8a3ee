'use client';

import { useState, type ReactNode } from 'react';
import { useDescribed } from '@/components/sheet/fields';
import { useFieldError } from '@/components/sheet/property-sheet';

type Kind = 'LAN' | 'Async' | 'X.25' | 'Indirect';
const KINDS: Kind[] = ['LAN', 'Async', 'X.25', 'Indirect'];

/**
 * Create… : Connection Parameters LAN / Async / X.25 / Indirect and the fields of the one chosen.
 * LAN: the MS Mail postoffice and its Postoffice Path, which follows the postoffice chosen
 * (`\\<FILESERVER>\MAILDATA`) until it is typed over, and Connect As. Async and X.25: the remote
 * postoffice's Network and Postoffice, Phone number or X.121 address, Connection attempts.
 * Indirect: Indirect via (a directly connected postoffice), Network, Postoffice. The other kinds'
 * fields stay in the form but are disabled (so they are not sent) and hidden.
 */
export function CreateConnectionFields({
  choices,
  direct,
  attempts,
}: {
  choices: { postoffice: string; defaultPath: string }[];
  /** Postoffices connected directly (LAN, Async, X.25): the choices for Indirect via. */
  direct: string[];
  attempts: { min: number; max: number; default: number };
}) {
  const [kind, setKind] = useState<Kind>(choices.length ? 'LAN' : 'Async');
  const [po, setPo] = useState(choices[0]?.postoffice ?? '');
  const [path, setPath] = useState(choices[0]?.defaultPath ?? '');
  const [typed, setTyped] = useState(false);
  const kindError = useFieldError('kind');
  return (
    <>
      <fieldset className="grid gap-1">
        <legend className="mb-1">Connection Parameters</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{k}</span>
            </label>
          ))}
        </div>
        {kindError ? <span className="text-[12px] text-red-800">{kindError}</span> : null}
      </fieldset>

      <Group active={kind === 'LAN'}>
        {choices.length === 0 ? (
          <p className="text-[12px] text-ink-muted">Every MS Mail postoffice already has a connection: choose another kind to reach one indirectly.</p>
        ) : (
          <>
            <Field label="Postoffice" name="postoffice" also="network" hint="The connector reads the network and postoffice names from the postoffice itself.">
              {(props) => (
                <select
                  {...props}
                  value={po}
                  onChange={(e) => {
                    setPo(e.target.value);
                    if (!typed) setPath(choices.find((c) => c.postoffice === e.target.value)?.defaultPath ?? '');
                  }}
                >
                  {choices.map((c) => (
                    <option key={c.postoffice} value={c.postoffice}>
                      {c.postoffice}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Postoffice Path" name="uncPath" hint="\\servername\sharename[\path], e.g. \\SERVER1\MAILDATA">
              {(props) => (
                <input
                  {...props}
                  value={path}
                  onChange={(e) => {
                    setPath(e.target.value);
                    setTyped(true);
                  }}
                />
              )}
            </Field>
            <Field label="Connect As" name="connectAs" hint="Only when the postoffice is in a non-trusted domain or the service account is not valid on its server.">
              {(props) => <input {...props} />}
            </Field>
          </>
        )}
      </Group>

      <Group active={kind === 'Indirect'}>
        {direct.length === 0 ? (
          <p className="text-[12px] text-ink-muted">No postoffice is connected directly yet: create a LAN, Async or X.25 connection first.</p>
        ) : null}
        <Field label="Indirect via" name="via" hint="The directly connected postoffice that mail for this postoffice goes through.">
          {(props) => (
            <select {...props} defaultValue={direct[0] ?? ''}>
              {direct.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Group>

      <Group active={kind !== 'LAN'}>
        <div className="grid gap-2 sm:grid-cols-2">
          <Field label="Network" name="network" hint="Up to 10 letters or digits.">
            {(props) => <input {...props} maxLength={10} />}
          </Field>
          <Field label="Postoffice" name="remotePostoffice" also="postoffice" hint="The remote MS Mail postoffice's name.">
            {(props) => <input {...props} maxLength={10} />}
          </Field>
        </div>
      </Group>

      <Group active={kind === 'Async'}>
        <Field label="Phone number" name="phoneNumber" hint="The number the modem dials, e.g. 1 (206) 555-0100.">
          {(props) => <input {...props} type="tel" />}
        </Field>
      </Group>

      <Group active={kind === 'X.25'}>
        <Field label="X.121 address" name="x121Address" hint="Digits only, up to 15.">
          {(props) => <input {...props} inputMode="numeric" />}
        </Field>
      </Group>

      <Group active={kind === 'Async' || kind === 'X.25'}>
        <Field label="Connection attempts" name="connectionAttempts" hint={`${attempts.min} to ${attempts.max}; default ${attempts.default}.`}>
          {(props) => <input {...props} inputMode="numeric" defaultValue={attempts.default} className={`${props.className} w-24`} />}
        </Field>
      </Group>
    </>
  );
}

/** The fields of one kind: hidden and disabled (not submitted) while another kind is chosen. */
function Group({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <fieldset disabled={!active} hidden={!active} className="grid gap-3">
      {children}
    </fieldset>
  );
}

interface ControlProps {
  id: string;
  name: string;
  className: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A labelled control with its hint and the error of the last save (also shown for `also`). */
export function Field({ label, name, also, hint, children }: { label: string; name: string; also?: string; hint?: ReactNode; children: (props: ControlProps) => ReactNode }) {
  const { id, error, describedBy, notes } = useDescribed(name, hint, also);
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, className: 'field', 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {notes}
    </div>
  );
}
