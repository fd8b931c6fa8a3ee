import type { CyclePreview } from './preview-cycle';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** A transaction as listq shows it: the tab between full name and address as two spaces. */
const txn = (t: string) => t.replace(/\t/g, '  ');

/** The preview as `dirsync preview` prints it (docs/cli.md). */
export function previewText(p: CyclePreview): string {
  const out = [`Preview of the next cycle of ${p.requestor} (dirsync server ${p.dss}): nothing was changed`];
  out.push(p.sent ? `T1 would send: ${p.sent.subject}` : 'T1 would send nothing');
  for (const t of p.sent?.transactions ?? []) out.push(`  ${txn(t)}`);
  out.push(p.reply ? `The DSS would reply: ${p.reply.subject}` : 'The DSS would send no reply');
  for (const t of p.reply?.transactions ?? []) out.push(`  ${txn(t)}`);
  const g = p.gal;
  const what = p.kind === 'exchange' ? 'Import Container' : 'GAL';
  out.push(
    `After ${p.kind === 'exchange' ? 'the reply is applied' : 'T3'} the ${what} would hold ${plural(g.after, 'name')} (now ${g.before}): ${g.gain.length} gained, ${g.change.length} changed, ${g.lose.length} lost`,
  );
  for (const n of g.gain) out.push(`  + ${n.name}  ${n.address}`);
  for (const c of g.change) out.push(`  ~ ${c.from} → ${c.to}  ${c.address}`);
  for (const n of g.lose) out.push(`  - ${n.name}  ${n.address}`);
  for (const n of p.notes) out.push(`Note: ${n}`);
  return out.join('\n');
}
