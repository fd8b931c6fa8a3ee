'use client';

import { useId } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';

/** "Cancel the <wizard>?" — Yes closes the run as cancelled (done steps stay done), No goes back to it. */
export function CancelWizardDialog({ title, done, total, onYes, onNo }: { title: string; done: number; total: number; onYes: () => void; onNo: () => void }) {
  const textId = useId();
  return (
    <DialogFrame title={title} role="alertdialog" describedBy={textId} onEscape={onNo}>
      <div className="grid gap-3 p-3">
        <p id={textId}>
          Cancel the {title}? Steps already done stay done: nothing is undone. {done} of {total} steps are done.
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" className="button min-w-20" data-autofocus onClick={onYes}>
            Yes
          </button>
          <button type="button" className="button min-w-20" onClick={onNo}>
            No
          </button>
        </div>
      </div>
    </DialogFrame>
  );
}
