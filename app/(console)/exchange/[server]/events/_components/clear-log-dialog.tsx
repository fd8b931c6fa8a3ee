'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { clearEventLogAction } from '../actions';
import { Modal } from '@/components/ui/modal';
import { useToast } from '@/components/console/toasts';
import { answerOf } from '@/components/ui/use-action';

/** Log ▸ Clear All Events: offers to save the log first (as NT asks), then clears it. */
export function ClearLogDialog({ server, events, closeHref, saveHref, readOnly }: { server: string; events: number; closeHref: string; saveHref: string; readOnly: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const clear = () =>
    start(async () => {
      const result = await answerOf(() => clearEventLogAction({ server }));
      if (!result.ok) setError(result.error);
      else {
        toast(`The Application log on \\\\${server} was cleared`);
        router.push(closeHref);
      }
    });
  return (
    <Modal title="Clear All Events" closeHref={closeHref} role="alertdialog" width="max-w-md">
      <div className="grid gap-3">
        <p>
          Clear all {events.toLocaleString('en')} {events === 1 ? 'event' : 'events'} of the Application log on \\{server}? They cannot be brought back.
        </p>
        <p className="text-[12px]">
          To keep them,{' '}
          <a href={saveHref} download className="underline">
            save the log as CSV
          </a>{' '}
          first.
        </p>
        {error ? (
          <p role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
            {error}
          </p>
        ) : null}
        {readOnly ? <p className="text-[12px] text-ink-muted">You are signed in as a View Only Admin: the log cannot be cleared.</p> : null}
        <div className="flex justify-end gap-2">
          <button type="button" className="button min-w-20" disabled={pending || readOnly} onClick={clear}>
            {pending ? 'Clearing…' : 'Clear'}
          </button>
          <button type="button" className="button min-w-20" onClick={() => router.push(closeHref, { scroll: false })}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
