'use client';

import { OutcomeIcon } from '@/components/history/outcome-icon';
import { ColumnHeads } from '@/components/ui/column-heads';
import { useSoftLinks } from '@/components/ui/soft-links';
import type { RunListRow } from '@/lib/queries/run-history-view';

const COLUMNS = ['Started', 'Kind', 'Object', 'Trigger', 'Outcome', 'In', 'Out', 'Messages', 'Duration', 'Summary'];

/** What a row draws, and where its link opens the run's details. */
export type RunTableRow = RunListRow & { href: string };

/**
 * The runs of one page, newest first. A client component that receives the rows as data: as
 * server components every row travelled twice, as HTML and again as the page's React payload
 * (3.7 KB a row in all, the payload the larger part). It is given only what it draws.
 */
export function RunTable({ runs }: { runs: RunTableRow[] }) {
  const open = useSoftLinks({ scroll: false });
  return (
    <table className="w-full text-left text-[12px] [&_td]:px-2 [&_td]:py-1">
      <caption className="sr-only">Runs, newest first</caption>
      <ColumnHeads columns={COLUMNS} className="px-2 py-1 font-semibold whitespace-nowrap" />
      <tbody onClick={open}>
        {runs.map((r) => (
          <tr key={r.id} className="border-t border-chrome-light align-top">
            <td className="whitespace-nowrap tabular-nums">{r.when}</td>
            <td className="whitespace-nowrap">
              <a href={r.href} className="underline" aria-label={`Run ${r.id}: ${r.kind} on ${r.object}`}>
                {r.kind}
              </a>
            </td>
            <td className="whitespace-nowrap">{r.object}</td>
            <td className="whitespace-nowrap">{r.who ? `${r.trigger} (${r.who})` : r.trigger}</td>
            <td className="whitespace-nowrap">
              <span className="flex items-center gap-1">
                <OutcomeIcon outcome={r.outcome} />
                {r.outcome}
                {r.numbers ? ` ${r.numbers}` : ''}
              </span>
            </td>
            <td className="text-right tabular-nums">{r.txnIn}</td>
            <td className="text-right tabular-nums">{r.txnOut}</td>
            <td className="text-right tabular-nums">{r.messages}</td>
            <td className="text-right tabular-nums whitespace-nowrap">{r.durationMs} ms</td>
            <td>
              {/* One line a run, as the Administrator's lists are: the whole summary in the tooltip and the run's details. */}
              <div className="max-w-[32rem] truncate" title={r.summary}>
                {r.summary}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
