'use client';

import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { createResyncWizardAction } from '../actions';
import { WizardFrame } from '@/components/wizard/wizard-frame';
import { PAGE_LABELS } from '@/components/wizard/labels';
import { routes } from '@/lib/console/routes';
import { answerOf } from '@/components/ui/use-action';
import type { OpenWizard } from '@/lib/resync/wizard-state';

interface Direction {
  direction: 'exchange-dss-to-msmail' | 'msmail-dss-to-exchange' | 'msmail-dss-to-msmail';
  dss: string;
  requestors: string[];
  title: string;
  dssLabel: string;
}

/** The Direction page: only the directions this network has; Next > stores the run and goes on. */
export function NewResyncWizard({
  directions,
  chosen,
  requestor,
  open,
  canChange,
}: {
  directions: Direction[];
  chosen: number;
  requestor?: string;
  /** The newest open runs; `more`: whether a longer list can be asked for. */
  open: { runs: OpenWizard[]; total: number; more: boolean };
  canChange: boolean;
}) {
  const router = useRouter();
  const [pick, setPick] = useState(chosen);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const d = directions[pick];
  const next = () =>
    start(async () => {
      if (!d) return;
      const r = await answerOf(() => createResyncWizardAction({ direction: d.direction, dss: d.dss, requestors: requestor && pick === chosen ? [requestor] : d.requestors }));
      if (r.ok) router.push(routes.resyncWizard(r.data.id, 'requestors'));
      else setError(r.error);
    });
  const pages = ['direction', 'requestors', ...(d?.direction === 'exchange-dss-to-msmail' ? ['exchange'] : []), 'prediction', 'files', 'steps', 'finish'].map((id) => ({ id, label: PAGE_LABELS[id] }));
  return (
    <WizardFrame
      title="Resync Wizard"
      pages={pages}
      current="direction"
      heading="Which way does the resync go?"
      back={{ disabled: true, why: 'This is the first page' }}
      next={{ onClick: next, disabled: !d || pending, why: d ? undefined : 'This network has no dirsync server with requestors' }}
      cancel={{ onClick: () => router.push('/') }}
      finish={{ disabled: true, why: 'Finish is available on the last page' }}
    >
      <p className="max-w-prose">
        A RESYNC.GLB gives requestors the dirsync server&apos;s address lists and sync numbers when their numbers have gone wrong. Choose the dirsync server and which
        requestors it is for. Nothing is changed until you run a step.
      </p>
      {directions.length === 0 ? (
        <p role="alert" className="text-red-800">
          This network has no dirsync server with requestors, so there is nothing to resync. Set up a Dirsync Server (or an MS Mail postoffice with Dir-Sync Options:
          Server) and its requestors first.
        </p>
      ) : (
        <fieldset className="grid gap-2">
          <legend className="mb-1 font-semibold">Direction</legend>
          {directions.map((x, k) => (
            <label key={`${x.direction}:${x.dss}`} className="bevel-raised flex items-start gap-2 bg-chrome p-2">
              <input type="radio" name="direction" className="mt-1" checked={k === pick} onChange={() => setPick(k)} />
              <span>
                <span className="font-semibold">{x.title}</span>
                <span className="block text-[12px] text-ink-muted">
                  From the {x.dssLabel} to {x.requestors.join(', ')}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {requestor && pick === chosen ? <p className="text-[12px]">Opened from {requestor}: the wizard starts with that requestor chosen.</p> : null}
      {!canChange ? (
        <p className="text-[12px] text-ink-muted">A View Only Admin can open a wizard an Admin started and see its pages and prediction, but cannot start one or run its steps.</p>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      ) : null}
      {open.runs.length ? (
        <section aria-labelledby="open-runs" className="mt-2">
          <h3 id="open-runs" className="font-semibold">
            Resync Wizards in progress ({open.total})
          </h3>
          {open.total > open.runs.length ? (
            <p className="text-[12px]">
              The {open.runs.length} newest of {open.total} are listed.{' '}
              {open.more ? (
                <Link className="underline" href={routes.newResyncWizard({ all: '1' })}>
                  Show all {open.total}
                </Link>
              ) : (
                'Cancel the ones nobody will finish (each wizard’s Cancel button) to see the older ones.'
              )}
            </p>
          ) : null}
          <ul className="list-disc pl-5">
            {open.runs.map((o) => (
              <li key={o.id}>
                <Link className="underline" href={routes.resyncWizard(o.id)}>
                  Resync Wizard {o.id}: {o.dss} → {o.requestors.join(', ')}
                </Link>{' '}
                <span className="text-[12px] text-ink-muted">
                  started by {o.createdBy}, on the {PAGE_LABELS[o.page] ?? o.page} page
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </WizardFrame>
  );
}
