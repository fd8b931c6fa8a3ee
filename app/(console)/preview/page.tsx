import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { sharedDatabase } from '@/db/client';
import { requirePageSession } from '@/lib/auth/request';
import { DirsyncError } from '@/lib/core/errors';
import { previewCycle, type CyclePreview } from '@/lib/manual/preview-cycle';
import { allRequestors } from '@/lib/manual/cycle-network';
import { ChildWindow } from '@/components/console/child-window';
import { CyclePreviewCard } from '@/components/wizard/cycle-preview';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Preview of the next cycle' };

/**
 * The Preview button of a requestor's page (an MS Mail postoffice, an Exchange server's Dirsync
 * Requestor): its next cycle, made by running the cycle of its DSS's network and rolling it back.
 * Reading only: a View Only Admin sees it too.
 */
export default async function PreviewPage({ searchParams }: { searchParams: Promise<{ requestor?: string }> }) {
  const { requestor } = await searchParams;
  const name = typeof requestor === 'string' ? requestor.slice(0, 100) : '';
  await requirePageSession(`/preview?requestor=${encodeURIComponent(name)}`);
  const db = sharedDatabase();
  const requestors = allRequestors(db);
  // The engine reads a requestor's name in any case; so does the picker.
  const chosen = requestors.find((r) => r.toUpperCase() === name.toUpperCase());
  const shown = chosen ?? name;
  let preview: CyclePreview | { error: string } | null = null;
  try {
    if (name) preview = previewCycle(db, name);
  } catch (e) {
    if (!(e instanceof DirsyncError)) throw e;
    preview = { error: e.message };
  }
  return (
    <ChildWindow
      title={`Preview of the next cycle${shown ? ` - ${shown}` : ''}`}
      toolbar={
        <div role="toolbar" aria-label="Preview" className="flex flex-wrap gap-1.5 border-b border-chrome-shadow/40 px-1.5 py-1">
          {name ? (
            <Link href={`/preview?requestor=${encodeURIComponent(shown)}`} className="button px-2.5" prefetch={false}>
              Preview again
            </Link>
          ) : null}
          <Link href="/wizards/manual/new" className="button px-2.5">
            Manual Dirsync Wizard…
          </Link>
        </div>
      }
    >
      <div className="grid gap-2 overflow-auto p-1">
        <p className="max-w-prose text-[13px]">
          What the next cycle would do for this requestor — T1 on every requestor of its dirsync server, the mail carried, T2, the mail carried back, T3 — computed by
          running it and rolling it back: nothing was changed.
        </p>
        {/* Which requestor: a plain GET form, so it works before the page's scripts have loaded. */}
        <form method="get" action="/preview" className="flex flex-wrap items-center gap-1.5">
          <label htmlFor="preview-requestor">Requestor:</label>
          <select id="preview-requestor" name="requestor" defaultValue={chosen} className="field min-w-48">
            {requestors.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit" className="button px-2.5" disabled={!requestors.length}>
            Preview
          </button>
          {!requestors.length ? <span className="text-[12px] text-ink-muted">No dirsync server has a requestor yet.</span> : null}
        </form>
        {preview === null ? (
          <p className="text-[13px]">Choose a requestor and Preview; a requestor’s own page has a Preview button too.</p>
        ) : 'error' in preview ? (
          <p role="alert" className="text-red-800">
            The preview cannot be made: {preview.error}
          </p>
        ) : (
          <CyclePreviewCard p={preview} />
        )}
      </div>
    </ChildWindow>
  );
}
