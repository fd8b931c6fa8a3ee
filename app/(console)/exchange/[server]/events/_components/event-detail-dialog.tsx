'use client';

import { useRouter } from 'next/navigation';
import type { EventDetail } from '@/lib/queries/event-viewer';
import { EventTypeIcon } from '@/components/events/event-type-icon';
import { Modal } from '@/components/ui/modal';

/**
 * Event Detail: every header field of one event and its full description; Previous and Next walk
 * the list (across its pages) without closing, as NT's Event Detail does.
 */
export function EventDetailDialog({
  event,
  closeHref,
  previousHref,
  nextHref,
}: {
  event: EventDetail | null;
  closeHref: string;
  previousHref: string | null;
  nextHref: string | null;
}) {
  const router = useRouter();
  const fields: [string, string | number][] = event
    ? [
        ['Date', event.date],
        ['Time', event.time],
        ['User', event.user],
        ['Computer', event.computer],
        ['Event ID', event.eventId],
        ['Source', event.source],
        ['Type', event.type],
        ['Category', event.category],
      ]
    : [];
  return (
    <Modal title="Event Detail" closeHref={closeHref} width="max-w-2xl">
      {event ? (
        <div className="grid gap-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr_auto_1fr]">
            {fields.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-ink-muted">{k}:</dt>
                <dd className="flex min-w-0 items-center gap-1.5 break-words">
                  {k === 'Type' ? <EventTypeIcon type={event.type} /> : null}
                  {v}
                </dd>
              </div>
            ))}
          </dl>
          <div className="grid gap-1">
            <span id="event-description-label">Description:</span>
            <pre
              role="textbox"
              aria-readonly="true"
              aria-multiline="true"
              aria-labelledby="event-description-label"
              tabIndex={0}
              className="bevel-sunken max-h-72 min-h-32 overflow-auto bg-white p-2 font-mono text-[12px] whitespace-pre-wrap"
            >
              {event.description}
            </pre>
          </div>
        </div>
      ) : (
        <p role="alert">This event is no longer in the log: it was overwritten or the log was cleared.</p>
      )}
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" data-autofocus className="button min-w-20" onClick={() => router.push(closeHref, { scroll: false })}>
          Close
        </button>
        <button type="button" className="button min-w-20" disabled={!previousHref} title="The newer event above this one" onClick={() => previousHref && router.replace(previousHref, { scroll: false })}>
          Previous
        </button>
        <button type="button" className="button min-w-20" disabled={!nextHref} title="The older event below this one" onClick={() => nextHref && router.replace(nextHref, { scroll: false })}>
          Next
        </button>
      </div>
    </Modal>
  );
}
