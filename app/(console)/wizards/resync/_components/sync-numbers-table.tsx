import type { ResyncPrediction, ResyncVerdict } from '@/lib/resync/predict-resync';
import { belowRequestor } from '@/lib/dirsync/resync-seq-rule';

type Numbers = { reqSync: number; srvSync: number; impSync: number };
const COLUMNS: [keyof Numbers, string][] = [
  ['reqSync', 'ReqSync'],
  ['srvSync', 'SrvSync'],
  ['impSync', 'ImpSync'],
];

/**
 * One requestor's numbers against the file, as a small table to look at rather than a sentence to
 * parse: at the requestor, in the DSS's record, the file's header, and — when it applies — what
 * they become. A number the file is below (the Fatal 14 rule) is marked where it stands.
 */
export function SyncNumbersTable({ verdict: v, header }: { verdict: ResyncVerdict; header: ResyncPrediction['header'] }) {
  const file = header ? { reqSync: header.reqSeq, srvSync: header.srvSeq, impSync: header.impSeq } : null;
  const below = header ? belowRequestor(header, v.atRequestor) : { reqSync: false, impSync: false };
  const rows: [string, Numbers | null][] = [
    ['At the requestor (REQCONF)', v.atRequestor],
    ['In the DSS’s record', v.inDss],
  ];
  if (file) rows.push(['The file’s header (REQSEQ, SRVSEQ, IMPSEQ)', file]);
  if (file && v.applies) rows.push(['After it applies', file]);
  const cell = (label: string, n: Numbers | null, key: keyof Numbers) => {
    if (!n)
      return (
        <td key={key} className="px-2 py-0.5 text-ink-muted">
          —
        </td>
      );
    const refusing = label === rows[0][0] && key !== 'srvSync' && below[key];
    return (
      <td key={key} className={`px-2 py-0.5 text-right ${refusing ? 'bg-red-100 font-bold text-red-800' : ''}`}>
        {n[key]}
        {refusing ? <span className="ml-1 text-[11px]">&gt; {key === 'reqSync' ? 'REQSEQ' : 'IMPSEQ'} {key === 'reqSync' ? header!.reqSeq : header!.impSeq}</span> : null}
      </td>
    );
  };
  return (
    <table aria-label={`${v.requestor}: sync numbers`} className="mt-1 text-[12px] tabular-nums">
      <thead>
        <tr className="text-left">
          <th className="px-2 py-0.5">
            <span className="sr-only">Where</span>
          </th>
          {COLUMNS.map(([key, head]) => (
            <th key={key} className="px-2 py-0.5 text-right">
              {head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label} className="border-t border-chrome">
            <th scope="row" className="px-2 py-0.5 text-left font-normal">
              {label}
              {n === null ? ' (not registered)' : ''}
            </th>
            {COLUMNS.map(([key]) => cell(label, n, key))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
