'use client';

import type { ConnectionObject } from '@/lib/queries/connections-view';
import { describeDeletable, type DeleteTarget } from '@/components/console/selection';
import { SortableGrid, type GridColumn } from '@/components/ui/sortable-grid';

const td = 'px-2 py-0.5';
const COLUMNS: GridColumn<ConnectionObject>[] = [
  { key: 'displayName', label: 'Display Name', value: (o) => o.displayName, cellClass: td },
  { key: 'type', label: 'Type', value: (o) => `${o.type}\u0000${o.displayName}`, cellClass: td, cell: (o) => o.type },
];

const deleteTarget = (o: ConnectionObject, server: string): DeleteTarget | undefined =>
  o.type === 'Remote Dirsync Requestor' && o.postoffice
    ? { kind: 'remote-requestor', server, postoffice: o.postoffice }
    : o.type === 'Dirsync Server'
      ? { kind: 'dirsync-server', server }
      : o.type === 'Dirsync Requestor'
        ? { kind: 'dirsync-requestor', server }
        : undefined;

/**
 * The Connections container's contents: Display Name and Type, sortable by either column (click
 * a heading, again to reverse). A grid with one selected row (components/ui/sortable-grid.tsx):
 * arrow keys, Home and End move it; Enter opens the selected object's property sheet, as
 * double-click and File ▸ Properties do; Del deletes a dirsync object (Edit ▸ Delete).
 */
export function ConnectionsList({ objects, server, canDelete = false }: { objects: ConnectionObject[]; server?: string; canDelete?: boolean }) {
  return (
    <div data-contents-list className="bevel-sunken min-h-48 flex-1 overflow-auto bg-white">
      <SortableGrid
        label="Connections"
        className="w-full border-collapse text-left"
        columns={COLUMNS}
        rows={objects}
        keyOf={(o) => o.href}
        link={(o) => ({ href: o.href, text: o.displayName })}
        rowHeaders={false}
        empty="This container is empty."
        describe={(o) => ({
          kind: o.type,
          name: o.displayName,
          href: o.href,
          // The MS Mail Connector has no delete verb in the model; the dirsync objects do.
          ...describeDeletable(canDelete, server ? deleteTarget(o, server) : undefined, 'The MS Mail Connector cannot be deleted in this console'),
        })}
      />
    </div>
  );
}
