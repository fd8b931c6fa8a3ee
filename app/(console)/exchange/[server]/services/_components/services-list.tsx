'use client';

import { useState, type KeyboardEvent } from 'react';
import { controlServiceAction } from '../actions';
import type { ServicesView } from '@/lib/queries/services-view';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { WarningIcon } from '@/components/ui/icons';
import { useAction } from '@/components/ui/use-action';

type Verb = 'start' | 'stop' | 'pause' | 'continue';

const VERBS: { verb: Verb; label: string; allowed: (state: string) => boolean }[] = [
  { verb: 'start', label: 'Start', allowed: (s) => s === 'Stopped' },
  { verb: 'stop', label: 'Stop', allowed: (s) => s !== 'Stopped' },
  { verb: 'pause', label: 'Pause', allowed: (s) => s === 'Running' },
  { verb: 'continue', label: 'Continue', allowed: (s) => s === 'Paused' },
];

interface Pause2140 {
  message: string;
  cycle: 'T1' | 'T2' | null;
  lines: string[];
}

/** The Services list: pick a service (click or arrow keys), then Start, Stop, Pause or Continue. */
export function ServicesList({ view, canChange }: { view: ServicesView; canChange: boolean }) {
  const [selected, setSelected] = useState(0);
  const { pending, status, run: runAction } = useAction();
  const [dialog, setDialog] = useState<Pause2140 | null>(null);
  const current = view.services[selected];

  const run = (verb: Verb) =>
    runAction(() => controlServiceAction({ server: view.server, service: current.name, action: verb }), {
      done: (data) => {
        if (data.error2140) {
          setDialog({ message: data.error2140, cycle: data.cycle, lines: data.cycleLines });
          return;
        }
        // Said once, in the Result line under the list (the window does not scroll away from it): no toast repeating it.
        return data.lines.join(' ') || `${current.displayName}: ${data.state}`;
      },
      refreshAlways: true,
    });

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((k) => Math.min(k + 1, view.services.length - 1));
    else if (e.key === 'ArrowUp') setSelected((k) => Math.max(k - 1, 0));
    else if (e.key === 'Home') setSelected(0);
    else if (e.key === 'End') setSelected(view.services.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="flex flex-1 flex-col flex-wrap gap-2 sm:flex-row">
      <div className="bevel-sunken min-h-48 flex-1 overflow-auto bg-white">
        <div className="grid grid-cols-[1fr_8rem] border-b border-chrome-shadow/40 bg-chrome px-2 py-1 text-[12px] font-semibold" aria-hidden="true">
          <span>Service</span>
          <span>Status</span>
        </div>
        <ul
          role="listbox"
          aria-label="Services"
          tabIndex={0}
          aria-activedescendant={`service-${selected}`}
          onKeyDown={onKey}
          className="outline-none focus-visible:outline-dotted"
        >
          {view.services.map((s, k) => (
            <li
              key={s.name}
              id={`service-${k}`}
              role="option"
              aria-selected={k === selected}
              onClick={() => setSelected(k)}
              className={`grid cursor-default grid-cols-[1fr_8rem] px-2 py-1 ${k === selected ? 'bg-select text-white' : ''}`}
            >
              <span>
                {s.displayName}
                {s.restartFor.length ? (
                  <span className={`block text-[12px] ${k === selected ? 'text-white/85' : 'text-amber-800'}`}>
                    Restart needed: {s.restartFor.join('; ')}
                  </span>
                ) : null}
              </span>
              <span>{s.state === 'Stopped' ? '' : s.state === 'Running' ? 'Started' : 'Paused'}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-row flex-wrap gap-2 sm:w-32 sm:flex-col">
        {VERBS.map(({ verb, label, allowed }) => (
          <button
            key={verb}
            type="button"
            className="button"
            disabled={pending || !canChange || !current || !allowed(current.state)}
            title={canChange ? undefined : 'A View Only Admin cannot control services'}
            onClick={() => run(verb)}
          >
            {label}
          </button>
        ))}
      </div>
      <p role="status" aria-label="Result" className={`min-h-5 basis-full text-[12px] ${status?.error ? 'text-red-800' : ''}`}>
        {pending ? 'Working…' : status?.text}
      </p>
      {dialog ? <Error2140Dialog pause={dialog} server={view.server} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

/** The [STOP] message box of a DX pause — "a good message" (KB Q146738) — and what it started. */
function Error2140Dialog({ pause, server, onClose }: { pause: Pause2140; server: string; onClose: () => void }) {
  const why =
    pause.cycle === 'T1'
      ? `This is expected: pausing the service made ${server}'s dirsync requestor send its updates now (a T1 cycle).`
      : pause.cycle === 'T2'
        ? `This is expected: pausing the service made ${server}'s dirsync server process the requests it has received now (a T2 cycle).`
        : `This is expected, but ${server} has neither a Dirsync Server nor a Dirsync Requestor object, so no cycle ran.`;
  return (
    <DialogFrame title="Services" role="alertdialog" width="max-w-md" describedBy="svc-dialog-text" onEscape={onClose}>
      <div className="flex gap-3 p-4">
        <WarningIcon />
        <div id="svc-dialog-text" className="grid gap-2">
          <p>{pause.message}</p>
          <p className="text-ink-muted">{why}</p>
          {pause.lines.length ? <pre className="bevel-sunken overflow-auto bg-white p-2 text-[12px]">{pause.lines.join('\n')}</pre> : null}
        </div>
      </div>
      <div className="flex justify-center pb-4">
        <button type="button" className="button min-w-24" onClick={onClose} data-autofocus>
          OK
        </button>
      </div>
    </DialogFrame>
  );
}
