'use client';

import type { RecipientListRow } from '@/lib/queries/recipients-view';
import { describeDeletable } from '@/components/console/selection';
import { SortableGrid, type GridColumn, type LinkHeading } from '@/components/ui/sortable-grid';

/** A heading of the list: the server sorts (the link holds the order). */
export type SortHeading = LinkHeading;

const td = 'px-2 py-1 whitespace-nowrap';
// Long names (a postoffice's hidden NET/PO/$SYSTEM recipient) are cut short, whole in the tooltip,
// so that Type and Trust level stay in view in an 800 px window.
const COLUMNS: GridColumn<RecipientListRow>[] = [
  { key: 'displayName', label: 'Display Name', value: (r) => r.displayName, cellClass: td, title: (r) => r.displayName },
  { key: 'alias', label: 'Alias', value: (r) => r.alias, cellClass: td, title: (r) => r.alias, cell: (r) => <span className="block max-w-[12rem] truncate">{r.alias}</span> },
  { key: 'type', label: 'Type', value: (r) => r.type, cellClass: td, cell: (r) => r.type },
  { key: 'trust', label: 'Trust level', value: (r) => r.trust, cellClass: `${td} text-right tabular-nums`, cell: (r) => r.trust },
  // Last, and cut short (its whole text in the tooltip): the column that gives way in a narrow window.
  {
    key: 'importedBy',
    label: 'Imported by',
    value: (r) => r.importedBy ?? '',
    cellClass: td,
    title: (r) => r.importedBy ?? undefined,
    cell: (r) => <span className="block max-w-[16rem] truncate">{r.importedBy}</span>,
  },
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
      link={(r) => ({ href: href(r), text: <span className="inline-block max-w-[13rem] truncate align-bottom">{r.displayName}</span>, after: r.hidden ? <span className="chip ml-2 text-[11px] text-ink">Hidden</span> : null })}
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
