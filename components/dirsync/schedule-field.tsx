'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { useFieldError } from '@/components/sheet/property-sheet';
import { weekGridMove } from '@/components/ui/week-grid-keys';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

type Style = 'never' | 'always' | 'selected';

/**
 * The Schedule tab: Never / Always / Selected times and the 7 × 24 hour grid (reference §5.3).
 * The grid is a WAI-ARIA grid of toggle buttons named like "Saturday 13:00": one tab stop, the
 * arrow keys move (Home/End along a day), Space or Enter toggles. Toggling an hour chooses
 * Selected times. Sends `style` and `grid` (168 × 0/1, Sunday 00:00 first).
 */
export function ScheduleField({ style: initialStyle, grid: initialGrid, note }: { style: Style; grid: string; note: string }) {
  const [style, setStyle] = useState<Style>(initialStyle);
  const [cells, setCells] = useState(() => initialGrid.split('').map((c) => c === '1'));
  const [focus, setFocus] = useState(() => Math.max(0, initialGrid.indexOf('1')));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const gridError = useFieldError('grid');
  const styleError = useFieldError('style');
  const error = gridError ?? styleError;

  const toggle = (k: number) => {
    setCells((c) => c.map((v, i) => (i === k ? !v : v)));
    setStyle('selected');
    setFocus(k);
  };
  const moveTo = (k: number) => {
    setFocus(k);
    refs.current[k]?.focus();
  };
  const onKey = (e: KeyboardEvent, k: number) => {
    const next = weekGridMove(e.key, k);
    if (next === undefined) return;
    e.preventDefault();
    if (next !== null) moveTo(next);
  };
  const count = cells.filter(Boolean).length;

  return (
    <div className="grid gap-3">
      <input type="hidden" name="style" value={style} />
      <input type="hidden" name="grid" value={cells.map((c) => (c ? '1' : '0')).join('')} />
      <fieldset className="flex flex-wrap gap-x-6 gap-y-1">
        <legend className="mb-1">Schedule</legend>
        {(
          [
            ['never', 'Never'],
            ['always', 'Always'],
            ['selected', 'Selected times'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="style-choice" value={value} checked={style === value} onChange={() => setStyle(value)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <p id="schedule-note" className="text-[12px] text-ink-muted">
        {note}{' '}
        {style === 'selected'
          ? `${count} hour${count === 1 ? '' : 's'} selected.`
          : style === 'always'
            ? 'Always: every hour, whatever the grid shows.'
            : 'Never: no cycle starts, whatever the grid shows.'}
      </p>
      <div className={`bevel-sunken overflow-x-auto bg-white p-1 ${style === 'selected' ? '' : '[&_button]:opacity-50'}`}>
        <table role="grid" aria-label="Schedule grid" aria-describedby="schedule-note" className="border-collapse text-[11px] tabular-nums">
          <thead>
            <tr>
              <td />
              {HOURS.map((h) => (
                <th key={h} scope="col" role="columnheader" aria-label={hh(h)} className="w-[22px] px-0 text-center font-normal text-ink-muted">
                  {h % 2 === 0 ? h : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAYS.map((day, d) => (
              <tr key={day}>
                <th scope="row" role="rowheader" className="pr-2 text-left font-normal whitespace-nowrap">
                  {day.slice(0, 3)}
                  <span className="sr-only">{day.slice(3)}</span>
                </th>
                {HOURS.map((h) => {
                  const k = d * 24 + h;
                  return (
                    <td key={h} role="gridcell" className="p-0">
                      <button
                        ref={(el) => {
                          refs.current[k] = el;
                        }}
                        type="button"
                        aria-pressed={cells[k]}
                        aria-label={`${day} ${hh(h)}`}
                        tabIndex={k === focus ? 0 : -1}
                        onClick={() => toggle(k)}
                        onKeyDown={(e) => onKey(e, k)}
                        onFocus={() => setFocus(k)}
                        className={`grid-hour w-[22px] ${cells[k] ? 'bg-select' : 'bg-white hover:bg-chrome-light'}`}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? <p className="text-[12px] text-red-800">{error}</p> : null}
    </div>
  );
}
