'use client';

import { useId, useRef, useState } from 'react';
import { useFieldError } from '@/components/sheet/property-sheet';

/**
 * Export Containers tab: the site's Recipient containers on the left, "Export these recipients" on
 * the right, Add and Remove between them (reference §5.4). Both lists are native multi-selects, so
 * the keyboard works as in any list box. Sends one `exportContainers` per exported container (and
 * an empty one, so an emptied list is sent too).
 */
export function ExportContainersField({ site, containers, selected: initial }: { site: string; containers: string[]; selected: string[] }) {
  const [selected, setSelected] = useState(initial);
  const left = useRef<HTMLSelectElement>(null);
  const right = useRef<HTMLSelectElement>(null);
  const id = useId();
  const error = useFieldError('exportContainers');
  const available = containers.filter((c) => !selected.includes(c));
  const picked = (el: HTMLSelectElement | null) => (el ? [...el.selectedOptions].map((o) => o.value) : []);

  return (
    <div className="grid gap-2">
      <input type="hidden" name="exportContainers" value="" />
      {selected.map((c) => (
        <input key={c} type="hidden" name="exportContainers" value={c} />
      ))}
      <label className="grid gap-1 sm:w-64">
        <span>Site</span>
        <select className="field" defaultValue={site} aria-describedby={`${id}-site`}>
          <option value={site}>{site}</option>
        </select>
        <span id={`${id}-site`} className="text-[12px] text-ink-muted">
          This organization has one site here.
        </span>
      </label>
      <div className="grid items-center gap-2 sm:grid-cols-[1fr_auto_1fr]">
        <label className="grid gap-1">
          <span>Recipient containers</span>
          <select ref={left} multiple size={5} className="field min-h-28">
            {available.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2 sm:flex-col">
          <button type="button" className="button min-w-24" onClick={() => setSelected((s) => [...s, ...picked(left.current)].sort((a, b) => a.localeCompare(b)))}>
            Add
          </button>
          <button type="button" className="button min-w-24" onClick={() => setSelected((s) => s.filter((c) => !picked(right.current).includes(c)))}>
            Remove
          </button>
        </div>
        <label className="grid gap-1">
          <span>Export these recipients</span>
          <select ref={right} multiple size={5} className="field min-h-28" aria-invalid={!!error || undefined} aria-describedby={error ? id : undefined}>
            {selected.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {selected.length === 0 ? <p className="text-[12px] text-ink-muted">Nothing is exported: by default a dirsync requestor does not export any recipient objects.</p> : null}
      {error ? (
        <p id={id} className="text-[12px] text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
