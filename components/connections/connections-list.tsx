'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConnectionObject } from '@/lib/queries/connections-view';

type Key = 'displayName' | 'type';

/**
 * The Connections container's contents: Display Name and Type, sortable by either column (click
 * a heading, again to reverse). Arrow keys, Home and End move the selection; Enter opens the
 * selected object's property sheet, as double-click does.
 */
export function ConnectionsList({ objects }: { objects: ConnectionObject[] }) {
  const router = useRouter();
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'displayName', desc: false });
  const [selected, setSelected] = useState(0);
  const rows = useRef(new Map<number, HTMLAnchorElement>());
  const sorted = useMemo(() => {
    const list = [...objects].sort((a, b) => a[sort.key].localeCompare(b[sort.key], 'en', { sensitivity: 'base' }) || a.displayName.localeCompare(b.displayName));
    return sort.desc ? list.reverse() : list;
  }, [objects, sort]);
  const move = (k: number) => {
    setSelected(k);
    rows.current.get(k)?.focus();
  };
  const onKey = (e: KeyboardEvent, k: number) => {
    if (e.key === 'ArrowDown') move(Math.min(k + 1, sorted.length - 1));
    else if (e.key === 'ArrowUp') move(Math.max(k - 1, 0));
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(sorted.length - 1);
    else return;
    e.preventDefault();
  };
  const heading = (key: Key, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'} className="p-0 text-left font-normal">
      <button
        type="button"
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}
        className="bevel-raised flex w-full items-center justify-between bg-chrome px-2 py-0.5 text-[12px] font-semibold"
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.desc ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <div className="bevel-sunken min-h-48 flex-1 overflow-auto bg-white">
      <table aria-label="Connections" className="w-full border-collapse text-left">
        <thead className="sticky top-0">
          <tr>
            {heading('displayName', 'Display Name')}
            {heading('type', 'Type')}
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
            <tr key={o.href} className={k === selected ? 'bg-select text-white' : ''} onClick={() => setSelected(k)} onDoubleClick={() => router.push(o.href)}>
              <td className="px-2 py-0.5">
                <Link
                  href={o.href}
                  ref={(el) => {
                    if (el) rows.current.set(k, el);
                  }}
                  tabIndex={k === selected ? 0 : -1}
                  onKeyDown={(e) => onKey(e, k)}
                  onFocus={() => setSelected(k)}
                  className="outline-none focus-visible:outline-dotted focus-visible:outline-1"
                >
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
