'use client';

import Link from 'next/link';
import type { RecipientListRow } from '@/lib/queries/recipients-view';
import { describeDeletable, useListSelection } from '@/components/console/selection';

export interface SortHeading {
  label: string;
  href: string;
  sort?: 'ascending' | 'descending';
}

const th = 'bg-chrome bevel-raised px-2 py-1 text-left text-[12px] font-normal whitespace-nowrap';
const td = 'px-2 py-1 whitespace-nowrap';

/**
 * A recipients container's page of rows as a grid with one selected recipient (arrow keys,
 * Home/End; Enter or double-click opens its sheet; Del is Edit ▸ Delete). Sorting and paging stay
 * links (the URL holds them), so the server pages in SQL.
 */
export function RecipientsList({ caption, rows, headings, here, server, canDelete }: { caption: string; rows: RecipientListRow[]; headings: SortHeading[]; here: string; server: string; canDelete: boolean }) {
  const { rowProps, focusProps } = useListSelection({
    items: rows,
    keyOf: (r) => r.alias,
    describe: (r) => ({
      kind: r.type,
      name: r.displayName,
      href: `${here}/${encodeURIComponent(r.alias)}/general`,
      ...describeDeletable(
        canDelete,
        // The hidden NET/PO/$SYSTEM recipient goes with its dirsync object.
        r.alias.endsWith('.$SYSTEM') ? undefined : { kind: 'recipient', server, alias: r.alias },
        'This recipient belongs to a dirsync object: delete that object instead',
      ),
    }),
  });
  return (
    <table role="grid" aria-labelledby="recipients-caption" className="w-full min-w-[640px] border-separate border-spacing-0 text-[13px]">
      <caption id="recipients-caption" className="px-2 py-1.5 text-left font-semibold">
        {caption}
      </caption>
      <thead className="sticky top-0">
        <tr>
          {headings.map((h) => (
            <th key={h.label} scope="col" className={th} aria-sort={h.sort}>
              <Link href={h.href} className="flex items-center gap-1">
                {h.label}
                <span aria-hidden="true" className="w-3 text-[10px]">
                  {h.sort ? (h.sort === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </Link>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={4} className="px-2 py-3 text-ink-muted">
              This container is empty.
            </td>
          </tr>
        ) : (
          rows.map((r, k) => (
            <tr
              key={r.alias}
              {...rowProps(k)}
              className={`cursor-default aria-selected:bg-select aria-selected:text-white ${r.hidden ? 'text-ink-muted' : ''} [&:not([aria-selected=true])]:hover:bg-chrome-light`}
            >
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={`${here}/${encodeURIComponent(r.alias)}/general`} {...focusProps(k)} className="underline-offset-2 outline-none hover:underline focus-visible:outline-dotted focus-visible:outline-1">
                  {r.displayName}
                </Link>
                {r.hidden ? <span className="chip ml-2 text-[11px] text-ink">Hidden</span> : null}
              </th>
              <td className={td}>{r.alias}</td>
              <td className={td}>
                {r.type}
                {r.importedBy ? <span className="opacity-75"> · imported by {r.importedBy}</span> : null}
              </td>
              <td className={`${td} text-right tabular-nums`}>{r.trust}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
