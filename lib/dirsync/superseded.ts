import { normalTarget } from './master-lists';
import { listKeyOf, parseAddress } from './names';

/** The list a transaction changes: an `R`'s list, or the list of an A/M/D's address. */
export function txnListKey(text: string): string | null {
  if (text.startsWith('R ')) return normalTarget(text.slice(2));
  const end = text.indexOf('\n');
  const head = end < 0 ? text : text.slice(0, end);
  const address = parseAddress(head.slice(head.indexOf('\t') + 1));
  return address ? listKeyOf(address) : null;
}

/**
 * Drop the transactions that a later `R` of the same list makes pointless: an `R` empties the
 * list and the adds after it rebuild it, so what came before changes nothing at the receiver.
 * Order is kept. This is why an Export after a first cycle does not send every name twice.
 */
export function dropSuperseded<T extends { listKey: string | null; text: string }>(entries: T[]): T[] {
  const replaced = new Set<string>();
  const kept: T[] = [];
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k];
    if (e.listKey !== null && replaced.has(e.listKey)) continue;
    kept.push(e);
    if (e.listKey !== null && e.text.startsWith('R ')) replaced.add(e.listKey);
  }
  return kept.reverse();
}
