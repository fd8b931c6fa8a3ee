'use client';

import type { KeyboardEvent, ReactNode } from 'react';

/**
 * A single-selection list with column headings (the Connections, MTA Services and queue lists):
 * click or arrow keys select, Home/End jump, Enter runs `onOpen` (Modify…, Configure…).
 */
export function SelectList<T>({
  label,
  items,
  columns,
  selected,
  onSelect,
  onOpen,
  itemKey,
  itemLabel,
  empty,
  minWidth = '24rem',
}: {
  label: string;
  items: T[];
  columns: { heading: string; width: string; cell: (item: T) => ReactNode }[];
  selected: number;
  onSelect: (k: number) => void;
  onOpen?: (k: number) => void;
  itemKey: (item: T) => string;
  itemLabel: (item: T) => string;
  empty: string;
  /** Below this width the list scrolls sideways instead of squeezing its columns. */
  minWidth?: string;
}) {
  const grid = { gridTemplateColumns: columns.map((c) => c.width).join(' ') };
  const onKey = (e: KeyboardEvent) => {
    if (!items.length) return;
    if (e.key === 'ArrowDown') onSelect(Math.min(selected + 1, items.length - 1));
    else if (e.key === 'ArrowUp') onSelect(Math.max(selected - 1, 0));
    else if (e.key === 'Home') onSelect(0);
    else if (e.key === 'End') onSelect(items.length - 1);
    else if (e.key === 'Enter' && onOpen) onOpen(selected);
    else return;
    e.preventDefault();
  };
  const id = label.replace(/\W+/g, '-').toLowerCase();
  return (
    <div className="bevel-sunken min-w-0 overflow-auto bg-white">
      <div style={{ minWidth }}>
      <div aria-hidden="true" className="grid border-b border-chrome-shadow/40 bg-chrome px-2 py-0.5 text-[12px] font-semibold" style={grid}>
        {columns.map((c) => (
          <span key={c.heading} className="truncate pr-2">
            {c.heading}
          </span>
        ))}
      </div>
      <ul
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={items.length ? `${id}-${selected}` : undefined}
        onKeyDown={onKey}
        className="min-h-28 outline-none focus-visible:outline-dotted"
      >
        {/* An empty listbox still owns an option (ARIA): the empty text, unavailable. */}
        {items.length === 0 ? (
          <li role="option" aria-selected="false" aria-disabled="true" className="px-2 py-1 text-ink-muted">
            {empty}
          </li>
        ) : null}
        {items.map((item, k) => (
          <li
            key={itemKey(item)}
            id={`${id}-${k}`}
            role="option"
            aria-selected={k === selected}
            aria-label={itemLabel(item)}
            onClick={() => onSelect(k)}
            onDoubleClick={() => onOpen?.(k)}
            className={`grid cursor-default px-2 py-0.5 ${k === selected ? 'bg-select text-white' : ''}`}
            style={grid}
          >
            {columns.map((c) => (
              <span key={c.heading} className="truncate pr-2">
                {c.cell(item)}
              </span>
            ))}
          </li>
        ))}
      </ul>
      </div>
    </div>
  );
}
