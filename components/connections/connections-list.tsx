'use client';

import Link from 'next/link';
import type { ConnectionObject } from '@/lib/queries/connections-view';
import { describeDeletable, useListSelection, type DeleteTarget } from '@/components/console/selection';
import { SortHeading, useSort, type SortColumn } from '@/components/ui/sortable';

const COLUMNS: SortColumn<ConnectionObject>[] = [
  { key: 'displayName', label: 'Display Name', value: (o) => o.displayName },
  { key: 'type', label: 'Type', value: (o) => `${o.type}\u0000${o.displayName}` },
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
 * a heading, again to reverse). A grid with one selected row (components/console/selection.tsx):
 * arrow keys, Home and End move it; Enter opens the selected object's property sheet, as
 * double-click and File ▸ Properties do; Del deletes a dirsync object (Edit ▸ Delete).
 */
export function ConnectionsList({ objects, server, canDelete = false }: { objects: ConnectionObject[]; server?: string; canDelete?: boolean }) {
  const { sorted, sort, toggle } = useSort(objects, COLUMNS);
  const { rowProps, focusProps } = useListSelection({
    items: sorted,
    keyOf: (o) => o.href,
    describe: (o) => ({
      kind: o.type,
      name: o.displayName,
      href: o.href,
      // The MS Mail Connector has no delete verb in the model; the dirsync objects do.
      ...describeDeletable(canDelete, server ? deleteTarget(o, server) : undefined, 'The MS Mail Connector cannot be deleted in this console'),
    }),
  });
  return (
    <div data-contents-list className="bevel-sunken min-h-48 flex-1 overflow-auto bg-white">
      <table role="grid" aria-label="Connections" className="w-full border-collapse text-left">
        <thead className="sticky top-0">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeading key={c.key} label={c.label} active={sort.key === c.key} desc={sort.desc} onSort={() => toggle(c.key)} />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={2} className="px-2 py-1 text-ink-muted">
                This container is empty.
              </td>
            </tr>
          ) : null}
          {sorted.map((o, k) => (
            <tr key={o.href} {...rowProps(k)} className="aria-selected:bg-select aria-selected:text-white">
              <td className="px-2 py-0.5">
                <Link href={o.href} {...focusProps(k)} className="outline-none focus-visible:outline-dotted focus-visible:outline-1">
                  {o.displayName}
                </Link>
              </td>
              <td className="px-2 py-0.5">{o.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
