'use client';

import { useRouter } from 'next/navigation';
import { useId, useOptimistic, useState, type ReactNode } from 'react';
import {
  closeResyncWizardAction,
  rerunResyncWizardAction,
  runResyncWizardStepAction,
  setResyncWizardOptionsAction,
  setResyncWizardPageAction,
  uploadResyncGlbAction,
} from '../actions';
import type { ResyncWizardView } from '@/lib/queries/resync-wizard-view';
import type { ResyncPrediction, ResyncVerdict } from '@/lib/resync/predict-resync';
import type { WizardStepDto } from '@/lib/resync/wizard-state';
import type { ActionResult } from '@/lib/actions/safe-action';
import { useAction } from '@/components/ui/use-action';
import { CancelWizardDialog } from '@/components/wizard/cancel-wizard-dialog';
import { WizardFrame } from '@/components/wizard/wizard-frame';
import { PAGE_LABELS } from '@/components/wizard/labels';
import { routes } from '@/lib/console/routes';
import { WizardStep } from '@/components/wizard/wizard-step';
import { SyncNumbersTable } from './sync-numbers-table';

/** The wizard accepts an upload up to this size (the engine checks it again). */
const MAX_UPLOAD = 8 * 1024 * 1024;

const HEADINGS: Record<string, string> = {
  requestors: 'Which requestors get the file?',
  exchange: 'Exchange dirsync server options',
  prediction: 'What will happen: the header against each requestor',
  files: 'The RESYNC.GLB file',
  steps: 'The steps of the document',
  finish: 'Finished: the numbers before and after',
};

const n3 = (x: { reqSync: number; srvSync: number; impSync: number } | null) => (x ? `${x.reqSync} / ${x.srvSync} / ${x.impSync}` : 'not registered');

/** A stored Resync Wizard run: every page, the Back/Next/Cancel/Finish row, and the actions behind them. */
type OptionsChange = { requestors?: string[]; names?: string[]; globalMax?: boolean };

export function ResyncWizard({ view: stored, canChange }: { view: ResyncWizardView; canChange: boolean }) {
  const router = useRouter();
  // A ticked box shows ticked at once; the stored choice replaces it when the page refreshes.
  const [shownWizard, showOptions] = useOptimistic(stored.wizard, (w, change: OptionsChange) => ({
    ...w,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  }));
  const view = { ...stored, wizard: shownWizard };
  const { pending, status, setStatus, run } = useAction();
  const error = status?.error ? status.text : null;
  const setError = (text: string | null) => setStatus(text ? { text, error: true } : null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const w = view.wizard;
  const open = w.status === 'open';
  const idx = view.pages.indexOf(view.page);
  const base = routes.resyncWizard(w.id);

  /** Run an action; on success refresh (the page shows the stored state), on failure show why. */
  const act = (fn: () => Promise<ActionResult<unknown>>, then?: () => void) => run(fn, { done: () => then?.() });

  /** Back / Next: an Admin's run remembers the page; a View Only Admin only looks (the URL keeps the place). */
  const go = (page: string) => {
    if (canChange && open) act(() => setResyncWizardPageAction({ id: w.id, revision: w.revision, page }), () => router.push(`${base}?page=${page}`));
    else router.push(`${base}?page=${page}`);
  };
  const allDone = w.steps.length > 0 && w.steps.every((s) => s.status === 'done');
  const nextPage = view.pages[idx + 1];
  const nextBlocked = !nextPage ? 'This is the last page' : view.page === 'steps' && !allDone ? 'Run every step first' : undefined;

  const setOptions = (change: OptionsChange) =>
    act(() => {
      showOptions(change);
      return setResyncWizardOptionsAction({ id: w.id, revision: w.revision, ...change, globalMax: change.globalMax === undefined ? undefined : String(change.globalMax) });
    });

  const optionsLocked = w.started && !w.steps.some((s) => s.status === 'failed');
  const lockedWhy = !canChange ? 'A View Only Admin cannot change the wizard' : !open ? `This wizard was ${w.status}` : optionsLocked ? 'The steps have started: the choices are fixed now' : undefined;

  let body: ReactNode;
  switch (view.page) {
    case 'requestors':
      body = <RequestorsPage view={view} lockedWhy={lockedWhy} pending={pending} onChange={(requestors) => setOptions({ requestors })} />;
      break;
    case 'exchange':
      body = <ExchangePage view={view} lockedWhy={lockedWhy} pending={pending} setOptions={setOptions} />;
      break;
    case 'prediction':
      body = <PredictionPage view={view} lockedWhy={lockedWhy} pending={pending} setOptions={setOptions} dropUpload={() => act(() => uploadResyncGlbAction({ id: w.id, revision: w.revision, data: '' }))} />;
      break;
    case 'files':
      body = (
        <FilesPage
          view={view}
          lockedWhy={lockedWhy}
          pending={pending}
          upload={(data) => act(() => uploadResyncGlbAction({ id: w.id, revision: w.revision, data }))}
          onError={setError}
        />
      );
      break;
    case 'steps':
      body = (
        <StepsPage
          view={view}
          canChange={canChange}
          pending={pending}
          run={(position) => act(() => runResyncWizardStepAction({ id: w.id, revision: w.revision, position }))}
          rerun={(position) => act(() => rerunResyncWizardAction({ id: w.id, revision: w.revision, position }))}
        />
      );
      break;
    case 'finish':
      body = <FinishPage view={view} />;
      break;
    default:
      body = (
        <p>
          {view.directionTitle}: from {w.dss}. Go on with Next.
        </p>
      );
  }

  return (
    <>
      <WizardFrame
        title="Resync Wizard"
        pages={[{ id: 'direction', label: PAGE_LABELS.direction }, ...view.pages.filter((p) => p !== 'direction').map((p) => ({ id: p, label: PAGE_LABELS[p] }))]}
        current={view.page}
        heading={HEADINGS[view.page] ?? view.directionTitle}
        back={{ onClick: () => go(view.pages[idx - 1]), disabled: idx <= 1 || pending, why: idx <= 1 ? 'The direction is fixed once the wizard has started: Cancel and start a new one to change it' : undefined }}
        next={{ onClick: () => nextPage && go(nextPage), disabled: !!nextBlocked || pending, why: nextBlocked }}
        cancel={{ onClick: () => setConfirmCancel(true), disabled: !open || !canChange || pending, why: !canChange ? 'A View Only Admin cannot cancel the wizard' : !open ? `This wizard was ${w.status}` : undefined }}
        finish={{
          onClick: () => act(() => closeResyncWizardAction({ id: w.id, revision: w.revision, how: 'finished' }), () => router.push(`${base}?page=finish`)),
          disabled: view.page !== 'finish' || !allDone || !open || !canChange || pending,
          why: !canChange ? 'A View Only Admin cannot finish the wizard' : !open ? `This wizard was ${w.status}` : !allDone ? 'Run every step first' : view.page !== 'finish' ? 'Go to the last page first' : undefined,
        }}
        status={
          <div className="flex flex-wrap gap-x-4 px-3 pb-1 text-[12px] text-ink-muted">
            <span>
              Resync Wizard {w.id}: {view.directionTitle}, {w.dss} → {w.requestors.join(', ')}
            </span>
            <span>Started by {w.createdBy}</span>
            <span role="status">{w.status === 'open' ? (pending ? 'Working…' : '') : `This wizard was ${w.status}.`}</span>
          </div>
        }
      >
        {error ? (
          <p role="alert" className="bevel-sunken bg-white p-2 text-red-800">
            {error}
          </p>
        ) : null}
        {body}
      </WizardFrame>
      {confirmCancel ? (
        <CancelWizardDialog
          title="Resync Wizard"
          done={w.steps.filter((s) => s.status === 'done').length}
          total={w.steps.length}
          onNo={() => setConfirmCancel(false)}
          onYes={() => {
            setConfirmCancel(false);
            act(() => closeResyncWizardAction({ id: w.id, revision: w.revision, how: 'cancelled' }));
          }}
        />
      ) : null}
    </>
  );
}

function Locked({ why }: { why?: string }) {
  return why ? <p className="text-[12px] text-ink-muted">{why}.</p> : null;
}

function RequestorsPage({ view, lockedWhy, pending, onChange }: { view: ResyncWizardView; lockedWhy?: string; pending: boolean; onChange: (r: string[]) => void }) {
  const chosen = new Set(view.wizard.requestors);
  const toggle = (r: string) => onChange(chosen.has(r) ? [...chosen].filter((x) => x !== r) : [...chosen, r]);
  return (
    <>
      <p className="max-w-prose">
        Choose the requestors of {view.wizard.dss} that get the file. Each shows its numbers (ReqSync / SrvSync / ImpSync) in its own REQCONF and in the dirsync
        server&apos;s record of it.
      </p>
      <Locked why={lockedWhy} />
      <div className="bevel-sunken overflow-auto bg-white">
        <table className="w-full text-left text-[13px]">
          <thead className="bg-chrome">
            <tr>
              <th className="px-2 py-1">Requestor</th>
              <th className="px-2 py-1">At the requestor</th>
              <th className="px-2 py-1">In the DSS&apos;s record</th>
            </tr>
          </thead>
          <tbody>
            {view.choices.map((c) => (
              <tr key={c.requestor} className="border-t border-chrome">
                <td className="px-2 py-1">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={chosen.has(c.requestor)} disabled={!!lockedWhy || pending} onChange={() => toggle(c.requestor)} />
                    {c.requestor}
                    <span className="text-[12px] whitespace-nowrap text-ink-muted">{c.kind === 'exchange' ? 'Exchange requestor' : 'MS Mail'}</span>
                  </label>
                </td>
                <td className="px-2 py-1 tabular-nums">{n3(c.atRequestor)}</td>
                <td className="px-2 py-1 tabular-nums">{n3(c.inDss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ExchangePage({
  view,
  lockedWhy,
  pending,
  setOptions,
}: {
  view: ResyncWizardView;
  lockedWhy?: string;
  pending: boolean;
  setOptions: (c: { names?: string[]; globalMax?: boolean }) => void;
}) {
  const x = view.exchange;
  const id = useId();
  if (!x) return <p>The dirsync server is not an Exchange server.</p>;
  const names = new Set(view.wizard.names);
  const unavailable = !x.sp3 ? `Unavailable: ${x.server} runs Exchange ${x.version}; only DXA 5.5 SP3 (build 2524) or later reads GlobalMaxSeqInResync` : undefined;
  return (
    <>
      <Locked why={lockedWhy} />
      <fieldset className="bevel-raised grid gap-1 bg-chrome p-2">
        <legend className="font-semibold">GlobalMaxSeqInResync</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={view.wizard.globalMax || x.registryGlobalMax}
            disabled={!!lockedWhy || !!unavailable || pending || x.registryGlobalMax}
            aria-describedby={`${id}-why`}
            onChange={(e) => setOptions({ globalMax: e.target.checked })}
          />
          Set GlobalMaxSeqInResync = 1 before making the file
        </label>
        <p id={`${id}-why`} className="text-[12px]">
          Without it the DXA takes IMPSEQ, REQSEQ and SRVSEQ only over the requestors named below, so a requestor whose ReqSync is higher refuses the file with Fatal 14
          (KB Q215505).
          {unavailable ? <span className="block font-semibold text-red-800">{unavailable}.</span> : null}
          {x.registryGlobalMax ? <span className="block">It is already 1 in {x.server}&apos;s registry.</span> : null}
        </p>
      </fieldset>
      <fieldset className="bevel-raised grid gap-1 bg-chrome p-2">
        <legend className="font-semibold">ResyncConnectionRDNs</legend>
        <p className="text-[12px]">The Remote Dirsync Requestor objects the master list is made for: the DXA takes the highest numbers over these (KB Q150976).</p>
        {x.remoteNames.map((r) => (
          <label key={r.po} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={names.has(r.name)}
              disabled={!!lockedWhy || pending}
              onChange={() => setOptions({ names: names.has(r.name) ? view.wizard.names.filter((n) => n !== r.name) : [...view.wizard.names, r.name] })}
            />
            {r.name} <span className="text-[12px] text-ink-muted">({r.po})</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

function Header({ p }: { p: ResyncPrediction }) {
  if (p.damaged) return <p className="font-semibold text-red-800">The file cannot be read: {p.damaged}</p>;
  if (p.noFile) return <p className="font-semibold text-red-800">{p.noFile}</p>;
  if (!p.header) return null;
  const h = p.header;
  return (
    <dl className="bevel-sunken grid grid-cols-[auto_1fr] gap-x-4 bg-white p-2 text-[13px] sm:grid-cols-[repeat(4,auto_1fr)]">
      <dt className="font-semibold">IMPSEQ</dt>
      <dd className="tabular-nums">{h.impSeq}</dd>
      <dt className="font-semibold">REQSEQ</dt>
      <dd className="tabular-nums">{h.reqSeq}</dd>
      <dt className="font-semibold">SRVSEQ</dt>
      <dd className="tabular-nums">{h.srvSeq}</dd>
      <dt className="font-semibold">Records</dt>
      <dd className="tabular-nums">{h.records}</dd>
      {p.globalMaxInForce !== undefined ? (
        <>
          <dt className="font-semibold">Maxima over</dt>
          <dd className="sm:col-span-7">{p.globalMaxInForce ? 'every registered requestor (GlobalMaxSeqInResync in force)' : `the requestors named: ${(p.names ?? []).join(', ')}`}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Verdicts({ p, fixButton }: { p: ResyncPrediction; fixButton: (v: ResyncVerdict, f: ResyncVerdict['fixes'][number]) => ReactNode }) {
  return (
    <ul className="grid gap-2" aria-label="Verdict per requestor">
      {p.verdicts.map((v) => (
        <li key={v.requestor} aria-label={`${v.requestor}: ${v.applies ? 'will apply' : 'will be refused'}`} className={`border-l-4 bg-white p-2 ${v.applies ? 'border-green-700' : 'border-red-700'}`}>
          <p className="font-semibold">
            {v.requestor}:{' '}
            {v.applies ? (
              <span className="text-green-800">will apply</span>
            ) : (
              <span className="text-red-800">will be refused with Fatal [14] Error processing RESYNC.GLB</span>
            )}
          </p>
          <SyncNumbersTable verdict={v} header={p.header} />
          {v.rule ? <p className="text-[13px] text-red-800">{v.rule}</p> : null}
          {v.guardHolds ? <p className="text-[13px] text-amber-900">{v.guardHolds.text}</p> : null}
          {v.fixes.length ? (
            <ul className="mt-1 grid gap-1">
              {v.fixes.map((f) => (
                <li key={f.code + (f.names ?? []).join()} className="flex flex-wrap items-center gap-2 text-[13px]">
                  <span>Fix: {f.text}</span>
                  {fixButton(v, f)}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function PredictionPage({
  view,
  lockedWhy,
  pending,
  setOptions,
  dropUpload,
}: {
  view: ResyncWizardView;
  lockedWhy?: string;
  pending: boolean;
  setOptions: (c: { names?: string[]; globalMax?: boolean }) => void;
  dropUpload: () => void;
}) {
  const p = view.prediction;
  if ('error' in p) return <p role="alert">The prediction cannot be made: {p.error}</p>;
  const w = view.wizard;
  const fixButton = (_v: ResyncVerdict, f: ResyncVerdict['fixes'][number]) => {
    if (f.code === 'nameToo' && f.names?.length) {
      const label = `Also name ${f.names.join(' and ')}`;
      return (
        <button type="button" className="button" disabled={!!lockedWhy || pending} title={lockedWhy} onClick={() => setOptions({ names: [...w.names, ...f.names!.filter((n) => !w.names.includes(n))] })}>
          {label}
        </button>
      );
    }
    if (f.code === 'setGlobalMax') {
      return (
        <button type="button" className="button" disabled={!!lockedWhy || pending} title={lockedWhy} onClick={() => setOptions({ globalMax: true })}>
          Set GlobalMaxSeqInResync
        </button>
      );
    }
    if (f.code === 'makeNewFile' && w.fileSource === 'upload') {
      return (
        <button type="button" className="button" disabled={!!lockedWhy || pending} title={lockedWhy} onClick={dropUpload}>
          Make a new file on the DSS instead
        </button>
      );
    }
    return null;
  };
  return (
    <>
      <p className="max-w-prose">
        {w.fileSource === 'upload' ? 'The uploaded RESYNC.GLB' : `The RESYNC.GLB ${w.dss} would write now`}, against each requestor&apos;s numbers. A requestor whose
        ReqSync or ImpSync is above the file&apos;s REQSEQ or IMPSEQ refuses it.
      </p>
      <p className={`text-[13px] font-semibold ${w.started ? 'text-ink-muted' : 'text-green-800'}`}>
        {w.started ? 'Some steps have run: the network has changed since the wizard started.' : 'Nothing has been changed in the network yet.'}
      </p>
      <Header p={p} />
      <Verdicts p={p} fixButton={fixButton} />
    </>
  );
}

function FilesPage({
  view,
  lockedWhy,
  pending,
  upload,
  onError,
}: {
  view: ResyncWizardView;
  lockedWhy?: string;
  pending: boolean;
  upload: (base64: string) => void;
  onError: (e: string) => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const w = view.wizard;
  const send = async () => {
    if (!file) return onError('Choose a RESYNC.GLB to upload first');
    if (file.size > MAX_UPLOAD) return onError(`The file is ${file.size} bytes; the Resync Wizard accepts up to ${MAX_UPLOAD} bytes`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    upload(btoa(text));
  };
  const h = view.file?.header;
  return (
    <>
      <section aria-labelledby={`${id}-now`} className="bevel-raised grid gap-1 bg-chrome p-2">
        <h3 id={`${id}-now`} className="font-semibold">
          This wizard&apos;s file
        </h3>
        {view.file ? (
          <>
            <p>
              RESYNC.GLB, {view.file.size} bytes, {view.file.source === 'upload' ? 'uploaded' : `made by ${w.dss}`}.{' '}
              {h && 'damaged' in h ? <span className="text-red-800">It is damaged: {h.damaged}</span> : h ? `IMPSEQ ${h.impSeq}, REQSEQ ${h.reqSeq}, SRVSEQ ${h.srvSeq}, ${h.records} records.` : null}
            </p>
            <p>
              <a className="button" href={routes.resyncWizardFile(w.id)} download="RESYNC.GLB">
                Download RESYNC.GLB
              </a>
            </p>
          </>
        ) : (
          <p>None yet: the DSS makes it in the first steps, and it can be downloaded here afterwards.</p>
        )}
      </section>
      <section aria-labelledby={`${id}-up`} className="bevel-raised grid gap-2 bg-chrome p-2">
        <h3 id={`${id}-up`} className="font-semibold">
          Use a RESYNC.GLB you have instead
        </h3>
        <p className="text-[12px]">
          Up to {MAX_UPLOAD / (1024 * 1024)} MB. It is checked (signature, header and record checksums, every length against the bytes that arrived) and its prediction is
          shown on the Prediction page before it is copied anywhere; the steps then place it instead of making one on the DSS.
        </p>
        <Locked why={lockedWhy} />
        <label className="grid gap-1">
          <span>RESYNC.GLB to upload</span>
          <input type="file" className="field" disabled={!!lockedWhy || pending} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="button" disabled={!!lockedWhy || pending || !file} onClick={send}>
            Upload
          </button>
          {w.fileSource === 'upload' ? (
            <button type="button" className="button" disabled={!!lockedWhy || pending} onClick={() => upload('')}>
              Make a new file on the DSS instead
            </button>
          ) : null}
        </div>
        {w.fileSource === 'upload' && !('error' in view.prediction) ? (
          <section aria-label="Prediction for the uploaded file" className="grid gap-2">
            <Header p={view.prediction} />
            <Verdicts p={view.prediction} fixButton={() => null} />
          </section>
        ) : null}
      </section>
    </>
  );
}

function StepsPage({
  view,
  canChange,
  pending,
  run,
  rerun,
}: {
  view: ResyncWizardView;
  canChange: boolean;
  pending: boolean;
  run: (position: number) => void;
  rerun: (position: number) => void;
}) {
  const w = view.wizard;
  const firstOpen = w.steps.find((s) => s.status !== 'done')?.position;
  return (
    <>
      <p className="max-w-prose text-[13px]">
        Each step is one transaction: done as the document says, or not done at all. Run them in order; each is checked after it runs.
        {view.file ? (
          <>
            {' '}
            <a className="underline" href={routes.resyncWizardFile(w.id)} download="RESYNC.GLB">
              Download RESYNC.GLB
            </a>
          </>
        ) : null}
      </p>
      <ol className="grid gap-2">
        {w.steps.map((s) => (
          <WizardStep key={s.position} s={s} runnable={w.status === 'open' && s.position === firstOpen} pending={pending} run={run} rerun={rerun} steps={w.steps} />
        ))}
      </ol>
    </>
  );
}

function FinishPage({ view }: { view: ResyncWizardView }) {
  const w = view.wizard;
  const before = new Map((w.before ?? []).map((b) => [b.requestor, b]));
  return (
    <>
      <p>{w.status === 'finished' ? 'The Resync Wizard is finished.' : 'Every requestor with its numbers and GAL count before the first step and now. Finish closes the wizard.'}</p>
      <div className="bevel-sunken overflow-auto bg-white">
        <table className="w-full text-left text-[13px] tabular-nums">
          <caption className="sr-only">Numbers and GAL counts before and after</caption>
          <thead className="bg-chrome">
            <tr>
              <th className="px-2 py-1">Requestor</th>
              <th className="px-2 py-1">ReqSync</th>
              <th className="px-2 py-1">SrvSync</th>
              <th className="px-2 py-1">ImpSync</th>
              <th className="px-2 py-1">GAL</th>
            </tr>
          </thead>
          <tbody>
            {w.now.map((a) => {
              const b = before.get(a.requestor);
              const cell = (k: 'reqSync' | 'srvSync' | 'impSync' | 'gal') => (b ? `${b[k]} → ${a[k]}` : String(a[k]));
              return (
                <tr key={a.requestor} className="border-t border-chrome">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {a.requestor}
                    {a.kind === 'exchange' ? ' (Import Container)' : ''}
                  </th>
                  <td className="px-2 py-1">{cell('reqSync')}</td>
                  <td className="px-2 py-1">{cell('srvSync')}</td>
                  <td className="px-2 py-1">{cell('impSync')}</td>
                  <td className="px-2 py-1">{cell('gal')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
