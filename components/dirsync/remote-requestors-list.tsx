'use client';

import Link from 'next/link';
import type { RemoteRequestorRowView } from '@/lib/queries/dirsync-objects';
import { describeDeletable, useListSelection } from '@/components/console/selection';
import { SortHeading, useSort, type SortColumn } from '@/components/ui/sortable';
import { routes } from '@/lib/console/routes';

const td = 'px-2 py-1 whitespace-nowrap';
const COLUMNS: SortColumn<RemoteRequestorRowView>[] = [
  { key: 'name', label: 'Display Name', value: (r) => r.name },
  { key: 'postoffice', label: 'Postoffice', value: (r) => r.postoffice },
  // The containers give way: cut to a width (whole text in a tooltip), hidden below lg (the sheet shows them).
  { key: 'import', label: 'Import container', value: (r) => r.importContainer ?? '', thClass: 'max-lg:hidden' },
  { key: 'export', label: 'Export containers', value: (r) => r.exportContainers.join(', '), thClass: 'max-lg:hidden' },
  { key: 'trust', label: 'Trust level', value: (r) => r.exportTrust },
  { key: 'reqSync', label: 'ReqSync', value: (r) => r.reqSync },
  { key: 'srvSync', label: 'SrvSync', value: (r) => r.srvSync },
  { key: 'impSync', label: 'ImpSync', value: (r) => r.impSync },
  { key: 'exportNext', label: 'Export on next cycle', value: (r) => (r.exportNext ? 1 : 0) },
];

/**
 * The Dirsync Server's Remote Dirsync Requestors as a grid with one selected row, sortable by any
 * column (click a heading, again to reverse): arrow keys,
 * Home/End; Enter or double-click opens its sheet; Del is Edit ▸ Delete.
 */
export function RemoteRequestorsList({ rows, server, canDelete }: { rows: RemoteRequestorRowView[]; server: string; canDelete: boolean }) {
  const href = (r: RemoteRequestorRowView) => routes.remoteRequestor(server, r.postoffice);
  const { sorted, sort, toggle } = useSort(rows, COLUMNS);
  const { rowProps, focusProps } = useListSelection({
    items: sorted,
    keyOf: (r) => r.postoffice,
    describe: (r) => ({
      kind: 'Remote Dirsync Requestor',
      name: r.name,
      href: href(r),
      ...describeDeletable(canDelete, { kind: 'remote-requestor', server, postoffice: r.postoffice }, ''),
    }),
  });
  return (
    <table role="grid" aria-labelledby="rr-caption" className="w-full min-w-[560px] border-separate border-spacing-0 text-[13px]">
      <caption id="rr-caption" className="px-2 py-1.5 text-left font-semibold">
        Remote Dirsync Requestors
      </caption>
      <thead className="sticky top-0">
        <tr>
          {COLUMNS.map((c) => (
            <SortHeading key={c.key} label={c.label} thClass={c.thClass} active={sort.key === c.key} desc={sort.desc} onSort={() => toggle(c.key)} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={9} className="px-2 py-3 text-ink-muted">
              No Remote Dirsync Requestors yet: File ▸ New Other ▸ Remote Dirsync Requestor.
            </td>
          </tr>
        ) : (
          sorted.map((r, k) => (
            <tr key={r.postoffice} {...rowProps(k)} className="cursor-default aria-selected:bg-select aria-selected:text-white [&:not([aria-selected=true])]:hover:bg-chrome-light">
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={href(r)} {...focusProps(k)} className="underline-offset-2 outline-none hover:underline focus-visible:outline-dotted focus-visible:outline-1">
                  {r.name}
                </Link>
              </th>
              <td className={td}>{r.postoffice}</td>
              <td className={`${td} max-w-40 truncate max-lg:hidden`} title={r.importContainer ?? undefined}>
                {r.importContainer ?? '—'}
              </td>
              <td className={`${td} max-w-56 truncate max-lg:hidden`} title={r.exportContainers.join(', ')}>
                {r.exportContainers.join(', ') || '(none)'}
              </td>
              <td className={`${td} text-right tabular-nums`}>{r.exportTrust}</td>
              <td className={`${td} text-right tabular-nums`}>{r.reqSync}</td>
              <td className={`${td} text-right tabular-nums`}>{r.srvSync}</td>
              <td className={`${td} text-right tabular-nums`}>{r.impSync}</td>
              <td className={td}>{r.exportNext ? 'Yes' : ''}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
