'use client';

import { describeDeletable, useSelection } from '@/components/console/selection';

/** Edit ▸ Delete on the open postoffice, as a button on its page (the Yes/No question comes first). */
export function DeletePostofficeButton({ po, canChange }: { po: string; canChange: boolean }) {
  const { requestDelete } = useSelection();
  return (
    <button
      type="button"
      className="button"
      disabled={!canChange}
      onClick={() => requestDelete({ kind: 'MS Mail postoffice', name: po, afterDelete: '/', ...describeDeletable(canChange, { kind: 'postoffice', postoffice: po }, '') })}
    >
      Delete postoffice…
    </button>
  );
}
