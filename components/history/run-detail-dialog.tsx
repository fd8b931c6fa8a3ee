'use client';

import { useRouter } from 'next/navigation';
import type { RunDetail } from '@/lib/history/query-runs';
import { Modal } from '@/components/ui/modal';
import { OutcomeIcon } from './outcome-icon';

/** Run Details: what one run did — its counts, the messages it sent, read or moved, its log lines and events. */
export function RunDetailDialog({ run, closeHref }: { run: (RunDetail & { when: string }) | null; closeHref: string }) {
  const router = useRouter();
  const fields: [string, string | number][] = run
    ? [
        ['Kind', run.kind],
        ['Object', run.object],
        ['Started', run.when],
        ['Trigger', run.who ? `${run.trigger} (${run.who})` : run.trigger],
        ['Transactions in', run.txnIn],
        ['Transactions out', run.txnOut],
        ['Messages', run.messages],
        ['Duration', `${run.wallEnd - run.wallStart} ms`],
      ]
    : [];
  return (
    <Modal title={run ? `Run ${run.id}` : 'Run'} closeHref={closeHref} width="max-w-3xl">
      {run ? (
        <div className="grid gap-3">
          <p className="flex items-center gap-1.5 font-semibold">
            <OutcomeIcon outcome={run.outcome} />
            {run.outcome}
            {run.numbers ? ` (${run.numbers})` : ''}: {run.summary}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr_auto_1fr]">
            {fields.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-ink-muted">{k}:</dt>
                <dd className="min-w-0 break-words">{v}</dd>
              </div>
            ))}
          </dl>
          <Section title="Messages" empty="It sent, read or moved no message.">
            {run.messageList.map((m, k) => (
              <li key={k}>
                <span className="inline-block w-14 text-ink-muted">{m.dir}</span> {m.subject}
              </li>
            ))}
          </Section>
          <Section title="Log lines" empty="It wrote no log line.">
            {run.logLines.map((l, k) => (
              <li key={k}>
                {l.po} {l.file}.LOG {l.severity} [{l.number}] {l.text}
              </li>
            ))}
          </Section>
          <Section title="Events" empty="It logged no event.">
            {run.events.map((e, k) => (
              <li key={k}>
                {e.computer} {e.source} {e.type} {e.eventId} {e.category}: {e.description.split('\n')[0]}
              </li>
            ))}
          </Section>
        </div>
      ) : (
        <p role="alert">This run is no longer in the run history: it was removed by the retention setting.</p>
      )}
      <div className="mt-3 flex justify-end">
        <button type="button" data-autofocus className="button min-w-20" onClick={() => router.push(closeHref, { scroll: false })}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function Section({ title, empty, children }: { title: string; empty: string; children: React.ReactNode[] }) {
  return (
    <section aria-label={title} className="grid gap-1">
      <h3 className="font-semibold">{title}</h3>
      {children.length ? (
        <ul tabIndex={0} className="bevel-sunken max-h-40 overflow-auto bg-white p-2 font-mono text-[12px]">
          {children}
        </ul>
      ) : (
        <p className="text-[12px]">{empty}</p>
      )}
    </section>
  );
}
