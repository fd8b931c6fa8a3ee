import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PreviewLink } from '@/components/wizard/preview-link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { canChange, requirePageSession } from '@/lib/auth/request';
import { QUEUE_FILES } from '@/lib/dirsync/listq';
import { getPostofficeView } from '@/lib/queries/postoffice-view';
import { ChildWindow } from '@/components/console/child-window';
import { PostofficeIcon } from '@/components/ui/icons';
import { ActionForm } from '@/components/ui/action-form';
import { CommandPrompt } from './_components/command-prompt';
import { findPo } from '@/lib/dirsync/postoffices';
import { parsePoName } from '@/lib/dirsync/names';
import { processTimes } from '@/lib/dirsync/process-times';
import { galView } from '@/lib/queries/gal-view';
import { DirsyncOptions } from './_components/dirsync-options';
import { ServerRequestors } from './_components/server-requestors';
import { RequestButtons } from './_components/request-buttons';
import { DispatchSchedule } from './_components/dispatch-schedule';
import { MailboxList } from './_components/mailbox-list';
import { GalList } from './_components/gal-panel';
import { DeletePostofficeButton } from './_components/delete-postoffice-button';
import { DeleteGuardForm } from '@/components/guard/delete-guard-form';
import { deleteGuardAction } from '@/app/(console)/guard-actions';
import { deleteGuardOf } from '@/lib/dirsync/delete-guard';
import { deleteGuardRevision } from '@/lib/guard/guard-target';
import { RevisionField } from '@/components/ui/revision-field';
import { keepUpdatesRevision, registrationRevision, scheduleRevision, typesRevision } from '@/lib/queries/revisions';
import type { Db } from '@/db/client';
import { keepUpdatesAction, registerAction, typesAction } from './actions';
import { poFromSegment, routes } from '@/lib/console/routes';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ po: string }> }): Promise<Metadata> {
  return { title: `Postoffice ${poFromSegment((await params).po)}` };
}

function Panel({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const id = `panel-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={id} className={`bevel-raised grid min-w-0 content-start gap-2 bg-chrome p-2 ${wide ? 'lg:col-span-2' : ''}`}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * One MS Mail postoffice as the MS Mail Administrator shows it: local mailboxes, Config ▸ Dir-Sync
 * (Registration, Types, Import, Export; on the DSS Requestors and Keep Updates), the Schedule, the
 * queues with each message's subject, LISTDS and LISTQ of its GLB files, and a command prompt
 * running the MS Mail utilities for it. Its logs are at `logs`.
 */
export default async function PostofficePage({ params, searchParams }: { params: Promise<{ po: string }>; searchParams: Promise<{ listq?: string }> }) {
  const { po } = await params;
  const session = await requirePageSession(routes.postoffice(po));
  const view = getPostofficeView(sharedDatabase(), po, (await searchParams).listq);
  if (!view) notFound();
  const readOnly = !canChange(session.role);
  const db = sharedDatabase();
  // The revision each form is opened at (lib/queries/revisions.ts): a save over someone else's change is refused.
  const revisionOf = (read: (db: Db, po: string) => { revision: string | number }) => <RevisionField value={read(db, view.name).revision} />;
  const row = findPo(db, parsePoName(view.name))!;
  const hidden = <input type="hidden" name="po" value={view.name} />;
  return (
    <ChildWindow title={`MS Mail Administrator - ${view.name}${view.drive ? ` (drive ${view.drive}:)` : ''}`} icon={<PostofficeIcon />}>
      {/* The panels scroll; the command prompt stays docked below them, always in view. */}
      <div role="region" aria-label="Postoffice panels" tabIndex={0} className="relative grid min-h-0 flex-1 gap-2 overflow-auto lg:grid-cols-2">
        <Panel title="Dir-Sync">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-[13px]">
            <dt>Role</dt>
            <dd>{view.role}</dd>
            <dt>File server</dt>
            <dd>\\{view.fileServer}\MAILDATA</dd>
            <dt>REQCONF</dt>
            <dd className="tabular-nums">
              ReqSync = {view.reqconf.reqSync}, SrvSync = {view.reqconf.srvSync}, ImpSync = {view.reqconf.impSync}
            </dd>
            <dt>Accepted types</dt>
            <dd>{view.reqconf.types}</dd>
            {view.isDss ? (
              <>
                <dt>Requestors</dt>
                <dd>{view.requestors.join(', ')}</dd>
              </>
            ) : null}
          </dl>
          <div className="flex flex-wrap gap-x-3 gap-y-1 [&>*]:whitespace-nowrap">
            <Link className="underline" href={routes.postofficeLogs(view.name)}>
              DIRSYNC.LOG and DISPATCH.LOG
            </Link>
            <Link className="underline" href={routes.postofficeFiles(view.name)}>
              Files (GLB directory)
            </Link>
            {view.isDss || view.reqconf.dss ? (
              <Link className="underline" href={routes.newResyncWizard(view.isDss ? { dss: view.name } : { requestor: view.name })}>
                Resync Wizard…
              </Link>
            ) : null}
            {view.reqconf.dss ? <PreviewLink requestor={view.name} className="underline" /> : null}
          </div>
          <DirsyncOptions po={view.name} isDss={view.isDss} disabled={readOnly} />
          <DeleteGuardForm action={deleteGuardAction} target={view.name} guard={deleteGuardOf(db, row.id)} revision={deleteGuardRevision(db, view.name).revision} disabled={readOnly} />
          <div>
            <DeletePostofficeButton po={view.name} canChange={!readOnly} />
          </div>
        </Panel>
        <Panel title="Requestor">
          <ActionForm action={registerAction} label="Registration" submit="Register" done="Registered" disabled={readOnly}>
            {hidden}
            {revisionOf(registrationRevision)}
            <label className="grid gap-1">
              <span>Dir-Sync Server</span>
              <input name="dss" defaultValue={view.reqconf.dss ?? ''} className="field" placeholder="NET/PO" />
            </label>
            <label className="grid gap-1">
              <span>Password</span>
              <input name="password" type="password" className="field" autoComplete="off" />
            </label>
          </ActionForm>
          <ActionForm action={typesAction} label="Types" submit="Save types" done="Accepted address types: {}" disabled={readOnly}>
            {hidden}
            {revisionOf(typesRevision)}
            <label className="grid gap-1">
              <span>Address types to accept</span>
              <input name="types" defaultValue={view.reqconf.types} className="field" />
            </label>
          </ActionForm>
          <RequestButtons po={view.name} disabled={readOnly} />
        </Panel>
        {view.isDss ? (
          <Panel title="Server">
            <ActionForm action={keepUpdatesAction} label="Keep Updates" submit="Save" done="Keep Updates saved" disabled={readOnly}>
              {hidden}
              {revisionOf(keepUpdatesRevision)}
              <label className="grid gap-1">
                <span>Keep Updates (cycles)</span>
                <input name="cycles" defaultValue={view.keepUpdates ?? 14} inputMode="numeric" className="field w-24" />
              </label>
            </ActionForm>
            <h3 className="font-semibold">Requestors</h3>
            <ServerRequestors po={view.name} requestors={view.requestors} disabled={readOnly} />
          </Panel>
        ) : null}
        <Panel title="Schedule" wide>
          <DispatchSchedule po={view.name} initial={processTimes(db, row.id)} isDss={view.isDss} disabled={readOnly} revision={scheduleRevision(db, view.name).revision} />
        </Panel>
        <Panel title={`Local mailboxes (${view.mailboxes.length})`}>
          <MailboxList po={view.name} mailboxes={view.mailboxes} canChange={!readOnly} />
        </Panel>
        <Panel title="Global Address List">
          <GalList gal={galView(db, row.id)} />
        </Panel>
        <Panel title={`Queues (${view.messages.length})`}>
          {view.messages.length === 0 ? (
            <p>P1, the outbound queues and the SYSTEM mailbag are empty.</p>
          ) : (
            <ul aria-label="Queued messages" tabIndex={0} className="bevel-sunken max-h-56 overflow-auto bg-white text-[12px]">
              {view.messages.map((m) => (
                <li key={m.id} className="border-b border-chrome-light px-2 py-1">
                  <span className="font-semibold">{m.place}</span>: {m.subject}
                  <span className="block text-ink-muted">
                    {m.from} → {m.to} · {m.created} · {m.messageId}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="LISTDS">
          <pre aria-label="LISTDS output" tabIndex={0} className="bevel-sunken max-h-56 overflow-auto bg-white p-2 font-mono text-[12px]">
            {view.listds}
          </pre>
        </Panel>
        <Panel title="LISTQ">
          <nav aria-label="LISTQ file" className="flex gap-2">
            {QUEUE_FILES.map((f) => (
              <Link key={f} href={`${routes.postoffice(view.name)}?listq=${f}`} aria-current={view.listq.file === f ? 'page' : undefined} className={view.listq.file === f ? 'font-semibold' : 'underline'}>
                {f.toUpperCase()}.GLB
              </Link>
            ))}
          </nav>
          <pre aria-label="LISTQ output" tabIndex={0} className="bevel-sunken max-h-56 overflow-auto bg-white p-2 font-mono text-[12px]">
            {view.listq.text}
          </pre>
        </Panel>
      </div>
      {/* Docked, its output window is a little shorter, so the panels keep room above it. */}
      <div className="shrink-0 pt-2 [&_[role=log]]:h-40">
        <CommandPrompt po={view.name} drive={view.drive} disabled={readOnly} />
      </div>
    </ChildWindow>
  );
}
