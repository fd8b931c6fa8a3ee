'use client';

import { useMemo, useState } from 'react';

/** A column a list can be sorted by: its heading and the text or number it sorts on. */
export interface SortColumn<T> {
  key: string;
  label: string;
  value: (row: T) => string | number;
  /** Classes for the heading cell (e.g. hiding a column that gives way on narrow windows). */
  thClass?: string;
}

const compare = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { sensitivity: 'base', numeric: true });

/**
 * Click a heading to sort by it, again to reverse — the Administrator's list views. Ties keep
 * the order the rows came in (Array.prototype.sort is stable).
 */
export function useSort<T>(rows: T[], columns: SortColumn<T>[], initial = columns[0].key) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: initial, desc: false });
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[0];
    const list = [...rows].sort((a, b) => compare(column.value(a), column.value(b)));
    return sort.desc ? list.reverse() : list;
  }, [rows, columns, sort]);
  const toggle = (key: string) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));
  return { sorted, sort, toggle };
}

/** A column heading that sorts: a button inside the `th`, with aria-sort on the `th`. */
export function SortHeading({
  label,
  active,
  desc,
  onSort,
  className = '',
  thClass = '',
}: {
  label: string;
  active: boolean;
  desc: boolean;
  onSort: () => void;
  className?: string;
  thClass?: string;
}) {
  return (
    <th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'} className={`p-0 text-left font-normal ${thClass}`}>
      <button type="button" onClick={onSort} className={`bevel-raised flex w-full items-center justify-between gap-2 bg-chrome px-2 py-0.5 text-[12px] font-semibold whitespace-nowrap ${className}`}>
        {label}
        <span aria-hidden="true">{active ? (desc ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );
}
