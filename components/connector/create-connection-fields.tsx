'use client';

import { useId, useState } from 'react';
import { useFieldError } from '@/components/sheet/property-sheet';

/**
 * Create… ▸ LAN: the MS Mail postoffice to connect and its Postoffice Path, which follows the
 * postoffice chosen (`\\<FILESERVER>\MAILDATA`) until it is typed over.
 */
export function CreateConnectionFields({ choices }: { choices: { postoffice: string; defaultPath: string }[] }) {
  const [po, setPo] = useState(choices[0]?.postoffice ?? '');
  const [path, setPath] = useState(choices[0]?.defaultPath ?? '');
  const [typed, setTyped] = useState(false);
  const poError = useFieldError('postoffice');
  const pathError = useFieldError('uncPath');
  const poErrId = useId();
  const pathErrId = useId();
  return (
    <>
      <label className="grid gap-1">
        <span>Postoffice</span>
        <select
          name="postoffice"
          value={po}
          onChange={(e) => {
            setPo(e.target.value);
            if (!typed) setPath(choices.find((c) => c.postoffice === e.target.value)?.defaultPath ?? '');
          }}
          aria-invalid={!!poError || undefined}
          aria-describedby={poError ? poErrId : undefined}
          className="field"
        >
          {choices.map((c) => (
            <option key={c.postoffice} value={c.postoffice}>
              {c.postoffice}
            </option>
          ))}
        </select>
        <span className="text-[12px] text-ink-muted">The connector reads the network and postoffice names from the postoffice itself.</span>
        {poError ? (
          <span id={poErrId} className="text-[12px] text-red-800">
            {poError}
          </span>
        ) : null}
      </label>
      <label className="grid gap-1">
        <span>Postoffice Path</span>
        <input
          name="uncPath"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setTyped(true);
          }}
          aria-invalid={!!pathError || undefined}
          aria-describedby={pathError ? pathErrId : undefined}
          className="field"
        />
        <span className="text-[12px] text-ink-muted">\\servername\sharename[\path], e.g. \\SERVER1\MAILDATA</span>
        {pathError ? (
          <span id={pathErrId} className="text-[12px] text-red-800">
            {pathError}
          </span>
        ) : null}
      </label>
    </>
  );
}
