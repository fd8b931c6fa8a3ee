'use client';

import { useId, type ReactNode } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { WarningIcon } from '@/components/ui/icons';

/** The MS Mail Administrator's Yes/No question before a step that acts at once (Import, Export, Server: No, Delete). */
export function YesNo({ question, detail, busy = false, onYes, onNo }: { question: string; detail?: ReactNode; busy?: boolean; onYes: () => void; onNo: () => void }) {
  const id = useId();
  return (
    <DialogFrame title="MS Mail Administrator" role="alertdialog" width="max-w-md" describedBy={`${id}-d`} onEscape={onNo}>
      <div id={`${id}-d`} className="flex gap-3 p-4">
        <WarningIcon />
        <div className="grid gap-1">
          <p>{question}</p>
          {detail ? <p className="text-ink-muted">{detail}</p> : null}
        </div>
      </div>
      <div className="flex justify-center gap-2 pb-4">
        <button type="button" className="button min-w-20" disabled={busy} onClick={onYes} data-autofocus>
          Yes
        </button>
        <button type="button" className="button min-w-20" disabled={busy} onClick={onNo}>
          No
        </button>
      </div>
    </DialogFrame>
  );
}
