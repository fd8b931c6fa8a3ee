'use client';

import { SheetForm } from '@/components/sheet/property-sheet';
import { NumberField } from '@/components/sheet/fields';
import { Modal } from '@/components/ui/modal';
import { saveRunRetentionAction } from '../actions';
import type { RunRetention } from '@/lib/history/retention';

/** Run History ▸ Retention…: how many runs are kept, so the history cannot grow without bound. */
export function RetentionDialog({ retention, closeHref, readOnly }: { retention: RunRetention; closeHref: string; readOnly: boolean }) {
  return (
    <Modal title="Run History Retention" closeHref={closeHref} width="max-w-md">
      <SheetForm
        action={saveRunRetentionAction}
        closeHref={closeHref}
        readOnly={readOnly}
        help={<>The newest runs up to this number are kept; older ones are removed as new ones are written. A number below what is kept now removes the older runs at once.</>}
      >
        <div key={retention.revision} className="grid gap-3">
          <input type="hidden" name="revision" value={retention.revision} />
          <NumberField label="Runs kept" name="maxRows" defaultValue={retention.maxRows} suffix="(100 to 10,000,000)" />
          <p className="text-[12px]">Kept now: {retention.rows.toLocaleString('en')} runs.</p>
        </div>
      </SheetForm>
    </Modal>
  );
}
