'use client';

import { useState } from 'react';
import { NumberField, SelectField } from '@/components/sheet/fields';

const TYPES = ['LAN', 'Async and LAN', 'X.25 and LAN'] as const;
const PORTS = Array.from({ length: 256 }, (_, k) => `COM${k + 1}`);

/** xog10016's note beside the polling fields of an async instance. */
export const ASYNC_POLLING_NOTE =
  'These options apply to the LAN component of an async and LAN connection only. If you are using this MTA service exclusively for asynchronous communication, you should accept the default settings.';

/**
 * The MTA dialog's Polling Frequency, Connection Parameters (LAN / Async and LAN / X.25 and LAN)
 * and Communication Port (COM1–COM256, async only: disabled, so not sent, for the other types).
 */
export function MtaParameterFields({ configMinutes, pollMinutes, connectionType, comPort }: { configMinutes: number; pollMinutes: number; connectionType: string; comPort: string }) {
  const [type, setType] = useState(connectionType);
  const async = type === 'Async and LAN';
  return (
    <>
      <fieldset className="grid items-start gap-2 sm:grid-cols-2">
        <legend className="mb-1">Polling Frequency</legend>
        <NumberField label="Update configuration every" name="configMinutes" defaultValue={configMinutes} suffix="minutes" />
        <NumberField label="Check for mail every" name="pollMinutes" defaultValue={pollMinutes} suffix="minutes" />
        {async ? (
          <p role="note" aria-label="Polling with async" className="text-[12px] text-ink-muted sm:col-span-2">
            {ASYNC_POLLING_NOTE}
          </p>
        ) : null}
      </fieldset>
      <div className="grid items-start gap-2 sm:grid-cols-2">
        <fieldset className="grid gap-1">
          <legend className="mb-1">Connection Parameters</legend>
          {TYPES.map((t) => (
            <label key={t} className="flex items-center gap-2">
              <input type="radio" name="connectionType" value={t} checked={type === t} onChange={() => setType(t)} />
              <span>{t}</span>
            </label>
          ))}
        </fieldset>
        <fieldset disabled={!async} className="grid gap-1 disabled:opacity-60">
          <SelectField label="Communication Port" name="comPort" defaultValue={comPort} options={PORTS.map((p) => ({ value: p, label: p }))} />
          <span className="text-[12px] text-ink-muted">Async and LAN only.</span>
        </fieldset>
      </div>
    </>
  );
}
