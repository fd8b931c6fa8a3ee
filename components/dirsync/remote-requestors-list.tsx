'use client';

import type { RemoteRequestorRowView } from '@/lib/queries/dirsync-objects';
import { describeDeletable } from '@/components/console/selection';
import { SortableGrid, type GridColumn } from '@/components/ui/sortable-grid';
import { routes } from '@/lib/console/routes';

const td = 'px-2 py-1 whitespace-nowrap';
const num = `${td} text-right tabular-nums`;
const COLUMNS: GridColumn<RemoteRequestorRowView>[] = [
  // Long names give way too (cut, whole in a tooltip), so the numbers and Export on next cycle stay in view at 800 px.
  { key: 'name', label: 'Display Name', value: (r) => r.name, cellClass: `${td} max-w-48 truncate`, title: (r) => r.name },
  { key: 'postoffice', label: 'Postoffice', value: (r) => r.postoffice, cellClass: `${td} max-w-48 truncate`, title: (r) => r.postoffice, cell: (r) => r.postoffice },
  // The containers give way: cut to a width (whole text in a tooltip), hidden below lg (the sheet shows them).
  { key: 'import', label: 'Import container', value: (r) => r.importContainer ?? '', thClass: 'max-lg:hidden', cellClass: `${td} max-w-40 truncate max-lg:hidden`, title: (r) => r.importContainer ?? undefined, cell: (r) => r.importContainer ?? '—' },
  { key: 'export', label: 'Export containers', value: (r) => r.exportContainers.join(', '), thClass: 'max-lg:hidden', cellClass: `${td} max-w-56 truncate max-lg:hidden`, title: (r) => r.exportContainers.join(', '), cell: (r) => r.exportContainers.join(', ') || '(none)' },
  { key: 'trust', label: 'Trust level', value: (r) => r.exportTrust, thClass: 'max-lg:hidden', cellClass: `${num} max-lg:hidden`, cell: (r) => r.exportTrust },
  { key: 'reqSync', label: 'ReqSync', value: (r) => r.reqSync, cellClass: num, cell: (r) => r.reqSync },
  { key: 'srvSync', label: 'SrvSync', value: (r) => r.srvSync, cellClass: num, cell: (r) => r.srvSync },
  { key: 'impSync', label: 'ImpSync', value: (r) => r.impSync, cellClass: num, cell: (r) => r.impSync },
  { key: 'exportNext', label: 'Export on next cycle', value: (r) => (r.exportNext ? 1 : 0), cellClass: td, cell: (r) => (r.exportNext ? 'Yes' : '') },
];

/**
 * The Dirsync Server's Remote Dirsync Requestors as a grid with one selected row, sortable by any
 * column (click a heading, again to reverse): arrow keys,
 * Home/End; Enter or double-click opens its sheet; Del is Edit ▸ Delete.
 */
export function RemoteRequestorsList({ rows, server, canDelete }: { rows: RemoteRequestorRowView[]; server: string; canDelete: boolean }) {
  const href = (r: RemoteRequestorRowView) => routes.remoteRequestor(server, r.postoffice);
  return (
    <SortableGrid
      label="Remote Dirsync Requestors"
      captionId="rr-caption"
      className="w-full min-w-[560px] border-separate border-spacing-0 text-[13px]"
      columns={COLUMNS}
      rows={rows}
      keyOf={(r) => r.postoffice}
      link={(r) => ({ href: href(r), text: r.name })}
      empty="No Remote Dirsync Requestors yet: File ▸ New Other ▸ Remote Dirsync Requestor."
      describe={(r) => ({
        kind: 'Remote Dirsync Requestor',
        name: r.name,
        href: href(r),
        ...describeDeletable(canDelete, { kind: 'remote-requestor', server, postoffice: r.postoffice }, ''),
      })}
    />
  );
}
