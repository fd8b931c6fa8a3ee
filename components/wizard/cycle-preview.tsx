import type { CyclePreview } from '@/lib/manual/preview-cycle';

/** Lists longer than this show their first names and a count of the rest. */
const SHOWN = 200;

const txn = (t: string) => t.replace(/\t/g, '  ');
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function List({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details className="text-[12px]">
      <summary className="cursor-pointer">{label}</summary>
      <ul aria-label={label} className="bevel-sunken max-h-48 overflow-auto bg-white p-1 font-mono">
        {items.slice(0, SHOWN).map((t, k) => (
          <li key={k} className="whitespace-pre-wrap [overflow-wrap:anywhere]">
            {t}
          </li>
        ))}
        {items.length > SHOWN ? <li>… and {items.length - SHOWN} more</li> : null}
      </ul>
    </details>
  );
}

/**
 * A requestor's next cycle as the preview found it (lib/manual/preview-cycle.ts): the update its
 * T1 would send, the DSS's reply, the names its GAL (an Exchange requestor: its Import Container)
 * would gain, change and lose, and why anything would not happen.
 */
export function CyclePreviewCard({ p }: { p: CyclePreview }) {
  const g = p.gal;
  const list = p.kind === 'exchange' ? 'Import Container' : 'GAL';
  return (
    <section aria-label={`Preview of ${p.requestor}`} className="bevel-raised grid gap-1 bg-chrome p-2 text-[13px]">
      <h3 className="font-semibold">
        {p.requestor} <span className="text-[12px] font-normal text-ink-muted">{p.kind === 'exchange' ? 'Exchange requestor' : 'MS Mail requestor'} of {p.dss}</span>
      </h3>
      <p>
        T1 would send: <span className="font-mono">{p.sent ? p.sent.subject : 'nothing'}</span>
      </p>
      <List label={`The ${count(p.sent?.transactions.length ?? 0, 'transaction')} of the update`} items={(p.sent?.transactions ?? []).map(txn)} />
      <p>
        The DSS would reply: <span className="font-mono">{p.reply ? p.reply.subject : 'no reply'}</span>
      </p>
      <List label={`The ${count(p.reply?.transactions.length ?? 0, 'transaction')} of the reply`} items={(p.reply?.transactions ?? []).map(txn)} />
      <p>
        After {p.kind === 'exchange' ? 'the reply is applied' : 'T3'} the {list} would hold {g.after} names (now {g.before}):{' '}
        <span className={g.gain.length ? 'text-green-800' : undefined}>{g.gain.length} gained</span>, {g.change.length} changed,{' '}
        <span className={g.lose.length ? 'font-semibold text-red-800' : undefined}>{g.lose.length} lost</span>
      </p>
      <List label={`Names gained (${g.gain.length})`} items={g.gain.map((n) => `+ ${n.name}  ${n.address}`)} />
      <List label={`Names changed (${g.change.length})`} items={g.change.map((c) => `~ ${c.from} → ${c.to}  ${c.address}`)} />
      <List label={`Names lost (${g.lose.length})`} items={g.lose.map((n) => `- ${n.name}  ${n.address}`)} />
      {p.notes.map((n, k) => (
        <p key={k} className="border-l-4 border-red-700 bg-white px-1 text-red-900">
          {n}
        </p>
      ))}
    </section>
  );
}
