'use client';

import Link from '@/components/ui/link';
import { useSoftLinks } from '@/components/ui/soft-links';
import type { ReactNode } from 'react';
import { useListSelection, type SelectedObject } from '@/components/console/selection';
import { SortHeading, useSort, type SortColumn } from './sortable';

/** A column of a SortableGrid: its heading, what it sorts by (in the browser) and its cell. */
export interface GridColumn<T> extends SortColumn<T> {
  /** The cell's content; the first column's holds the row's link (`link` in SortableGrid). */
  cell?: (row: T) => ReactNode;
  /** Classes of the cell (td, or the row heading th). */
  cellClass?: string;
  /** The cell's tooltip (the whole text of a cut-off cell). */
  title?: (row: T) => string | undefined;
}

/** A heading that sorts by a link (the server sorts and pages: the URL holds the order). */
export interface LinkHeading {
  label: string;
  href: string;
  sort?: 'ascending' | 'descending';
}

const ROW = 'cursor-default aria-selected:bg-select aria-selected:text-white [&:not([aria-selected=true])]:hover:bg-chrome-light';
const LINK = 'underline-offset-2 outline-none hover:underline focus-visible:outline-dotted focus-visible:outline-1';
const LINK_TH = 'bg-chrome bevel-raised px-2 py-1 text-left text-[12px] font-normal whitespace-nowrap';

/**
 * The console's contents grid (Connections, Remote Dirsync Requestors, a recipients container): a
 * `role="grid"` table with one selected row (components/console/selection.tsx — arrow keys,
 * Home/End; Enter or double-click opens the row's sheet; Del is Edit ▸ Delete), its first cell a
 * link to the row's sheet. Sorted in the browser by any column with a `value` (click a heading,
 * again to reverse), or by `linkHeadings` when the server sorts and pages.
 */
export function SortableGrid<T>({
  label,
  captionId,
  className,
  columns,
  rows,
  keyOf,
  link,
  describe,
  empty,
  rowHeaders = true,
  rowClass,
  linkHeadings,
}: {
  /** The grid's name: its caption (with `captionId`, which a region around it may point at) or else its aria-label. */
  label: string;
  captionId?: string;
  className: string;
  columns: GridColumn<T>[];
  rows: T[];
  keyOf: (row: T) => string;
  /** The first column's link: where the row's sheet is, and its text. */
  link: (row: T) => { href: string; text: ReactNode; after?: ReactNode };
  describe: (row: T) => SelectedObject;
  empty: ReactNode;
  /** The first cell is the row's heading (`th scope="row"`). */
  rowHeaders?: boolean;
  rowClass?: (row: T) => string;
  linkHeadings?: LinkHeading[];
}) {
  const { sorted, sort, toggle } = useSort(rows, columns);
  const shown = linkHeadings ? rows : sorted;
  const { rowProps, focusProps } = useListSelection({ items: shown, keyOf, describe });
  // The rows' links are plain anchors opened by one handler (components/ui/soft-links.ts).
  const openLink = useSoftLinks();
  return (
    <table role="grid" aria-label={captionId ? undefined : label} aria-labelledby={captionId} className={className}>
      {captionId ? (
        <caption id={captionId} className="px-2 py-1.5 text-left font-semibold">
          {label}
        </caption>
      ) : null}
      <thead className="sticky top-0">
        <tr>
          {linkHeadings
            ? linkHeadings.map((h) => (
                <th key={h.label} scope="col" className={LINK_TH} aria-sort={h.sort}>
                  <Link href={h.href} className="flex items-center gap-1">
                    {h.label}
                    <span aria-hidden="true" className="w-3 text-[10px]">
                      {h.sort ? (h.sort === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </Link>
                </th>
              ))
            : columns.map((c) => <SortHeading key={c.key} label={c.label} thClass={c.thClass} active={sort.key === c.key} desc={sort.desc} onSort={() => toggle(c.key)} />)}
        </tr>
      </thead>
      <tbody onClick={openLink}>
        {shown.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="px-2 py-3 text-ink-muted">
              {empty}
            </td>
          </tr>
        ) : (
          shown.map((r, k) => {
            const l = link(r);
            const [first, ...rest] = columns;
            const firstContent = (
              <>
                <a href={l.href} {...focusProps(k)} className={LINK}>
                  {l.text}
                </a>
                {l.after}
              </>
            );
            return (
              <tr key={keyOf(r)} {...rowProps(k)} className={`${ROW} ${rowClass?.(r) ?? ''}`}>
                {rowHeaders ? (
                  <th scope="row" className={`${first.cellClass ?? ''} text-left font-normal`} title={first.title?.(r)}>
                    {firstContent}
                  </th>
                ) : (
                  <td className={first.cellClass} title={first.title?.(r)}>
                    {firstContent}
                  </td>
                )}
                {rest.map((c) => (
                  <td key={c.key} className={c.cellClass} title={c.title?.(r)}>
                    {c.cell?.(r)}
                  </td>
                ))}
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}
