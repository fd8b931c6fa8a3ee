'use client';

import type { RecipientListRow } from '@/lib/queries/recipients-view';
import { describeDeletable } from '@/components/console/selection';
import { SortableGrid, type GridColumn, type LinkHeading } from '@/components/ui/sortable-grid';

/** A heading of the list: the server sorts (the link holds the order). */
export type SortHeading = LinkHeading;

const td = 'px-2 py-1 whitespace-nowrap';
const COLUMNS: GridColumn<RecipientListRow>[] = [
  { key: 'displayName', label: 'Display Name', value: (r) => r.displayName, cellClass: td },
  { key: 'alias', label: 'Alias', value: (r) => r.alias, cellClass: td, cell: (r) => r.alias },
  {
    key: 'type',
    label: 'Type',
    value: (r) => r.type,
    cellClass: td,
    cell: (r) => (
      <>
        {r.type}
        {r.importedBy ? <span className="opacity-75"> · imported by {r.importedBy}</span> : null}
      </>
    ),
  },
  { key: 'trust', label: 'Trust', value: (r) => r.trust, cellClass: `${td} text-right tabular-nums`, cell: (r) => r.trust },
];

/**
 * A recipients container's page of rows as a grid with one selected recipient (arrow keys,
 * Home/End; Enter or double-click opens its sheet; Del is Edit ▸ Delete). Sorting and paging stay
 * links (the URL holds them), so the server pages in SQL.
 */
export function RecipientsList({ caption, rows, headings, here, server, canDelete }: { caption: string; rows: RecipientListRow[]; headings: SortHeading[]; here: string; server: string; canDelete: boolean }) {
  const href = (r: RecipientListRow) => `${here}/${encodeURIComponent(r.alias)}/general`;
  return (
    <SortableGrid
      label={caption}
      captionId="recipients-caption"
      className="w-full min-w-[640px] border-separate border-spacing-0 text-[13px]"
      columns={COLUMNS}
      rows={rows}
      keyOf={(r) => r.alias}
      linkHeadings={headings}
      link={(r) => ({ href: href(r), text: r.displayName, after: r.hidden ? <span className="chip ml-2 text-[11px] text-ink">Hidden</span> : null })}
      rowClass={(r) => (r.hidden ? 'text-ink-muted' : '')}
      empty="This container is empty."
      describe={(r) => ({
        kind: r.type,
        name: r.displayName,
        href: href(r),
        ...describeDeletable(
          canDelete,
          // The hidden NET/PO/$SYSTEM recipient goes with its dirsync object.
          r.alias.endsWith('.$SYSTEM') ? undefined : { kind: 'recipient', server, alias: r.alias },
          'This recipient belongs to a dirsync object: delete that object instead',
        ),
      })}
    />
  );
}
