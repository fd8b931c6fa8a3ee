'use client';

import Link from '@/components/ui/link';
import { useId } from 'react';
import { SheetForm, useFieldError } from '@/components/sheet/property-sheet';
import { NumberField } from '@/components/sheet/fields';
import { saveLogSettingsAction } from '../actions';
import type { EventLogSettingsView } from '@/lib/queries/event-viewer';
import { RevisionField } from '@/components/ui/revision-field';
import { Modal } from '@/components/ui/modal';

/**
 * Log ▸ Log Settings… for the Application log: Maximum log size (64 KB steps) and Event Log
 * Wrapping, with what the log uses now. OK / Cancel / Apply / Help; a View Only Admin sees it
 * read-only (and the action refuses anyway).
 */
export function LogSettingsDialog({ server, settings, closeHref, clearHref, readOnly }: { server: string; settings: EventLogSettingsView; closeHref: string; clearHref: string; readOnly: boolean }) {
  return (
    <Modal title="Event Log Settings" closeHref={closeHref} width="max-w-md">
      <SheetForm
        action={saveLogSettingsAction}
        closeHref={closeHref}
        readOnly={readOnly}
        help={
          <>
            The Application log keeps events up to its maximum size. When it is full, <b>Overwrite Events as Needed</b> removes the oldest events, <b>Overwrite Events
            Older than</b> removes only events older than the days given (newer events are then lost), and <b>Do Not Overwrite Events</b> loses every new event until the log
            is cleared. A maximum below what the log holds removes the oldest events at once.
          </>
        }
      >
        {/* Remount the fields after a save so they show the values saved and the new revision. */}
        <div key={settings.revision} className="grid gap-3">
          <input type="hidden" name="server" value={server} />
          <RevisionField value={settings.revision} />
          <p>
            Change Settings for <b>Application</b> Log on \\{server}
          </p>
          <NumberField label="Maximum log size" name="maxKb" defaultValue={settings.maxKb} suffix="KB (64 KB steps)" />
          <p id="log-used" className="text-[12px]">
            Used: {settings.usedKb.toLocaleString('en')} KB of {settings.maxKb.toLocaleString('en')} KB ({settings.events.toLocaleString('en')} {settings.events === 1 ? 'event' : 'events'})
          </p>
          <Wrapping settings={settings} />
        </div>
      </SheetForm>
      <p className="mt-3 border-t border-chrome-shadow/40 pt-2 text-[12px]">
        {readOnly ? (
          <span className="text-ink-muted">Clear All Events is not available to a View Only Admin.</span>
        ) : (
          <Link href={clearHref} className="underline">
            Clear All Events…
          </Link>
        )}
      </p>
    </Modal>
  );
}

function Wrapping({ settings }: { settings: EventLogSettingsView }) {
  const id = useId();
  const daysError = useFieldError('olderThanDays');
  const choiceError = useFieldError('overwrite');
  return (
    <fieldset className="bevel-sunken grid gap-1.5 p-2" aria-describedby={choiceError ? `${id}-choice` : undefined}>
      <legend className="px-1">Event Log Wrapping</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name="overwrite" value="as_needed" defaultChecked={settings.overwrite === 'as_needed'} />
        Overwrite Events as Needed
      </label>
      <span className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          <input type="radio" name="overwrite" value="older_than" defaultChecked={settings.overwrite === 'older_than'} />
          Overwrite Events Older than
        </label>
        <input
          name="olderThanDays"
          aria-label="Days"
          inputMode="numeric"
          defaultValue={settings.olderThanDays}
          aria-invalid={!!daysError || undefined}
          aria-describedby={daysError ? `${id}-days` : undefined}
          className="field w-16"
        />
        <span aria-hidden="true">Days</span>
      </span>
      {daysError ? (
        <span id={`${id}-days`} className="text-[12px] text-red-800">
          {daysError}
        </span>
      ) : null}
      <label className="flex items-center gap-2">
        <input type="radio" name="overwrite" value="never" defaultChecked={settings.overwrite === 'never'} />
        Do Not Overwrite Events (Clear Log Manually)
      </label>
      {choiceError ? (
        <span id={`${id}-choice`} className="text-[12px] text-red-800">
          {choiceError}
        </span>
      ) : null}
    </fieldset>
  );
}
