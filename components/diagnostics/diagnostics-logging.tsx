'use client';

import { useContext, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { LoggingServiceView } from '@/lib/queries/connector-sheet';
import { useSheetState } from '@/components/sheet/property-sheet';
import { SavedRevisionContext } from '@/components/ui/revision-field';

const LEVELS = [
  { value: 0, label: 'None', help: 'Only critical events and error events are logged. This is the default.' },
  { value: 1, label: 'Minimum', help: 'Very high-level events are logged. Appropriate for the beginning of an investigation.' },
  { value: 3, label: 'Medium', help: 'Appropriate when the problem has been narrowed to a service or group of categories.' },
  { value: 5, label: 'Maximum', help: 'A complete trail of the operation of the service. Appropriate when the problem has been traced to a particular category.' },
] as const;
const nameOf = (level: number) => LEVELS.find((l) => l.value === level)?.label ?? (level === 7 ? 'Field Engineering' : String(level));

/**
 * The Diagnostics Logging tab (docs/exchange.md, "Diagnostics logging levels"): a Services list, the chosen
 * service's Categories with their current logging level, and the four levels as radio buttons.
 * Select one or more categories (click, Ctrl/Shift+click, arrows, Shift+arrows, Space, Ctrl+A),
 * choose a level; Apply on the surrounding sheet saves every change (the hidden "changes" field).
 * On 4.0–5.5 a level set differs from the one in force until the service restarts. The page is
 * not made again after Apply: the service and categories chosen stay as they were.
 */
export function DiagnosticsLogging({ services, version, initialService }: { services: LoggingServiceView[]; version: string; initialService?: string }) {
  // The service chosen stays chosen after Apply (it was reset to the first, so a PC MTA change looked lost).
  // It starts at the one the address names (`?service=`, Health's "Open Diagnostics Logging"), else the first.
  const [serviceIndex, setServiceIndex] = useSheetState('diagnostics-service', Math.max(0, services.findIndex((s) => s.name === initialService)));
  const [edits, setEdits] = useState<Record<string, number>>({});
  // This page's own save: its edits are now the levels set, shown from the refreshed page.
  const saved = useContext(SavedRevisionContext)?.seq;
  useEffect(() => {
    if (saved) setEdits({});
  }, [saved]);
  const [selected, setSelected] = useState<Set<number>>(new Set([0]));
  const [cursor, setCursor] = useState(0);
  const [anchor, setAnchor] = useState(0);
  const service = services[serviceIndex];
  const key = (category: string) => `${service.name}\u0000${category}`;
  const levelOf = (category: string, stored: number) => edits[key(category)] ?? stored;
  const atOnce = version === '2000';

  const changes = useMemo(
    () =>
      Object.entries(edits)
        .map(([k, level]) => {
          const [svc, category] = k.split('\u0000');
          const stored = services.find((s) => s.name === svc)?.categories.find((c) => c.category === category)?.level;
          return stored === level ? null : { service: svc, category, level };
        })
        .filter((c) => c !== null),
    [edits, services],
  );

  const chosen = [...selected].filter((k) => k < service.categories.length);
  const chosenLevels = new Set(chosen.map((k) => levelOf(service.categories[k].category, service.categories[k].level)));
  const common = chosenLevels.size === 1 ? [...chosenLevels][0] : null;

  const pickService = (k: number) => {
    setServiceIndex(k);
    setSelected(new Set([0]));
    setCursor(0);
    setAnchor(0);
  };
  const onServiceKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') pickService(Math.min(serviceIndex + 1, services.length - 1));
    else if (e.key === 'ArrowUp') pickService(Math.max(serviceIndex - 1, 0));
    else if (e.key === 'Home') pickService(0);
    else if (e.key === 'End') pickService(services.length - 1);
    else return;
    e.preventDefault();
  };

  const range = (a: number, b: number) => new Set(Array.from({ length: Math.abs(a - b) + 1 }, (_, i) => Math.min(a, b) + i));
  const clickCategory = (k: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
    setCursor(k);
    if (e.shiftKey) setSelected(range(anchor, k));
    else if (e.ctrlKey || e.metaKey) {
      const next = new Set(selected);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      setSelected(next);
      setAnchor(k);
    } else {
      setSelected(new Set([k]));
      setAnchor(k);
    }
  };
  const onCategoryKey = (e: KeyboardEvent) => {
    const last = service.categories.length - 1;
    const move = (k: number) => {
      setCursor(k);
      if (e.shiftKey) setSelected(range(anchor, k));
      else {
        setSelected(new Set([k]));
        setAnchor(k);
      }
    };
    if (e.key === 'ArrowDown') move(Math.min(cursor + 1, last));
    else if (e.key === 'ArrowUp') move(Math.max(cursor - 1, 0));
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(last);
    else if (e.key === ' ') clickCategory(cursor, { shiftKey: false, ctrlKey: true, metaKey: false });
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') setSelected(range(0, last));
    else return;
    e.preventDefault();
  };

  const setLevel = (level: number) =>
    setEdits((old) => {
      const next = { ...old };
      for (const k of chosen) next[key(service.categories[k].category)] = level;
      return next;
    });

  const pending = services.flatMap((s) =>
    s.categories
      .filter((c) => {
        const level = edits[`${s.name}\u0000${c.category}`] ?? c.level;
        return !atOnce && (c.restartPending || level !== c.level) && level !== effectiveLevel(c);
      })
      .map((c) => `${s.name} ${c.category}`),
  );

  return (
    <div className="grid gap-3">
      <input type="hidden" name="changes" value={JSON.stringify(changes)} />
      <div className="grid gap-3 md:grid-cols-[14rem_1fr]">
        <div className="grid content-start gap-1">
          <span id="diag-services-label">Services</span>
          <ul
            role="listbox"
            aria-labelledby="diag-services-label"
            tabIndex={0}
            aria-activedescendant={`diag-service-${serviceIndex}`}
            onKeyDown={onServiceKey}
            className="bevel-sunken min-h-24 bg-white outline-none focus-visible:outline-dotted"
          >
            {services.map((s, k) => (
              <li
                key={s.name}
                id={`diag-service-${k}`}
                role="option"
                aria-selected={k === serviceIndex}
                onClick={() => pickService(k)}
                className={`cursor-default px-2 py-0.5 ${k === serviceIndex ? 'bg-select text-white' : ''}`}
              >
                {s.name}
              </li>
            ))}
          </ul>
          <p className="text-[12px] text-ink-muted">{service.description}</p>
        </div>
        <div className="grid content-start gap-1">
          <span id="diag-categories-label">Categories</span>
          <div className="bevel-sunken bg-white">
            <div aria-hidden="true" className="grid grid-cols-[1fr_9rem] border-b border-chrome-shadow/40 bg-chrome px-2 py-0.5 text-[12px] font-semibold">
              <span>Category</span>
              <span>Logging Level</span>
            </div>
            <ul
              role="listbox"
              aria-labelledby="diag-categories-label"
              aria-multiselectable="true"
              tabIndex={0}
              aria-activedescendant={`diag-category-${cursor}`}
              onKeyDown={onCategoryKey}
              className="min-h-32 outline-none focus-visible:outline-dotted"
            >
              {service.categories.map((c, k) => {
                const level = levelOf(c.category, c.level);
                const on = selected.has(k);
                return (
                  <li
                    key={c.category}
                    id={`diag-category-${k}`}
                    role="option"
                    aria-selected={on}
                    aria-label={`${c.category}: ${nameOf(level)}${level !== c.level ? ' (not saved)' : ''}`}
                    onClick={(e) => clickCategory(k, e)}
                    className={`grid cursor-default grid-cols-[1fr_9rem] px-2 py-0.5 select-none ${on ? 'bg-select text-white' : ''} ${k === cursor ? 'outline-dotted outline-1 -outline-offset-1' : ''}`}
                  >
                    <span>{c.category}</span>
                    <span>
                      {nameOf(level)}
                      {level !== c.level ? ' *' : ''}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      </div>
      <fieldset className="grid gap-1">
        <legend className="mb-1">Logging level</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {LEVELS.map((l) => (
            <label key={l.value} className="flex items-center gap-2" title={l.help}>
              <input type="radio" name="loggingLevel" value={l.value} checked={common === l.value} disabled={chosen.length === 0} onChange={() => setLevel(l.value)} />
              <span>{l.label}</span>
            </label>
          ))}
        </div>
        <p className="text-[12px] text-ink-muted">{LEVELS.find((l) => l.value === common)?.help ?? 'Select one or more categories, then a level.'}</p>
      </fieldset>
      <p role="status" className="min-h-5 text-[12px] text-amber-900">
        {changes.length ? `${changes.length} change${changes.length === 1 ? '' : 's'} not saved yet (marked *): Apply saves them. ` : ''}
        {pending.length ? `On Exchange ${version} a changed level takes effect when the service is restarted (${pending.join(', ')}).` : ''}
      </p>
    </div>
  );
}

function effectiveLevel(c: { effectiveName: string }): number {
  return LEVELS.find((l) => l.label === c.effectiveName)?.value ?? -1;
}
