import Link from '@/components/ui/link';
import { ActionForm } from '@/components/ui/action-form';
import { RevisionField } from '@/components/ui/revision-field';
import type { ActionResult } from '@/lib/actions/safe-action';
import { ctime } from '@/lib/core/clock';
import type { DeleteGuardSetting } from '@/lib/dirsync/delete-guard';

/**
 * The delete guard's limits (docs/engine.md, "Delete guard") as a small form, with the import it
 * holds, if any, and the way to Health where it is applied anyway or discarded.
 */
export function DeleteGuardForm({
  action,
  target,
  guard,
  revision,
  disabled,
}: {
  /** The route's server action that saves the limits (components import no route). */
  action: (form: FormData) => Promise<ActionResult<unknown>>;
  target: string;
  guard: DeleteGuardSetting;
  revision: number;
  disabled: boolean;
}) {
  return (
    <div className="grid gap-1">
      <ActionForm action={action} label="Delete guard" submit="Save limits" done="{}" disabled={disabled}>
        <input type="hidden" name="target" value={target} />
        <RevisionField value={revision} />
        <p className="font-semibold">Delete guard</p>
        <p className="text-[12px]">Hold an import that removes more than (0 turns a limit off):</p>
        <div className="flex flex-wrap gap-3">
          <label className="grid gap-1">
            <span>Names</span>
            <input name="names" defaultValue={guard.names} inputMode="numeric" className="field w-24" />
          </label>
          <label className="grid gap-1">
            <span>Percent of the GAL</span>
            <input name="percent" defaultValue={guard.percent} inputMode="numeric" className="field w-24" />
          </label>
        </div>
      </ActionForm>
      {guard.hold ? (
        <p role="status" className="text-[12px] text-red-800">
          Held since {ctime(guard.hold.at)}: {guard.hold.source === 'RESYNC.GLB' ? 'a RESYNC.GLB' : 'SRVTRANS.GLB'} would remove {guard.hold.removed} of {guard.hold.gal} names
          (limit {guard.hold.limit}).{' '}
          <Link className="underline" href="/health">
            Apply anyway or discard it on the Health page
          </Link>
        </p>
      ) : (
        <p className="text-[12px] text-ink-muted">No import is held.</p>
      )}
    </div>
  );
}
