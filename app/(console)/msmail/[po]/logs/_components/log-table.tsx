'use client';

import { EventTypeIcon } from '@/components/events/event-type-icon';
import { ColumnHeads } from '@/components/ui/column-heads';
import type { LogViewRow } from '@/lib/queries/postoffice-logs';

const COLUMNS = [
  ['Date', 'w-24'],
  ['Time', 'w-24'],
  ['Severity', 'w-28'],
  ['Number', 'w-20'],
  ['Text', ''],
] as const;

/**
 * One page of a log file's lines, newest first. A client component fed the lines as data: as
 * server components every line travelled twice, as HTML and again in the page's React payload.
 */
export function LogTable({ name, rows }: { name: string; rows: LogViewRow[] }) {
  return (
    <table aria-label={name} className="w-full min-w-[640px] border-collapse text-left text-[13px] [&_td]:px-2">
      <ColumnHeads columns={COLUMNS} className="bevel-raised px-2 py-1 font-normal whitespace-nowrap" />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="h-7 hover:bg-chrome-light">
            <td className="whitespace-nowrap">{r.date}</td>
            <td className="whitespace-nowrap">{r.time}</td>
            <td className="whitespace-nowrap">
              <span className="inline-flex items-center gap-1.5">
                <EventTypeIcon type={r.severity} />
                <span aria-hidden="true">{r.severity}</span>
              </span>
            </td>
            <td className="tabular-nums">[{r.number}]</td>
            <td>{r.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
