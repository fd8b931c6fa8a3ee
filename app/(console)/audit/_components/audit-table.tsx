'use client';

import type { AuditChange } from '@/lib/auth/audit';
import { ColumnHeads } from '@/components/ui/column-heads';

export interface AuditTableRow {
  id: number;
  when: string;
  who: string;
  action: string;
  object: string;
  changes: AuditChange[];
}

const COLUMNS = [
  ['When (UTC)', 'w-36'],
  ['Who', 'w-24'],
  ['What', 'w-[22%]'],
  ['Object', 'w-[24%]'],
  ['Changes', ''],
] as const;

/**
 * One page of the audit trail, newest first. A client component fed the entries as data: as
 * server components every entry travelled twice, as HTML and again in the page's React payload.
 */
export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  return (
    <table className="w-full min-w-[640px] table-fixed border-collapse text-left text-[12px] [&_td]:px-2 [&_td]:py-1">
      <caption className="sr-only">Changes made through the console, newest first</caption>
      <ColumnHeads columns={COLUMNS} className="bevel-raised px-2 py-1 font-semibold" />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-chrome-light align-top">
            <td className="whitespace-nowrap tabular-nums">{r.when}</td>
            <td className="truncate" title={r.who}>
              {r.who}
            </td>
            <td className="break-words">{r.action}</td>
            <td className="break-words">{r.object}</td>
            <td>
              {r.changes.length ? (
                <ul className="grid gap-0.5">
                  {r.changes.map((c) => (
                    <li key={c.field} className="break-words">
                      <span className="font-semibold">{c.field}:</span> {c.before} <span aria-hidden="true">→</span>
                      <span className="sr-only"> changed to</span> {c.after}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-ink-muted">(no field changed)</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
